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
#include <pwd.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
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

/* --subids: how many subordinate ids are tried for a free one. */
#define CJ_SUBID_TRIES 4096

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

/* The system's copy of a setuid helper (never the caller's PATH). */
static bool find_tool(const char *name, char *path, size_t len)
{
	static const char *const dirs[] = { "/usr/bin", "/bin", "/usr/sbin",
					    "/sbin" };

	for (size_t i = 0; i < CJ_ARRAY_SIZE(dirs); i++) {
		snprintf(path, len, "%s/%s", dirs[i], name);
		if (access(path, X_OK) == 0)
			return true;
	}
	return false;
}

/* The caller's range in FILE into R; 0, -ENOENT, -EINVAL or -errno. */
static int read_range(const char *file, const char *name, uint32_t id,
		      struct cj_subid_range *r)
{
	FILE *f = fopen(file, "re");
	int rc;

	if (!f)
		return -errno;
	rc = cj_subid_lookup(f, name, id, r);
	fclose(f);
	return rc;
}

static int no_range(const char *file, const char *name, int rc,
		    struct cj_err *e)
{
	cj_err_set(e, 0, "--subids: %s: %s", file,
		   rc == -ENOENT ? "no range for you"
		   : rc == -EINVAL
		       ? "your line is malformed (owner:start:count)"
		       : strerror(-rc));
	cj_err_hint(e,
		    "an administrator can give you one: usermod "
		    "--add-subuids 100000-165535 --add-subgids "
		    "100000-165535 %s; or run without --subids",
		    name);
	return CJ_EX_NOPERM;
}

/* Hold host uid HOST_UID's name: bound for as long as FD stays open. */
static int lock_id(uint32_t host_uid)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0), n;

	if (fd < 0)
		return -errno;
	/* abstract: no file, released by the kernel when capejail ends */
	n = snprintf(a.sun_path + 1, sizeof(a.sun_path) - 1,
		     "capejail/subid/%u", host_uid);
	if (bind(fd, (struct sockaddr *)&a,
		 (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 +
			     (size_t)n))) {
		int err = errno;

		close(fd);
		return -err;
	}
	return fd;
}

int cj_subid_acquire(struct cj_rootless_ids *ids, uint32_t *slot, int *lock,
		     struct cj_err *e)
{
	struct passwd *pw = getpwuid(ids->uid);
	const char *name = pw ? pw->pw_name : NULL;
	char shown[32], tool[64];
	uint32_t n;
	int rc;

	snprintf(shown, sizeof(shown), "%u", (unsigned)ids->uid);
	for (const char *const *t =
		 (const char *const[]){ "newuidmap", "newgidmap", NULL };
	     *t; t++)
		if (!find_tool(*t, tool, sizeof(tool))) {
			cj_err_set(e, 0,
				   "--subids: %s not found (in /usr/bin, "
				   "/bin, /usr/sbin, /sbin)",
				   *t);
			cj_err_hint(e, "install it (Debian: apt-get install "
				       "uidmap), or run without --subids");
			return CJ_EX_UNAVAILABLE;
		}
	rc = read_range("/etc/subuid", name, ids->uid, &ids->su);
	if (rc)
		return no_range("/etc/subuid", name ? name : shown, rc, e);
	rc = read_range("/etc/subgid", name,
			ids->gid == ids->uid ? ids->uid : ids->gid, &ids->sg);
	if (rc == -ENOENT && ids->gid != ids->uid)
		rc = read_range("/etc/subgid", name, ids->uid, &ids->sg);
	if (rc)
		return no_range("/etc/subgid", name ? name : shown, rc, e);
	n = ids->su.count < ids->sg.count ? ids->su.count : ids->sg.count;
	for (uint32_t k = 1; k <= n && k <= CJ_SUBID_TRIES; k++) {
		*lock = lock_id(ids->su.start + k - 1);
		if (*lock >= 0) {
			*slot = k;
			return 0;
		}
	}
	cj_err_set(e, 0,
		   "--subids: no free subordinate id: the first %u of yours "
		   "are held by other jails",
		   (unsigned)(n < CJ_SUBID_TRIES ? n : CJ_SUBID_TRIES));
	cj_err_hint(e, "try again when one has ended");
	return CJ_EX_TEMPFAIL;
}

