/* SPDX-License-Identifier: MIT */
/*
 * The jail's file system view, built inside its private mount namespace:
 * the root bound onto itself (nosuid, nodev), a fresh /proc for the PID
 * namespace with its kernel knobs read-only, a minimal /dev, a tmpfs /tmp,
 * then pivot_root and the old root detached, so nothing of the host's mount
 * table stays reachable.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "jail.h"

#define FAIL(path)                                   \
	do {                                         \
		int e_ = errno;                      \
		snprintf(detail, len, "%s", (path)); \
		return -e_;                          \
	} while (0)

static bool is_dir(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Bind PATH onto itself and remount it read-only. Missing paths are fine. */
static int make_readonly(const char *path, char *detail, size_t len)
{
	if (access(path, F_OK) != 0)
		return 0;
	if (mount(path, path, NULL, MS_BIND | MS_REC, NULL) ||
	    mount(NULL, path, NULL,
		  MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV |
		      MS_NOEXEC,
		  NULL))
		FAIL(path);
	return 0;
}

static int mount_proc(const char *root, char *detail, size_t len)
{
	static const char *const ro[] = { "sys", "sysrq-trigger", "irq", "bus",
					  "fs" };
	char path[4200];

	snprintf(path, sizeof(path), "%s/proc", root);
	if (!is_dir(path))
		return 0;
	if (mount("proc", path, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL))
		FAIL(path);
	for (size_t i = 0; i < CJ_ARRAY_SIZE(ro); i++) {
		int rc;

		snprintf(path, sizeof(path), "%s/proc/%s", root, ro[i]);
		rc = make_readonly(path, detail, len);
		if (rc)
			return rc;
	}
	return 0;
}

static int tmpfs(const char *path, const char *opts, unsigned long flags,
		 char *detail, size_t len)
{
	if (mount("tmpfs", path, "tmpfs", flags, opts))
		FAIL(path);
	return 0;
}

/* A /dev of harmless character devices, bound from the host's. */
static int mount_dev(const char *root, const struct cj_limits *l,
		     unsigned long noexec, char *detail, size_t len)
{
	static const char *const nodes[] = { "null",   "zero",	  "full",
					     "random", "urandom", "tty" };
	static const char *const links[][2] = {
		{ "/proc/self/fd", "fd" },
		{ "/proc/self/fd/0", "stdin" },
		{ "/proc/self/fd/1", "stdout" },
		{ "/proc/self/fd/2", "stderr" },
	};
	char dev[4200], path[4300], opts[64];
	int rc, fd;

	snprintf(dev, sizeof(dev), "%s/dev", root);
	if (!is_dir(dev))
		return 0;
	rc = tmpfs(dev, "mode=0755,size=64k,nr_inodes=64",
		   MS_NOSUID | MS_NOEXEC, detail, len);
	if (rc)
		return rc;
	for (size_t i = 0; i < CJ_ARRAY_SIZE(nodes); i++) {
		char host[64];

		snprintf(host, sizeof(host), "/dev/%s", nodes[i]);
		snprintf(path, sizeof(path), "%s/%s", dev, nodes[i]);
		fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0666);
		if (fd < 0)
			FAIL(path);
		close(fd);
		if (mount(host, path, NULL, MS_BIND, NULL))
			FAIL(host);
	}
	for (size_t i = 0; i < CJ_ARRAY_SIZE(links); i++) {
		snprintf(path, sizeof(path), "%s/%s", dev, links[i][1]);
		if (symlink(links[i][0], path))
			FAIL(path);
	}
	snprintf(path, sizeof(path), "%s/shm", dev);
	if (mkdir(path, 01777))
		FAIL(path);
	snprintf(opts, sizeof(opts), "mode=1777,size=%lld",
		 (long long)l->tmp_size);
	return tmpfs(path, opts, MS_NOSUID | MS_NODEV | noexec, detail, len);
}

