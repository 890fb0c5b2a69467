/* SPDX-License-Identifier: MIT */
/*
 * Rootless mode's first step (rootless.h): the outer user namespace, with
 * the caller's ids as its 0, and a mount namespace it owns, in which
 * capejail clones the trees the jail is made of. Copies of the host's
 * mounts made for a less privileged namespace turn slave and are locked
 * together: nothing propagates back to the host, and no mount the host
 * made can be taken off to see beneath it.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "compiler.h"
#include "exit.h"
#include "idmap.h"
#include "rootless.h"

static long read_knob(const char *path)
{
	FILE *f = fopen(path, "re");
	long v = -1;

	if (!f)
		return -1;
	if (fscanf(f, "%ld", &v) != 1)
		v = -1;
	fclose(f);
	return v;
}

void cj_userns_knobs_read(struct cj_userns_knobs *k)
{
	k->max_user_namespaces =
	    read_knob("/proc/sys/user/max_user_namespaces");
	k->unprivileged_clone =
	    read_knob("/proc/sys/kernel/unprivileged_userns_clone");
	k->apparmor_restrict =
	    read_knob("/proc/sys/kernel/apparmor_restrict_unprivileged_userns");
}

static int refused(const char *what, int err, struct cj_err *e)
{
	struct cj_userns_knobs k;

	cj_userns_knobs_read(&k);
	return cj_userns_refusal(what, err, &k, e);
}

/* "deny": an unprivileged writer of gid_map must give up setgroups. */
static int deny_setgroups(void)
{
	int fd = open("/proc/self/setgroups", O_WRONLY | O_CLOEXEC), rc = 0;

	if (fd < 0)
		return -errno;
	if (write(fd, "deny", 4) != 4)
		rc = -errno;
	close(fd);
	return rc;
}

/*
 * The per-uid budgets the kernel counts for every user namespace on the
 * way up (ucounts): a rootless jail is the caller's uid on the host and
 * would share the caller's. Each jail's outer namespace gets a share of
 * them, so that no jail can take them all from the caller's other
 * programs and jails. (Namespace counts are not here: the jail's filter
 * kills every call that makes one.)
 */
static const char *const budgets[] = {
	"/proc/sys/user/max_inotify_instances",
	"/proc/sys/user/max_inotify_watches",
};

/* A jail's share of each: a quarter, at least one. */
#define CJ_BUDGET_SHARE 4

static int write_budget(const char *path, long v)
{
	char num[32];
	int fd = open(path, O_WRONLY | O_CLOEXEC), n, rc = 0;

	if (fd < 0)
		return -errno;
	n = snprintf(num, sizeof(num), "%ld", v);
	if (write(fd, num, (size_t)n) != n)
		rc = -errno;
	close(fd);
	return rc;
}

int cj_rootless_enter(uid_t uid, gid_t gid, struct cj_err *e)
{
	long host[CJ_ARRAY_SIZE(budgets)];
	pid_t self = getpid();
	int rc;

	for (size_t i = 0; i < CJ_ARRAY_SIZE(budgets); i++)
		host[i] = read_knob(budgets[i]);
	if (unshare(CLONE_NEWUSER | CLONE_NEWNS))
		return refused("unshare(CLONE_NEWUSER | CLONE_NEWNS)", errno,
			       e);
	rc = deny_setgroups();
	if (rc)
		return refused("write /proc/self/setgroups", -rc, e);
	rc = cj_idmap_write(self, "uid_map", 0, (unsigned)uid);
	if (rc)
		return refused("write /proc/self/uid_map", -rc, e);
	rc = cj_idmap_write(self, "gid_map", 0, (unsigned)gid);
	if (rc)
		return refused("write /proc/self/gid_map", -rc, e);
	for (size_t i = 0; i < CJ_ARRAY_SIZE(budgets); i++) {
		long share = host[i] / CJ_BUDGET_SHARE;

		rc = host[i] < 0 ? 0
				 : write_budget(budgets[i], share ? share : 1);
		if (rc)
			return cj_err_set(
			    e, CJ_EX_OSERR,
			    "set %s in capejail's user namespace: "
			    "%s",
			    budgets[i], strerror(-rc));
	}
	return 0;
}