/* Run PATH ARGV in a child; its stderr (cut) into WHY. 0 or -1. */
static int run_tool(char *const argv[], char *why, size_t len)
{
	int msg[2], status;
	pid_t pid;
	ssize_t n;

	if (pipe2(msg, O_CLOEXEC))
		return -1;
	pid = fork();
	if (pid == 0) {
		dup2(msg[1], 2);
		execv(argv[0], argv);
		_exit(127);
	}
	close(msg[1]);
	n = pid < 0 ? -1 : read(msg[0], why, len - 1);
	why[n > 0 ? n : 0] = '\0';
	why[strcspn(why, "\n")] = '\0';
	close(msg[0]);
	if (pid < 0)
		return -1;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

/*
 * In a child left outside: wait for capejail to unshare, then write its
 * maps, "0 OWN 1" and "1 START COUNT", with newuidmap and newgidmap.
 * Exits 0, or 1 with the reason on REPORT.
 */
static CJ_NORETURN void map_helper(const struct cj_rootless_ids *ids, int go,
				   int report)
{
	const struct cj_subid_range *r[2] = { &ids->su, &ids->sg };
	const unsigned own[2] = { (unsigned)ids->uid, (unsigned)ids->gid };
	const char *const tool[2] = { "newuidmap", "newgidmap" };
	char c, zero[] = "0", one[] = "1";

	if (read(go, &c, 1) != 1)
		_exit(1);
	for (int i = 0; i < 2; i++) {
		char path[64], pid[16], id[16], start[16], count[16],
		    why[256] = "";
		char *argv[] = { path, pid,   zero,  id,  one,
				 one,  start, count, NULL };

		find_tool(tool[i], path, sizeof(path));
		snprintf(pid, sizeof(pid), "%d", (int)getppid());
		snprintf(id, sizeof(id), "%u", own[i]);
		snprintf(start, sizeof(start), "%u", (unsigned)r[i]->start);
		snprintf(count, sizeof(count), "%u", (unsigned)r[i]->count);
		if (run_tool(argv, why, sizeof(why))) {
			dprintf(report, "%s: %s", tool[i],
				why[0] ? why : "failed");
			_exit(1);
		}
	}
	_exit(0);
}

int cj_rootless_enter(const struct cj_rootless_ids *ids, struct cj_err *e)
{
	long host[CJ_ARRAY_SIZE(budgets)];
	int go[2] = { -1, -1 }, report[2] = { -1, -1 }, rc, status = 0;
	pid_t self = getpid(), helper = -1;
	char why[300] = "";
	ssize_t n;

	for (size_t i = 0; i < CJ_ARRAY_SIZE(budgets); i++)
		host[i] = read_knob(budgets[i]);
	if (ids->su.count) {
		if (pipe2(go, O_CLOEXEC) || pipe2(report, O_CLOEXEC))
			return cj_err_set(e, CJ_EX_OSERR, "pipe: %s",
					  strerror(errno));
		helper = fork();
		if (helper == 0) {
			close(go[1]);
			close(report[0]);
			map_helper(ids, go[0], report[1]);
		}
		close(go[0]);
		close(report[1]);
		if (helper < 0) {
			close(go[1]);
			close(report[0]);
			return cj_err_set(e, CJ_EX_OSERR, "fork: %s",
					  strerror(errno));
		}
	}
	rc = unshare(CLONE_NEWUSER | CLONE_NEWNS) ? -errno : 0;
	if (helper > 0) {
		if (!rc && write(go[1], "g", 1) != 1)
			rc = -EPIPE;
		close(go[1]);
		n = read(report[0], why, sizeof(why) - 1);
		why[n > 0 ? n : 0] = '\0';
		close(report[0]);
		while (waitpid(helper, &status, 0) < 0 && errno == EINTR)
			;
		if (!rc && !(WIFEXITED(status) && WEXITSTATUS(status) == 0)) {
			cj_err_set(e, 0,
				   "--subids: map capejail's user "
				   "namespace: %s",
				   why[0] ? why : "newuidmap failed");
			cj_err_hint(e, "check your lines in /etc/subuid and "
				       "/etc/subgid, or run without --subids");
			return CJ_EX_NOPERM;
		}
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