static int mount_tmp(const char *root, const struct cj_limits *l,
		     unsigned long noexec, char *detail, size_t len)
{
	char path[4200], opts[64];

	snprintf(path, sizeof(path), "%s/tmp", root);
	if (!is_dir(path))
		return 0;
	snprintf(opts, sizeof(opts), "mode=1777,size=%lld",
		 (long long)l->tmp_size);
	return tmpfs(path, opts, MS_NOSUID | MS_NODEV | noexec, detail, len);
}

/*
 * pivot_root(".", ".") stacks the old root on top of the new one; detaching
 * it leaves only the jail's tree. Where pivot_root cannot work (the root is
 * the initramfs), move the tree onto / and chroot, and say so.
 */
static int switch_root(const char *root, char *detail, size_t len)
{
	if (chdir(root))
		FAIL(root);
	if (syscall(SYS_pivot_root, ".", ".") == 0) {
		if (umount2(".", MNT_DETACH))
			FAIL("old root");
		if (chdir("/"))
			FAIL("/");
		return 0;
	}
	if (errno != EINVAL)
		FAIL(root);
	cj_status_warn(CJ_WARN_CHROOT);
	if (mount(root, "/", NULL, MS_MOVE, NULL))
		FAIL(root);
	if (chroot(".") || chdir("/"))
		FAIL(root);
	return 0;
}

/*
 * The host's root as the jail's root: a bind of "/" cannot be pivoted into
 * where it stands (a lookup of "/" does not cross mounts stacked on the
 * process root), so bind it under a private tmpfs and use that. The tmpfs
 * hangs off the old root and goes away with it.
 */
#define CJ_STAGE       "/tmp"
#define CJ_STAGED_ROOT CJ_STAGE "/.capejail-root"

static int stage_host_root(char *detail, size_t len)
{
	if (mount("capejail", CJ_STAGE, "tmpfs", MS_NOSUID | MS_NODEV,
		  "mode=0700,size=4k"))
		FAIL(CJ_STAGE " (staging tmpfs)");
	if (mkdir(CJ_STAGED_ROOT, 0755))
		FAIL(CJ_STAGED_ROOT);
	if (mount("/", CJ_STAGED_ROOT, NULL, MS_BIND, NULL))
		FAIL("/");
	return 0;
}

int cj_mount_setup(struct cj_jail *j, char *detail, size_t len)
{
	const struct cj_plan *plan = j->plan;
	const char *root = plan->host_root ? CJ_STAGED_ROOT : plan->root;
	unsigned long ro = plan->host_root ? MS_RDONLY : 0;
	/*
	 * --no-new-code (nocode.c): every writable mount noexec, and the root
	 * read-only, so nothing written in the jail can be executed.
	 */
	unsigned long noexec = plan->no_new_code ? MS_NOEXEC : 0;
	int rc;

	if (plan->no_new_code)
		ro = MS_RDONLY;

	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL))
		FAIL("/ (make private)");
	if (plan->host_root) {
		/* Only the root file system itself, not its sub-mounts. */
		rc = stage_host_root(detail, len);
		if (rc)
			return rc;
	} else if (mount(root, root, NULL, MS_BIND | MS_REC, NULL)) {
		FAIL(root);
	}
	if (mount(NULL, root, NULL,
		  MS_REMOUNT | MS_BIND | MS_NOSUID | MS_NODEV | ro, NULL))
		FAIL(root);
	rc = mount_proc(root, detail, len);
	if (!rc)
		rc = mount_dev(root, &plan->limits, noexec, detail, len);
	if (!rc)
		rc = mount_tmp(root, &plan->limits, noexec, detail, len);
	if (!rc)
		rc = switch_root(root, detail, len);
	return rc;
}

/* The last of the file system view: the working directory, in the jail. */
int cj_mount_chdir(struct cj_jail *j, char *detail, size_t len)
{
	snprintf(detail, len, "%s", j->plan->dir);
	return chdir(j->plan->dir) ? -errno : 0;
}
