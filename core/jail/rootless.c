/* SPDX-License-Identifier: MIT */
/*
 * Rootless mode's first step (rootless.h): the outer user namespace, with
 * the caller's ids as its 0, and a mount namespace it owns, in which
 * capejail clones the trees the jail is made of. Copies of the host's
 * mounts made for a less privileged namespace turn slave and are locked
 * together: nothing propagates back to the host, and no mount the host
 * made can be taken off to see beneath it. With --subids the maps are
 * written from outside, by subid.c's helper.
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
#include "kernfile.h"

void cj_userns_knobs_read(struct cj_userns_knobs *k)
{
	k->max_user_namespaces =
	    cj_read_number("/proc/sys/user/max_user_namespaces");
	k->unprivileged_clone =
	    cj_read_number("/proc/sys/kernel/unprivileged_userns_clone");
	k->apparmor_restrict = cj_read_number(
	    "/proc/sys/kernel/apparmor_restrict_unprivileged_userns");
}

/* Is /proc/self/uid_map the initial namespace's: every id, unshifted? */
static bool initial_userns(void)
{
	FILE *f = fopen("/proc/self/uid_map", "re");
	unsigned long long in, out, count;
	bool all;

	if (!f)
		return false;
	all = fscanf(f, "%llu %llu %llu", &in, &out, &count) == 3 && in == 0 &&
	      out == 0 && count == 4294967295ULL;
	fclose(f);
	return all;
}

bool cj_rootless_needed(void)
{
	return geteuid() != 0 || !initial_userns();
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
	return cj_write_string("/proc/self/setgroups", "deny");
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

static int write_budget(const char *path, int64_t v)
{
	char num[32];

	snprintf(num, sizeof(num), "%lld", (long long)v);
	return cj_write_string(path, num);
}

int cj_rootless_enter(const struct cj_rootless_ids *ids, struct cj_err *e)
{
	int64_t host[CJ_ARRAY_SIZE(budgets)];
	int go = -1, report = -1, rc;
	pid_t self = getpid(), helper = -1;

	for (size_t i = 0; i < CJ_ARRAY_SIZE(budgets); i++)
		host[i] = cj_read_number(budgets[i]);
	if (ids->su.count) {
		helper = cj_subid_helper(ids, &go, &report);
		if (helper < 0)
			return cj_err_set(
			    e, CJ_EX_OSERR,
			    "--subids: start the helper that runs "
			    "newuidmap: %s",
			    strerror((int)-helper));
	}
	rc = unshare(CLONE_NEWUSER | CLONE_NEWNS) ? -errno : 0;
	if (helper > 0) {
		int mapped =
		    cj_subid_helper_wait(helper, go, report, rc == 0, e);

		if (!rc && mapped)
			return mapped;
	}
	if (rc)
		return refused("unshare(CLONE_NEWUSER | CLONE_NEWNS)", -rc, e);
	if (!ids->su.count) {
		rc = deny_setgroups();
		if (rc)
			return refused("write /proc/self/setgroups", -rc, e);
		rc = cj_idmap_write(self, "uid_map", 0, (unsigned)ids->uid);
		if (rc)
			return refused("write /proc/self/uid_map", -rc, e);
		rc = cj_idmap_write(self, "gid_map", 0, (unsigned)ids->gid);
		if (rc)
			return refused("write /proc/self/gid_map", -rc, e);
	}
	for (size_t i = 0; i < CJ_ARRAY_SIZE(budgets); i++) {
		int64_t share = host[i] / CJ_BUDGET_SHARE;

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
