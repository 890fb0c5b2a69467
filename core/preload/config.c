/* SPDX-License-Identifier: MIT */
/*
 * The preload library's environment, checked strictly: a configuration
 * error must stop the program, never let it run unprotected.
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "cond.h"
#include "edits.h"
#include "exit.h"

#define SYSCALL_NAME_MAX 64

static int bad(struct cj_err *e, const char *var, const char *value,
	       const char *why, const char *fix)
{
	cj_err_set(e, CJ_EX_USAGE, "%s='%s': %s", var, value, why);
	cj_err_hint(e, "%s", fix);
	return CJ_EX_USAGE;
}

static int nothing_to_enforce(struct cj_err *e)
{
	cj_err_set(e, CJ_EX_USAGE,
		   "nothing to enforce: none of SECCOMP_SYSCALL_ALLOW, "
		   "SECCOMP_SYSCALL_DENY, CAPEJAIL_POLICY, CAPEJAIL_PROFILE "
		   "is set");
	cj_err_hint(e, "set one of them, or remove the library from "
		       "LD_PRELOAD");
	return CJ_EX_USAGE;
}

/*
 * Check LIST ("a:b:c") of VAR: no empty list, no empty or over-long
 * element, every name in the table. With ROW_FN, call it for each row.
 */
static int each_name(const char *var, const char *list,
		     int (*row_fn)(int row, const char *name, void *ctx),
		     void *ctx, struct cj_err *e)
{
	const char *s = list;

	if (!*s)
		return bad(e, var, list, "the list is empty",
			   "name at least one syscall, or unset the variable");
	for (;;) {
		size_t n = strcspn(s, ":");
		char name[SYSCALL_NAME_MAX];
		int row, rc;

		if (n == 0 || n >= sizeof(name))
			return bad(e, var, list,
				   n ? "a syscall name is too long"
				     : "an element of the list is empty",
				   "separate syscall names with single ':'");
		memcpy(name, s, n);
		name[n] = '\0';
		row = cj_table_index(name);
		if (row < 0) {
			char near[256];

			cj_table_suggest_text(name, near, sizeof(near));
			cj_err_set(e, CJ_EX_USAGE, "%s: unknown syscall '%s'",
				   var, name);
			cj_err_hint(e, "%s", near);
			return CJ_EX_USAGE;
		}
		if (row_fn) {
			rc = row_fn(row, name, ctx);
			if (rc)
				return cj_err_set(e, CJ_EX_SOFTWARE,
						  "%s: %s: %s", var, name,
						  strerror(-rc));
		}
		if (!s[n])
			return 0;
		s += n + 1;
	}
}

int cj_preload_check(const struct cj_preload_env *env, bool *verbose,
		     enum cj_preload_base *base, struct cj_err *e)
{
	const char *v = env->verbose;
	int rc;

	*verbose = false;
	if (v && strcmp(v, "0") && strcmp(v, "1"))
		return bad(e, "CAPEJAIL_VERBOSE", v, "not 0 or 1",
			   "set CAPEJAIL_VERBOSE=1 to see what is added");
	*verbose = v && !strcmp(v, "1");
	if (env->policy && strcmp(env->policy, "default"))
		return bad(e, "CAPEJAIL_POLICY", env->policy, "unknown policy",
			   "the one value is 'default' (capejail's policy)");
	if (env->profile && !*env->profile)
		return bad(e, "CAPEJAIL_PROFILE", "", "the path is empty",
			   "name a capejail profile file, or unset it");
	if (env->allow) {
		if (env->deny || env->policy || env->profile)
			return bad(e, "SECCOMP_SYSCALL_ALLOW", env->allow,
				   "an allow-list cannot be combined with "
				   "SECCOMP_SYSCALL_DENY, CAPEJAIL_POLICY or "
				   "CAPEJAIL_PROFILE",
				   "it already blocks every syscall it does "
				   "not name: unset the others");
		*base = CJ_BASE_NOTHING;
		return each_name("SECCOMP_SYSCALL_ALLOW", env->allow, NULL,
				 NULL, e);
	}
	if (env->deny) {
		rc =
		    each_name("SECCOMP_SYSCALL_DENY", env->deny, NULL, NULL, e);
		if (rc)
			return rc;
	}
	if (env->policy || env->profile)
		*base = CJ_BASE_DEFAULT;
	else if (env->deny)
		*base = CJ_BASE_EVERYTHING;
	else
		return nothing_to_enforce(e);
	return 0;
}

struct list_ctx {
	struct cj_policy *p;
	enum cj_preload_why *why;
	enum cj_preload_why reason;
	struct cj_verdict verdict;
	void (*added)(const char *name, void *ctx);
	void *added_ctx;
	const struct cj_msgs *msgs;
};

static int set_row(int row, const char *name, void *arg)
{
	struct list_ctx *c = arg;
	size_t n;
	const struct cj_syscall *t = &cj_table(&n)[row];

	if (c->verdict.action == CJ_ACT_ALLOW && (t->flags & CJ_DANGEROUS))
		cj_msgs_warn(c->msgs,
			     "SECCOMP_SYSCALL_ALLOW: allowing dangerous "
			     "syscall %s: %s",
			     name, t->why);
	cj_policy_clear_conds(c->p, row);
	c->why[row] = c->reason;
	if (c->added)
		c->added(name, c->added_ctx);
	return cj_policy_set(c->p, name, c->verdict);
}

