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

static int capset_zero(void)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2] = { { 0 } };

	return (int)syscall(SYS_capset, &h, d);
}

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
		CJ_STEP_FAIL("verify uid_map");
	if (!map_is(j->host_proc, "gid_map", (unsigned)u->gid,
		    (unsigned)u->host_gid))
		CJ_STEP_FAIL("verify gid_map");
	return 0;
}

static int verify(const struct cj_jail *j, char *detail, size_t len)
{
	int rc = cj_verify_creds(j->plan, detail, len);

	return rc ? rc : verify_userns(j, detail, len);
}

int cj_creds_drop(struct cj_jail *j, char *detail, size_t len)
{
	const struct cj_user *u = &j->plan->user;

	/*
	 * KEEP_CAPS stays unlocked: with an empty bounding set there is
	 * nothing to keep, and programs such as ping set it before dropping
	 * privileges of their own.
	 */
	if (prctl(PR_SET_SECUREBITS, CJ_SECUREBITS, 0, 0, 0))
		CJ_STEP_FAIL("securebits");
	/* Drop until the kernel says there is no such capability. */
	for (int cap = 0;; cap++) {
		if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) == 0)
			continue;
		if (errno == EINVAL && cap > 0)
			break;
		CJ_STEP_FAIL("bounding set");
	}
	/* Rootless without --subids, setgroups is denied: the caller's stay. */
	if (!j->plan->setgroups_denied && setgroups(0, NULL))
		CJ_STEP_FAIL("setgroups");
	if (setresgid(u->gid, u->gid, u->gid))
		CJ_STEP_FAIL("setresgid");
	if (setresuid(u->uid, u->uid, u->uid))
		CJ_STEP_FAIL("setresuid");
	if (capset_zero())
		CJ_STEP_FAIL("capset");
	if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) &&
	    errno != EINVAL)
		CJ_STEP_FAIL("ambient capabilities");
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		CJ_STEP_FAIL("no_new_privs");
	return verify(j, detail, len);
}
