/* SPDX-License-Identifier: MIT */
/*
 * Become the jail's user with nothing left: no supplementary groups, every
 * capability set empty (bounding, permitted, effective, inheritable,
 * ambient), root semantics locked off, no_new_privs. Then check it.
 */
#include <errno.h>
#include <grp.h>
#include <linux/capability.h>
#include <linux/securebits.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "jail.h"

#define FAIL(what)                                   \
	do {                                         \
		int e_ = errno ? errno : EPERM;      \
		snprintf(detail, len, "%s", (what)); \
		return -e_;                          \
	} while (0)

static int capset_zero(void)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2] = { { 0 } };

	return (int)syscall(SYS_capset, &h, d);
}

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

static int verify(const struct cj_user *u, char *detail, size_t len)
{
	uid_t r, e, s;
	gid_t rg, eg, sg;

	errno = EPERM;
	if (getresuid(&r, &e, &s) || r != u->uid || e != u->uid || s != u->uid)
		FAIL("verify uid");
	if (getresgid(&rg, &eg, &sg) || rg != u->gid || eg != u->gid ||
	    sg != u->gid)
		FAIL("verify gid");
	if (getgroups(0, NULL) != 0)
		FAIL("verify supplementary groups");
	if (!caps_all_zero())
		FAIL("verify capabilities");
	for (int cap = 0; prctl(PR_CAPBSET_READ, cap, 0, 0, 0) >= 0; cap++)
		if (prctl(PR_CAPBSET_READ, cap, 0, 0, 0) != 0)
			FAIL("verify bounding set");
	if (prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) != 1)
		FAIL("verify no_new_privs");
	errno = EPERM;
	if (u->uid != 0 && setuid(0) == 0)
		FAIL("verify setuid(0) fails");
	return 0;
}

int cj_creds_drop(struct cj_jail *j, char *detail, size_t len)
{
	const struct cj_user *u = &j->plan->user;

	/*
	 * Uid 0 gains nothing at exec; uid changes clear capabilities.
	 * KEEP_CAPS stays unlocked: with an empty bounding set there is
	 * nothing to keep, and programs such as ping set it before dropping
	 * privileges of their own.
	 */
	if (prctl(PR_SET_SECUREBITS,
		  SECBIT_NOROOT | SECBIT_NOROOT_LOCKED |
		      SECBIT_NO_SETUID_FIXUP_LOCKED |
		      SECBIT_NO_CAP_AMBIENT_RAISE |
		      SECBIT_NO_CAP_AMBIENT_RAISE_LOCKED,
		  0, 0, 0))
		FAIL("securebits");
	/* Drop until the kernel says there is no such capability. */
	for (int cap = 0;; cap++) {
		if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) == 0)
			continue;
		if (errno == EINVAL && cap > 0)
			break;
		FAIL("bounding set");
	}
	if (setgroups(0, NULL))
		FAIL("setgroups");
	if (setresgid(u->gid, u->gid, u->gid))
		FAIL("setresgid");
	if (setresuid(u->uid, u->uid, u->uid))
		FAIL("setresuid");
	if (capset_zero())
		FAIL("capset");
	if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) &&
	    errno != EINVAL)
		FAIL("ambient capabilities");
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		FAIL("no_new_privs");
	return verify(u, detail, len);
}