/*
 * Every row and every number libseccomp does not know allowed. The
 * fallback stays a kill: it gets only numbers no kernel has (and rows'
 * unmatched conditions, of which the guard leaves none), among them the
 * one the SIGSYS handler calls to die (trap.h).
 */
static int allow_everything(struct cj_policy *p)
{
	const struct cj_verdict allow = { CJ_ACT_ALLOW, 0 };
	int rc = cj_policy_empty(p);

	if (rc)
		return rc;
	for (size_t i = 0; i < p->nrows; i++)
		p->rows[i] = allow;
	p->unknown = allow;
	return 0;
}

static int base_policy(const struct cj_preload_env *env,
		       enum cj_preload_base base, struct cj_policy *p,
		       const struct cj_msgs *msgs, struct cj_err *e)
{
	struct cj_edit profile = { CJ_EDIT_PROFILE, env->profile };
	int rc = -EINVAL;

	switch (base) {
	case CJ_BASE_NOTHING:
		rc = cj_policy_empty(p);
		break;
	case CJ_BASE_EVERYTHING:
		rc = allow_everything(p);
		break;
	case CJ_BASE_DEFAULT:
		return cj_policy_build(p, &profile, env->profile ? 1 : 0, msgs,
				       e);
	}
	if (rc)
		return cj_err_set(e, CJ_EX_SOFTWARE, "build the policy: %s",
				  strerror(-rc));
	return 0;
}

int cj_preload_policy(const struct cj_preload_env *env, struct cj_policy *p,
		      enum cj_preload_why *why,
		      void (*added)(const char *name, void *ctx), void *ctx,
		      const struct cj_msgs *msgs, struct cj_err *e)
{
	struct list_ctx c = { p,     why, CJ_WHY_NONE, { CJ_ACT_ALLOW, 0 },
			      added, ctx, msgs };
	enum cj_preload_base base;
	bool verbose;
	size_t n;
	int rc = cj_preload_check(env, &verbose, &base, e);

	if (rc)
		return rc;
	rc = base_policy(env, base, p, msgs, e);
	if (rc)
		return rc;
	cj_table(&n);
	for (size_t i = 0; i < n; i++)
		why[i] =
		    base == CJ_BASE_NOTHING ? CJ_WHY_NOT_ALLOWED : CJ_WHY_NONE;
	if (env->allow) {
		c.reason = CJ_WHY_NONE;
		rc = each_name("SECCOMP_SYSCALL_ALLOW", env->allow, set_row, &c,
			       e);
	} else if (env->deny) {
		c.reason = CJ_WHY_DENIED;
		c.verdict = (struct cj_verdict){ CJ_ACT_KILL, 0 };
		rc = each_name("SECCOMP_SYSCALL_DENY", env->deny, set_row, &c,
			       e);
	}
	if (!rc && cj_preload_guard_sigsys(p))
		rc = cj_err_set(e, CJ_EX_SOFTWARE,
				"guard the SIGSYS handler: out of memory");
	if (rc)
		cj_policy_free(p);
	return rc;
}

int cj_preload_guard_sigsys(struct cj_policy *p)
{
	const struct cj_verdict allow = { CJ_ACT_ALLOW, 0 };
	int row = cj_table_index("rt_sigaction");
	const struct cj_cond rules[] = {
		{ row, CJ_ACT_ALLOW, 0, 1, { { 0, CJ_CMP_NE, SIGSYS, 0 } } },
		{ row,
		  CJ_ACT_ALLOW,
		  0,
		  2,
		  { { 0, CJ_CMP_EQ, SIGSYS, 0 }, { 1, CJ_CMP_EQ, 0, 0 } } },
		{ row,
		  CJ_ACT_ERRNO,
		  EPERM,
		  2,
		  { { 0, CJ_CMP_EQ, SIGSYS, 0 }, { 1, CJ_CMP_NE, 0, 0 } } },
	};
	int rc = 0;

	if (row < 0 || !cj_verdict_same(p->rows[row], allow) ||
	    cj_policy_has_conds(p, row))
		return 0;
	/*
	 * The three rules are disjoint; one with the fallback's verdict adds
	 * nothing (an unmatched call gets it) and libseccomp refuses it.
	 */
	for (size_t i = 0; i < sizeof(rules) / sizeof(rules[0]) && !rc; i++)
		if (!cj_verdict_same(
			(struct cj_verdict){ rules[i].action, rules[i].err },
			p->fallback))
			rc = cj_row_add_rule(p, &rules[i]);
	return rc;
}

static uint64_t fnv1a(uint64_t h, const char *s)
{
	/* NULL and "" differ: a variable unset is not one set empty. */
	h = (h ^ (s ? 1u : 0u)) * 0x100000001b3ULL;
	for (; s && *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
	return (h ^ 0xffu) * 0x100000001b3ULL;
}

void cj_preload_fingerprint(const struct cj_preload_env *env, char *buf,
			    size_t len)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	h = fnv1a(h, env->allow);
	h = fnv1a(h, env->deny);
	h = fnv1a(h, env->policy);
	h = fnv1a(h, env->profile);
	snprintf(buf, len, "%016llx", (unsigned long long)h);
}
