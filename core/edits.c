/* SPDX-License-Identifier: MIT */
/*
 * Apply the command line's policy edits to a copy of the default policy,
 * in the order given: a later edit wins over an earlier one.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "profile.h"

static void suggest(const char *name)
{
	const char *near[5];
	size_t n = cj_table_suggest(name, near, 5);
	char line[256] = "";
	size_t used = 0;

	for (size_t i = 0; i < n && used < sizeof(line); i++)
		used += (size_t)snprintf(line + used, sizeof(line) - used,
					 "%s%s", i ? ", " : "", near[i]);
	if (n)
		cj_hint("did you mean: %s?", line);
	else
		cj_hint("'capejail-syscalls list' shows every syscall name");
}

int cj_policy_edit_list(struct cj_policy *p, const char *list,
			enum cj_action action, const char *origin)
{
	char name[64];
	const char *s = list;

	while (*s) {
		size_t n = strcspn(s, ",: \t");
		const struct cj_syscall *row;

		if (n == 0 || n >= sizeof(name)) {
			if (n >= sizeof(name)) {
				cj_error("%s: syscall name too long", origin);
				return CJ_EX_PROFILE;
			}
			s++;
			continue;
		}
		memcpy(name, s, n);
		name[n] = '\0';
		s += n;
		row = cj_table_find(name);
		if (!row) {
			cj_error("%s: unknown syscall '%s'", origin, name);
			suggest(name);
			return CJ_EX_PROFILE;
		}
		if (action == CJ_ACT_ALLOW && (row->flags & CJ_DANGEROUS))
			cj_warn("%s: allowing dangerous syscall %s: %s", origin,
				name, row->why);
		cj_policy_set(p, name, (struct cj_verdict){ action, 0 });
	}
	return 0;
}

static int apply_file(struct cj_policy *p, const struct cj_edit *e)
{
	char err[512] = "";
	int rc = e->kind == CJ_EDIT_PROFILE
		     ? cj_profile_apply_file(p, e->arg, err, sizeof(err))
		     : cj_oci_apply_file(p, e->arg, err, sizeof(err));

	if (rc == 0)
		return 0;
	cj_error("%s", err[0] ? err : strerror(-rc));
	if (rc == -ENOENT && !strstr(err, "unknown syscall"))
		cj_hint("check the path of the profile file");
	return CJ_EX_PROFILE;
}

/*
 * The environment never edits the policy: a caller's environment must not
 * silently loosen it (docs/profiles.md). The convention of Cloudflare's
 * sandbox (SECCOMP_SYSCALL_ALLOW=uname:write) gets a warning instead.
 */
static void warn_env(void)
{
	static const char *const vars[] = { "SECCOMP_SYSCALL_ALLOW",
					    "SECCOMP_SYSCALL_DENY" };

	for (size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++)
		if (getenv(vars[i]))
			cj_warn("%s is set and ignored: capejail never takes "
				"its policy from the environment; use --allow, "
				"--deny or --profile",
				vars[i]);
}

int cj_policy_from_opts(struct cj_policy *p, const struct cj_opts *opts)
{
	int rc;

	warn_env();
	rc = cj_policy_default(p);

	if (rc) {
		cj_error("build the default policy: %s", strerror(-rc));
		return CJ_EX_SOFTWARE;
	}
	for (size_t i = 0; i < opts->nedits && !rc; i++) {
		const struct cj_edit *e = &opts->edits[i];

		switch (e->kind) {
		case CJ_EDIT_ALLOW:
			rc = cj_policy_edit_list(p, e->arg, CJ_ACT_ALLOW,
						 "--allow");
			break;
		case CJ_EDIT_DENY:
			rc = cj_policy_edit_list(p, e->arg, CJ_ACT_KILL,
						 "--deny");
			break;
		case CJ_EDIT_PROFILE:
		case CJ_EDIT_OCI:
			rc = apply_file(p, e);
			break;
		}
	}
	if (rc)
		cj_policy_free(p);
	return rc;
}
