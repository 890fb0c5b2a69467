/* SPDX-License-Identifier: MIT */
/*
 * Become the jail's user with nothing left: no supplementary groups, every
 * capability set empty (bounding, permitted, effective, inheritable,
 * ambient), root semantics locked off, no_new_privs. Then check it, and
 * that the ids are the jail's own: a user namespace that is not the host's
 * maps exactly the jail's uid and gid to its host ids and nothing else.
 *
 * Runs right after the init entered that user namespace (userns.c), which
 * reset the securebits and gave every capability inside it: everything
 * here must happen after, never before.
 */
#include <errno.h>
#include <grp.h>
#include <linux/capability.h>
#include <linux/securebits.h>
#include <fcntl.h>
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

/* Uid 0 gains nothing at exec; uid changes clear capabilities. */
#define SECUREBITS                                                     \
	(SECBIT_NOROOT | SECBIT_NOROOT_LOCKED |                        \
	 SECBIT_NO_SETUID_FIXUP_LOCKED | SECBIT_NO_CAP_AMBIENT_RAISE | \
	 SECBIT_NO_CAP_AMBIENT_RAISE_LOCKED)

/* Is /proc/self/FILE (through the host's /proc) exactly "IN HOST 1"? */
static bool map_is(int proc, const char *file, unsigned in_jail, unsigned host)
{
	char buf[256], path[32];
	unsigned a, b, c;
	int fd, end = 0;
	ssize_t n;

	snprintf(path, sizeof(path), "self/%s", file);
	fd = openat(proc, path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return false;
	buf[n] = '\0';
	/* one line: the kernel pads the numbers with spaces */
	return sscanf(buf, " %u %u %u%n", &a, &b, &c, &end) == 3 &&
	       a == in_jail && b == host && c == 1 && buf[end] == '\n' &&
	       buf[end + 1] == '\0';
}

static bool ambient_empty(void)
{
	for (int cap = 0; prctl(PR_CAPBSET_READ, cap, 0, 0, 0) >= 0; cap++)
		if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, cap, 0, 0) !=
		    0)
			return false;
	return true;
}

/* The ids are the jail's own: a user namespace mapping only them. */
static int verify_userns(const struct cj_jail *j, char *detail, size_t len)
{
	const struct cj_user *u = &j->plan->user;
	int rc = cj_ns_prove_own(j, CJ_NS_USER, detail, len);

	if (rc)
		return rc;
	errno = EPERM;
	if (!map_is(j->host_proc, "uid_map", (unsigned)u->uid,
		    (unsigned)u->host_uid))
		FAIL("verify uid_map");
	if (!map_is(j->host_proc, "gid_map", (unsigned)u->gid,
		    (unsigned)u->host_gid))
		FAIL("verify gid_map");
	return 0;
}

static int verify(const struct cj_jail *j, char *detail, size_t len)
{
	const struct cj_user *u = &j->plan->user;
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
	if (!ambient_empty())
		FAIL("verify ambient capabilities");
	if (prctl(PR_GET_SECUREBITS, 0, 0, 0, 0) != SECUREBITS)
		FAIL("verify securebits");
	for (int cap = 0; prctl(PR_CAPBSET_READ, cap, 0, 0, 0) >= 0; cap++)
		if (prctl(PR_CAPBSET_READ, cap, 0, 0, 0) != 0)
			FAIL("verify bounding set");
	if (prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) != 1)
		FAIL("verify no_new_privs");
	errno = EPERM;
	if (u->uid != 0 && setuid(0) == 0)
		FAIL("verify setuid(0) fails");
	return verify_userns(j, detail, len);
}

int cj_creds_drop(struct cj_jail *j, char *detail, size_t len)
{
	const struct cj_user *u = &j->plan->user;

	/*
	 * KEEP_CAPS stays unlocked: with an empty bounding set there is
	 * nothing to keep, and programs such as ping set it before dropping
	 * privileges of their own.
	 */
	if (prctl(PR_SET_SECUREBITS, SECUREBITS, 0, 0, 0))
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
	return verify(j, detail, len);
}
