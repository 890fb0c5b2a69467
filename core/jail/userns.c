/* SPDX-License-Identifier: MIT */
/*
 * The jail's own user namespace: the jail's user keeps its in-jail ids (J,
 * from the jail's passwd) while on the host it is the jail's own id H
 * (idrange.h), no account and no other jail's. Per-uid kernel budgets
 * (inotify, message queues, pending signals, process counts) and signal
 * permissions are then the jail's alone.
 *
 * The init enters it after the mounts, the rlimits and the cgroup (all made
 * as host root, so the mounts belong to the host's namespace and stay
 * locked), and only after becoming H on the host: a user namespace is
 * owned by, and charged to the per-uid counts of, its creator's euid, so
 * one made as root would share root's. The supervisor (root, outside) then
 * writes "J H 1" to uid_map and gid_map: nothing else is mapped, host root
 * least of all. Entering resets the securebits and gives every capability
 * inside; the credentials step (creds.c) runs next and takes all of it away.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/capability.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "idmap.h"
#include "jail.h"

/* Effective = permitted: the capabilities PR_SET_KEEPCAPS kept. */
static int raise_kept_caps(void)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2];

	if (syscall(SYS_capget, &h, d))
		return -1;
	d[0].effective = d[0].permitted;
	d[1].effective = d[1].permitted;
	return (int)syscall(SYS_capset, &h, d);
}

/*
 * Become H on the host, keeping the capabilities until the unshare: the
 * namespace is then H's (its owner, charged for its per-uid counts), and
 * hosts that refuse user namespaces to unprivileged callers
 * (kernel.unprivileged_userns_clone=0, AppArmor's restriction) still let
 * capejail make it. Entering it leaves no capability on the host.
 */
int cj_userns_enter(struct cj_jail *j, char *detail, size_t len)
{
	const struct cj_user *u = &j->plan->user;
	char go;
	ssize_t n;

	errno = 0;
	snprintf(detail, len, "setgroups (host)");
	if (!j->plan->setgroups_denied && setgroups(0, NULL))
		return -errno;
	snprintf(detail, len, "setresgid %u (host)", (unsigned)u->host_gid);
	if (setresgid(u->host_gid, u->host_gid, u->host_gid))
		return -errno;
	snprintf(detail, len, "PR_SET_KEEPCAPS");
	if (prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0))
		return -errno;
	snprintf(detail, len, "setresuid %u (host)", (unsigned)u->host_uid);
	if (setresuid(u->host_uid, u->host_uid, u->host_uid))
		return -errno;
	snprintf(detail, len, "capset (host id %u)", (unsigned)u->host_uid);
	if (raise_kept_caps())
		return -errno;
	/*
	 * Rootless --subids: the supervisor, 0 of the outer namespace, writes
	 * the maps, and the id change made this process undumpable: its
	 * /proc files are host root's then, whom the outer namespace does not
	 * map. Dumpable, they are H's, which it maps. The undumpable step
	 * takes it back before anything of the jail runs.
	 */
	snprintf(detail, len, "PR_SET_DUMPABLE (rootless --subids)");
	if (j->plan->subid && prctl(PR_SET_DUMPABLE, 1, 0, 0, 0))
		return -errno;
	snprintf(detail, len, "unshare(CLONE_NEWUSER)");
	if (unshare(CLONE_NEWUSER))
		return -errno;
	cj_status_userns();
	do
		n = read(CJ_FD_LIFELINE, &go, 1);
	while (n < 0 && errno == EINTR);
	if (n != 1 || go != CJ_LIFELINE_MAPPED) {
		snprintf(detail, len, "supervisor (uid_map, gid_map)");
		return -ECHILD;
	}
	return 0;
}

/* One map of the jail's namespace; DETAIL names the file. */
static int write_map(pid_t pid, const char *file, unsigned in_jail,
		     unsigned host, char *detail, size_t len)
{
	snprintf(detail, len, "/proc/%d/%s", (int)pid, file);
	return cj_idmap_write(pid, file, in_jail, host);
}

int cj_userns_map(pid_t init, const struct cj_user *u, char *detail, size_t len)
{
	int rc;

	errno = 0;
	rc = write_map(init, "uid_map", (unsigned)u->uid, (unsigned)u->host_uid,
		       detail, len);
	if (!rc)
		rc = write_map(init, "gid_map", (unsigned)u->gid,
			       (unsigned)u->host_gid, detail, len);
	return rc;
}
