/* SPDX-License-Identifier: MIT */
/*
 * Check, rather than trust, what the steps set. The init checks its
 * credentials right after dropping them (creds.c); the program checks
 * everything it will exec with just before its filter loads: the same
 * credentials, no_new_privs, its parent-death signal and its own session.
 * A step that silently did nothing (a bug, a kernel that ignored a flag, a
 * build with a defence removed) stops the jail here instead of running the
 * program half-jailed. Before the filter, so that no profile can kill the
 * check itself.
 */
#include <errno.h>
#include <linux/capability.h>
#include <linux/securebits.h>
#include <signal.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "jail.h"

static bool caps_all_zero(void)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2] = { { 0 } };

	if (syscall(SYS_capget, &h, d))
		return false;
	for (int i = 0; i < 2; i++)
		if (d[i].effective || d[i].permitted || d[i].inheritable)
			return false;
	return true;
}

static bool ambient_empty(void)
{
	for (int cap = 0; prctl(PR_CAPBSET_READ, cap, 0, 0, 0) >= 0; cap++)
		if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, cap, 0, 0) !=
		    0)
			return false;
	return true;
}

static bool bounding_empty(void)
{
	for (int cap = 0; prctl(PR_CAPBSET_READ, cap, 0, 0, 0) >= 0; cap++)
		if (prctl(PR_CAPBSET_READ, cap, 0, 0, 0) != 0)
			return false;
	return true;
}

/*
 * No supplementary groups; rootless without --subids (setgroups denied), the
 * caller's: each unmapped in the jail's user namespace (the overflow gid)
 * but the caller's own gid, which is the jail's gid.
 */
static bool groups_ok(const struct cj_plan *plan)
{
	gid_t g[64];
	int n = getgroups((int)CJ_ARRAY_SIZE(g), g);

	if (n == 0)
		return true;
	if (n < 0 || !plan->setgroups_denied)
		return false;
	for (int i = 0; i < n; i++)
		if (g[i] != plan->overflow_gid && g[i] != plan->user.gid)
			return false;
	return true;
}

int cj_verify_creds(const struct cj_plan *plan, char *detail, size_t len)
{
	const struct cj_user *u = &plan->user;
	uid_t r, e, s;
	gid_t rg, eg, sg;

	errno = EPERM;
	if (getresuid(&r, &e, &s) || r != u->uid || e != u->uid || s != u->uid)
		CJ_STEP_FAIL("verify uid");
	if (getresgid(&rg, &eg, &sg) || rg != u->gid || eg != u->gid ||
	    sg != u->gid)
		CJ_STEP_FAIL("verify gid");
	if (!groups_ok(plan))
		CJ_STEP_FAIL("verify supplementary groups");
	if (!caps_all_zero())
		CJ_STEP_FAIL("verify capabilities");
	if (!ambient_empty())
		CJ_STEP_FAIL("verify ambient capabilities");
	if (prctl(PR_GET_SECUREBITS, 0, 0, 0, 0) != CJ_SECUREBITS)
		CJ_STEP_FAIL("verify securebits");
	if (!bounding_empty())
		CJ_STEP_FAIL("verify bounding set");
	if (prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) != 1)
		CJ_STEP_FAIL("verify no_new_privs");
	errno = EPERM;
	if (u->uid != 0 && setuid(0) == 0)
		CJ_STEP_FAIL("verify setuid(0) fails");
	return 0;
}

int cj_verify_program(struct cj_jail *j, char *detail, size_t len)
{
	int sig = 0;

	if (!j->plan->filter_only) {
		int rc = cj_verify_creds(j->plan, detail, len);

		if (rc)
			return rc;
	}
	errno = EPERM;
	if (prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) != 1)
		CJ_STEP_FAIL("verify no_new_privs");
	if (prctl(PR_GET_PDEATHSIG, &sig, 0, 0, 0) || sig != SIGKILL)
		CJ_STEP_FAIL("verify parent-death signal");
	errno = EPERM;
	if (getsid(0) != getpid())
		CJ_STEP_FAIL("verify new session");
	return 0;
}

int cj_verify_undumpable(void)
{
	return prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) == 0 ? 0 : -EPERM;
}
