/* SPDX-License-Identifier: MIT */
/*
 * The preload library's configuration: its environment variables, checked
 * and turned into a policy. Pure: no syscalls, so cmocka tests every bad
 * value without loading a filter.
 *
 *   SECCOMP_SYSCALL_ALLOW=a:b:c  allow-list: every other call is blocked
 *   SECCOMP_SYSCALL_DENY=a:b:c   deny-list: on top of allow-all, or on top
 *                                of capejail's default policy with
 *                                CAPEJAIL_POLICY=default or CAPEJAIL_PROFILE
 *   CAPEJAIL_POLICY=default      capejail's default policy
 *   CAPEJAIL_PROFILE=FILE        the default policy with a capejail profile
 *   CAPEJAIL_VERBOSE=1           say what is added to the filter
 */
#ifndef CAPEJAIL_PRELOAD_CONFIG_H
#define CAPEJAIL_PRELOAD_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"
#include "policy.h"

/* The variables as the environment holds them; NULL when unset. */
struct cj_preload_env {
	const char *allow;   /* SECCOMP_SYSCALL_ALLOW */
	const char *deny;    /* SECCOMP_SYSCALL_DENY */
	const char *policy;  /* CAPEJAIL_POLICY */
	const char *profile; /* CAPEJAIL_PROFILE */
	const char *verbose; /* CAPEJAIL_VERBOSE */
};

/* What the policy starts from before the lists apply. */
enum cj_preload_base {
	CJ_BASE_NOTHING,    /* SECCOMP_SYSCALL_ALLOW: everything blocked */
	CJ_BASE_EVERYTHING, /* SECCOMP_SYSCALL_DENY alone: everything allowed */
	CJ_BASE_DEFAULT,    /* capejail's default policy (and the profile) */
};

/* Why a row is blocked, for the kill message. */
enum cj_preload_why {
	CJ_WHY_NONE = 0, /* not blocked by the lists: the table's rationale */
	CJ_WHY_NOT_ALLOWED, /* not in SECCOMP_SYSCALL_ALLOW */
	CJ_WHY_DENIED,	    /* in SECCOMP_SYSCALL_DENY */
};

/* The first environment variable of the library, for messages. */
#define CJ_PRELOAD_NAME "libcapejail-preload"

/*
 * Check ENV and read its options: *VERBOSE and *BASE. Returns 0, or
 * CJ_EX_USAGE with E naming the variable, its value and the fix.
 */
int cj_preload_check(const struct cj_preload_env *env, bool *verbose,
		     enum cj_preload_base *base, struct cj_err *e);

/*
 * P = the policy ENV asks for (cj_preload_check first). WHY, of
 * cj_table's count entries, gets the reason each row is blocked by a list.
 * ADDED(NAME, CTX) is called for each syscall a list names, in order (the
 * verbose "adding NAME to the process seccomp filter"); it may be NULL.
 * Warnings (a dangerous syscall allowed) go to MSGS. Returns 0, or a
 * cj_exit status with E set; P then holds nothing to free.
 */
int cj_preload_policy(const struct cj_preload_env *env, struct cj_policy *p,
		      enum cj_preload_why *why,
		      void (*added)(const char *name, void *ctx), void *ctx,
		      const struct cj_msgs *msgs, struct cj_err *e);

/*
 * The variable the library sets once its filter is loaded, to
 * cj_preload_fingerprint of the configuration: a child that inherits the
 * filter and the same configuration has nothing to add.
 */
#define CJ_PRELOAD_ACTIVE "CAPEJAIL_PRELOAD_ACTIVE"

/* ENV's configuration as 16 hex digits (FNV-1a) into BUF (>= 17 bytes). */
void cj_preload_fingerprint(const struct cj_preload_env *env, char *buf,
			    size_t len);

/*
 * A program that replaced or ignored the library's SIGSYS handler could
 * survive a blocked call: add to P the rule that fails
 * rt_sigaction(SIGSYS, act) with EPERM (querying the handler, act NULL,
 * still works) and keeps every other rt_sigaction call allowed, where the
 * row was allowed. 0 or -errno.
 */
int cj_preload_guard_sigsys(struct cj_policy *p);

#endif
