/* SPDX-License-Identifier: MIT */
/*
 * Policy edits without recompiling, in the order given (a later edit wins
 * over an earlier one): --allow/--deny lists, capejail profile files
 * (--profile) and OCI/Docker JSON profiles (--seccomp-profile). The
 * launcher and `capejail-syscalls export` build their policy with them.
 */
#ifndef CAPEJAIL_EDITS_H
#define CAPEJAIL_EDITS_H

#include <stdbool.h>
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
 * The options that edit the policy, the same in every front end (the
 * launcher, `capejail-syscalls export`): CJ_EDIT_OPTIONS goes into a
 * getopt_long table (<getopt.h>), which then returns CJ_EDIT_OPT + the
 * edit's kind; cj_edit_option decodes it.
 */
#define CJ_EDIT_OPT 0x1000
/* clang-format off */
#define CJ_EDIT_OPTIONS \
	{ "allow", required_argument, NULL, CJ_EDIT_OPT + CJ_EDIT_ALLOW }, \
	{ "deny", required_argument, NULL, CJ_EDIT_OPT + CJ_EDIT_DENY }, \
	{ "profile", required_argument, NULL, CJ_EDIT_OPT + CJ_EDIT_PROFILE }, \
	{ "seccomp-profile", required_argument, NULL, CJ_EDIT_OPT + CJ_EDIT_OCI }
/* clang-format on */

/* Is getopt_long's C one of CJ_EDIT_OPTIONS? Its kind in *KIND. */
static inline bool cj_edit_option(int c, enum cj_edit_kind *kind)
{
	if (c < CJ_EDIT_OPT + CJ_EDIT_ALLOW || c > CJ_EDIT_OPT + CJ_EDIT_OCI)
		return false;
	*kind = (enum cj_edit_kind)(c - CJ_EDIT_OPT);
	return true;
}

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
 * The same from the policy of a jail that shares the host's network when
 * SHARE_NET (sharenet.h), else from the default.
 */
int cj_policy_build_net(struct cj_policy *p, bool share_net,
			const struct cj_edit *edits, size_t nedits,
			const struct cj_msgs *msgs, struct cj_err *e);

#endif
