/* SPDX-License-Identifier: MIT */
/*
 * What discover prints: the human report, the whole used set (--all),
 * JSON (--json), the --allow list and a profile (--emit).
 */
#ifndef CJS_DISCOVER_REPORT_H
#define CJS_DISCOVER_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "discover_diff.h"
#include "trace_usage.h"

/* How the program was run, for the messages and the suggested commands. */
struct dr_meta {
	char *const *argv; /* PROG ARGS, NULL-terminated */
	bool jail;	   /* run by the launcher (--root, --user, ...) */
	const char *root, *user, *dir;
	const char *const *env;
	size_t nenv;
	bool no_network;
	bool fast;   /* only non-allowed syscalls were traced */
	bool notify; /* the notify engine watched (discover_notify.h) */
	const struct tu_usage *u;
	/* --emit profile: the policy held against (the rule builder's) */
	const struct cj_policy *policy;
	/* per entry of the result: 0, or the errno --minimize proved enough */
	const int *errnos;
};

/* "exited with status 3", "was killed by SIGSYS", ... into BUF. */
const char *dr_outcome(const struct dr_meta *m, char *buf, size_t len);

void dr_print_text(FILE *out, const struct dd_result *r,
		   const struct dr_meta *m);
/* Every syscall used, with counts and verdicts (--all). */
void dr_print_all(FILE *out, const struct dd_result *r,
		  const struct dr_meta *m);
/* The report as one JSON object. 0, or -ENOMEM. */
int dr_print_json(FILE *out, const struct dd_result *r, const struct dr_meta *m,
		  bool all, int status);

/* "name1,name2\n" (--emit allow). */
void dr_emit_allow(FILE *out, const struct dd_result *r);
/* A profile: "allow NAME" lines with "# rationale" comments. */
void dr_emit_profile(FILE *out, const struct dd_result *r,
		     const struct dr_meta *m);

#endif
