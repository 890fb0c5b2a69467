/* SPDX-License-Identifier: MIT */
/*
 * Policy edits without recompiling: --allow/--deny lists, capejail profile
 * files (--profile) and OCI/Docker JSON profiles (--seccomp-profile).
 */
#ifndef CAPEJAIL_PROFILE_H
#define CAPEJAIL_PROFILE_H

#include <stddef.h>

#include "capejail.h"

/*
 * The default policy with OPTS' edits applied in command-line order.
 * Prints errors; returns 0 or a cj_exit status (CJ_EX_PROFILE).
 */
int cj_policy_from_opts(struct cj_policy *p, const struct cj_opts *opts);

/* Apply "name1,name2" as ALLOW or KILL. 0 or CJ_EX_PROFILE (printed). */
int cj_policy_edit_list(struct cj_policy *p, const char *list,
			enum cj_action action, const char *origin);

/* A capejail profile file. ERR gets "file:line: message". */
int cj_profile_apply_file(struct cj_policy *p, const char *path, char *err,
			  size_t errlen);
/* An OCI runtime-spec seccomp profile. ERR gets "file: $.path: message". */
int cj_oci_apply_file(struct cj_policy *p, const char *path, char *err,
		      size_t errlen);

#endif
