/* SPDX-License-Identifier: MIT */
/*
 * Policy edits without recompiling, in the order given (a later edit wins
 * over an earlier one): --allow/--deny lists, capejail profile files
 * (--profile) and OCI/Docker JSON profiles (--seccomp-profile). The
 * launcher and `capejail-syscalls export` build their policy with them.
 */
#ifndef CAPEJAIL_EDITS_H
#define CAPEJAIL_EDITS_H

#include <stddef.h>

#include "err.h"
#include "policy.h"

enum cj_edit_kind {
	CJ_EDIT_ALLOW,	 /* --allow a,b */
	CJ_EDIT_DENY,	 /* --deny a,b */
	CJ_EDIT_PROFILE, /* --profile FILE */
	CJ_EDIT_OCI,	 /* --seccomp-profile FILE.json */
};

struct cj_edit {
	enum cj_edit_kind kind;
	const char *arg;
};

#define CJ_MAX_EDITS 64

/*
 * P = the default policy with EDITS applied in order. Warnings (a
 * dangerous syscall allowed, an OCI field with another meaning) go to
 * MSGS. Returns 0, or a cj_exit status (CJ_EX_PROFILE, CJ_EX_SOFTWARE)
 * with E set; P then holds nothing to free.
 */
int cj_policy_build(struct cj_policy *p, const struct cj_edit *edits,
		    size_t nedits, const struct cj_msgs *msgs,
		    struct cj_err *e);

/*
 * Apply "name1,name2" (or numbers) as ALLOW or KILL. ORIGIN ("--allow")
 * starts each message. 0 or CJ_EX_PROFILE with E set.
 */
int cj_policy_edit_list(struct cj_policy *p, const char *list,
			enum cj_action action, const char *origin,
			const struct cj_msgs *msgs, struct cj_err *e);

#endif
