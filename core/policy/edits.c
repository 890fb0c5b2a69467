/* SPDX-License-Identifier: MIT */
/*
 * Apply policy edits to a copy of the default policy, in the order given:
 * a later edit wins over an earlier one.
 */
#include "edits.h"
#include "sharenet.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "exit.h"
#include "profile.h"

static int unknown_name(struct cj_err *e, const char *origin, const char *name)
{
	char near[256];

	cj_err_set(e, CJ_EX_PROFILE, "%s: unknown syscall '%s'", origin, name);
	cj_table_suggest_text(name, near, sizeof(near));
	cj_err_hint(e, "%s", near);
	return CJ_EX_PROFILE;
}

/*
 * Apply "name1,name2" (or numbers) as ALLOW or KILL. ORIGIN ("--allow")
 * starts each message. 0 or CJ_EX_PROFILE with E set.
 */
static int edit_list(struct cj_policy *p, const char *list,
		     enum cj_action action, const char *origin,
		     const struct cj_msgs *msgs, struct cj_err *e)
{
	char name[64];
	const char *s = list;

	while (*s) {
		size_t n = strcspn(s, ",: \t");
		const struct cj_syscall *row;

		if (n == 0) {
			s++;
			continue;
		}
		if (n >= sizeof(name))
			return cj_err_set(e, CJ_EX_PROFILE,
					  "%s: syscall name too long", origin);
		memcpy(name, s, n);
		name[n] = '\0';
		s += n;
		row = cj_table_find(name);
		if (!row)
			return unknown_name(e, origin, name);
		if (action == CJ_ACT_ALLOW && (row->flags & CJ_DANGEROUS))
			cj_msgs_warn(msgs,
				     "%s: allowing dangerous syscall %s: %s",
				     origin, name, row->why);
		cj_policy_set(p, name, (struct cj_verdict){ action, 0 });
	}
	return 0;
}

static int apply_file(struct cj_policy *p, const struct cj_edit *ed,
		      const struct cj_msgs *msgs, struct cj_err *e)
{
	char err[sizeof(e->msg)] = "";
	int rc = ed->kind == CJ_EDIT_PROFILE
		     ? cj_profile_apply_file(p, ed->arg, msgs, err, sizeof(err))
		     : cj_oci_apply_file(p, ed->arg, msgs, err, sizeof(err));

	if (rc == 0)
		return 0;
	cj_err_set(e, CJ_EX_PROFILE, "%s", err[0] ? err : strerror(-rc));
	if (rc == -ENOENT && !strstr(err, "unknown syscall"))
		cj_err_hint(e, "check the path of the profile file");
	return CJ_EX_PROFILE;
}

static int apply(struct cj_policy *p, const struct cj_edit *ed,
		 const struct cj_msgs *msgs, struct cj_err *e)
{
	switch (ed->kind) {
	case CJ_EDIT_ALLOW:
		return edit_list(p, ed->arg, CJ_ACT_ALLOW, "--allow", msgs, e);
	case CJ_EDIT_DENY:
		return edit_list(p, ed->arg, CJ_ACT_KILL, "--deny", msgs, e);
	case CJ_EDIT_PROFILE:
	case CJ_EDIT_OCI:
		return apply_file(p, ed, msgs, e);
	}
	return cj_err_set(e, CJ_EX_SOFTWARE, "unknown policy edit %d",
			  (int)ed->kind);
}

int cj_policy_build(struct cj_policy *p, const struct cj_edit *edits,
		    size_t nedits, const struct cj_msgs *msgs, struct cj_err *e)
{
	return cj_policy_build_net(p, false, edits, nedits, msgs, e);
}

int cj_policy_build_net(struct cj_policy *p, bool share_net,
			const struct cj_edit *edits, size_t nedits,
			const struct cj_msgs *msgs, struct cj_err *e)
{
	int rc = cj_policy_default(p);

	if (!rc && share_net) {
		rc = cj_policy_share_net(p);
		if (rc)
			cj_policy_free(p);
	}
	if (rc)
		return cj_err_set(e, CJ_EX_SOFTWARE,
				  "build the default policy: %s",
				  strerror(-rc));
	for (size_t i = 0; i < nedits && !rc; i++)
		rc = apply(p, &edits[i], msgs, e);
	if (rc)
		cj_policy_free(p);
	return rc;
}
