/* SPDX-License-Identifier: MIT */
/*
 * Rootless --subids (rootless.h): the caller's subordinate ranges, a free
 * id of them for this jail, and the helper left outside capejail's user
 * namespace that maps them with the setuid tools newuidmap and newgidmap
 * (only a process outside may write those maps, and only those tools may
 * map ids that are not the caller's own).
 */
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "compiler.h"
#include "exit.h"
#include "rootless.h"

/* How many subordinate ids are tried for a free one. */
#define CJ_SUBID_TRIES 4096

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

pid_t cj_subid_helper(const struct cj_rootless_ids *ids, int *go, int *report)
{
	int g[2], r[2];
	pid_t pid;

	if (pipe2(g, O_CLOEXEC))
		return -errno;
	if (pipe2(r, O_CLOEXEC)) {
		int err = errno;

		close(g[0]);
		close(g[1]);
		return -err;
	}
	pid = fork();
	if (pid == 0) {
		close(g[1]);
		close(r[0]);
		map_helper(ids, g[0], r[1]);
	}
	close(g[0]);
	close(r[1]);
	if (pid < 0) {
		int err = errno;

		close(g[1]);
		close(r[0]);
		return -err;
	}
	*go = g[1];
	*report = r[0];
	return pid;
}

int cj_subid_helper_wait(pid_t helper, int go, int report, bool unshared,
			 struct cj_err *e)
{
	char why[300] = "";
	int status = 0, rc = 0;
	ssize_t n;

	/* not unshared: the closed pipe sends the helper away unmapped */
	if (unshared && write(go, "g", 1) != 1)
		rc = -EPIPE;
	close(go);
	n = read(report, why, sizeof(why) - 1);
	why[n > 0 ? n : 0] = '\0';
	close(report);
	while (waitpid(helper, &status, 0) < 0 && errno == EINTR)
		;
	if (!unshared)
		return 0;
	if (!rc && WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	cj_err_set(e, 0, "--subids: map capejail's user namespace: %s",
		   why[0] ? why : "newuidmap failed");
	cj_err_hint(e, "check your lines in /etc/subuid and /etc/subgid, or "
		       "run without --subids");
	return CJ_EX_NOPERM;
}
