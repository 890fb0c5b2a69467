/* SPDX-License-Identifier: MIT */
/*
 * The argument rules of a policy (clone, ioctl, socket, ...), applied to
 * the raw arguments strace printed (-e raw=NAME), and described in words.
 */
#ifndef CJS_ARGCHECK_H
#define CJS_ARGCHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "eval.h"
#include "policy.h"
#include "policy_rules.h"

/* trace_usage buckets of an argument-checked call. */
enum ac_bucket {
	AC_PASS = 0,  /* allowed, or not checked */
	AC_KILL = 1,  /* the jail would kill the program */
	AC_ERRNO = 2, /* the call would fail with an errno */
};

/*
 * A tu_classify_fn; CTX is the const struct cj_eval * of the policy
 * (eval.h: the verdict the filter gives). A call whose verdict needs an
 * argument strace did not print passes. clone3's flags are held against
 * clone's rules, which apply after glibc's fallback.
 */
int ac_classify(void *ctx, const char *name, const char *args, size_t len);

/*
 * The argument values of one call from strace's argument text (clone's
 * flags= decoded), into V. Returns how many were read.
 */
size_t ac_call_args(const char *name, const char *args, size_t len,
		    uint64_t v[6]);

/* "allowed when arg0 (low 32 bits) is 1, 2 or 10" into BUF. */
const char *ac_rule_text(const struct cj_argrule *r, char *buf, size_t len);

/*
 * Print NAME's argument rules, one "- formula: rationale" entry each,
 * wrapped at WIDTH and indented by INDENT. Returns how many rules.
 */
size_t ac_print_rules(FILE *out, const char *name, int indent, int width,
		      bool with_why);

/* Does NAME have argument rules in the default policy? */
bool ac_has_rules(const char *name);

#endif
