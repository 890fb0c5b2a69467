/* SPDX-License-Identifier: MIT */
/*
 * The jail's file system view, built inside its private mount namespace:
 * a private staging tmpfs, the jail's root in it (layer.c: capejail's
 * read-only layer, an overlay, or ROOT read-write), a fresh /proc with its
 * kernel knobs read-only, a minimal read-only /dev, the writable tmpfs and
 * the user's binds, then pivot_root and the old root detached, so nothing
 * of the host's mount table stays reachable.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/mount.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "mountapi.h"

int cj_tmpfs_new(const char *opts, unsigned attrs)
{
	char buf[256], *save = NULL, *kv;
	int fs = (int)syscall(SYS_fsopen, "tmpfs", FSOPEN_CLOEXEC), m, rc = 0;

	if (fs < 0)
		return -errno;
	snprintf(buf, sizeof(buf), "%s", opts);
	for (kv = strtok_r(buf, ",", &save); kv && !rc;
	     kv = strtok_r(NULL, ",", &save)) {
		char *eq = strchr(kv, '=');

		if (eq)
			*eq++ = '\0';
		if (syscall(SYS_fsconfig, fs, FSCONFIG_SET_STRING, kv, eq, 0))
			rc = -errno;
	}
	if (!rc &&
	    syscall(SYS_fsconfig, fs, FSCONFIG_CMD_CREATE, NULL, NULL, 0))
		rc = -errno;
	m = rc ? -1 : (int)syscall(SYS_fsmount, fs, FSMOUNT_CLOEXEC, attrs);
	if (!rc && m < 0)
		rc = -errno;
	close(fs);
	return rc ? rc : m;
}

/* One inode per 4 KiB of size, at least 1024: files are bounded too. */
static long long inodes_for(int64_t size)
{
	long long n = size / 4096;

	return n < 1024 ? 1024 : n;
}

int cj_tmpfs_writable(const struct cj_plan *plan, int64_t size, unsigned mode,
		      uid_t uid, gid_t gid)
{
	char opts[160];

	snprintf(opts, sizeof(opts),
		 "size=%lld,nr_inodes=%lld,mode=%o,uid=%u,gid=%u",
		 (long long)size, inodes_for(size), mode, (unsigned)uid,
		 (unsigned)gid);
	return cj_tmpfs_new(opts, cj_writable_attrs(plan));
}

int cj_attach(int mnt, int dirfd, const char *path)
{
	unsigned flags =
	    MOVE_MOUNT_F_EMPTY_PATH | (*path ? 0 : MOVE_MOUNT_T_EMPTY_PATH);
	int rc = (int)syscall(SYS_move_mount, mnt, "", dirfd, path, flags);

	rc = rc ? -errno : 0;
	close(mnt);
	return rc;
}

int cj_open_in(int root, const char *path, int flags)
{
	struct open_how how = {
		.flags = (unsigned)(O_PATH | O_CLOEXEC | flags),
		.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS,
	};
	int fd = (int)syscall(SYS_openat2, root, path, &how, sizeof(how));

	return fd < 0 ? -errno : fd;
}

/* An attached mount's root, for the next steps: O_PATH fd or -errno. */
static int reopen_dir(int root, const char *name)
{
	int fd =
	    openat(root, name, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

	return fd < 0 ? -errno : fd;
}

/* A copy of DIR/NAME made read-only where it stands. Missing: fine. */
static int make_readonly(int dir, const char *name)
{
	int t = cj_clone_tree(dir, name, true,
			      MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID |
				  MOUNT_ATTR_NODEV | MOUNT_ATTR_NOEXEC);

	if (t == -ENOENT)
		return 0;
	return t < 0 ? t : cj_attach(t, dir, name);
}

static int mount_proc(struct cj_mnt *mt)
{
	static const char *const ro[] = { "sys", "sysrq-trigger", "irq", "bus",
					  "fs" };
	char *detail = mt->detail;
	size_t len = mt->len;
	int fs = (int)syscall(SYS_fsopen, "proc", FSOPEN_CLOEXEC), m, proc, rc;

	snprintf(detail, len, "/proc");
	if (fs < 0 ||
	    syscall(SYS_fsconfig, fs, FSCONFIG_CMD_CREATE, NULL, NULL, 0))
		CJ_STEP_FAIL("/proc");
	m = (int)syscall(SYS_fsmount, fs, FSMOUNT_CLOEXEC,
			 MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV |
			     MOUNT_ATTR_NOEXEC);
	close(fs);
	if (m < 0)
		CJ_STEP_FAIL("/proc");
	rc = cj_attach(m, mt->root, "proc");
	proc = rc ? rc : reopen_dir(mt->root, "proc");
	if (proc < 0)
		return proc;
	for (size_t i = 0; i < CJ_ARRAY_SIZE(ro) && !rc; i++) {
		snprintf(detail, len, "/proc/%s", ro[i]);
		rc = make_readonly(proc, ro[i]);
	}
	close(proc);
	return rc;
}

/* The host's harmless character devices, bound into the new /dev. */
static int dev_nodes(int dev, char *detail, size_t len)
{
	static const char *const nodes[] = { "null",   "zero",	  "full",
					     "random", "urandom", "tty" };
	static const char *const links[][2] = {
		{ "/proc/self/fd", "fd" },
		{ "/proc/self/fd/0", "stdin" },
		{ "/proc/self/fd/1", "stdout" },
		{ "/proc/self/fd/2", "stderr" },
	};

	for (size_t i = 0; i < CJ_ARRAY_SIZE(nodes); i++) {
		char host[64];
		int fd, t, rc;

		snprintf(host, sizeof(host), "/dev/%s", nodes[i]);
		fd = openat(dev, nodes[i],
			    O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0666);
		if (fd < 0)
			CJ_STEP_FAIL(host);
		close(fd);
		t = cj_clone_tree(AT_FDCWD, host, false, MOUNT_ATTR_NOSUID);
		rc = t < 0 ? t : cj_attach(t, dev, nodes[i]);
		if (rc) {
			snprintf(detail, len, "%s", host);
			return rc;
		}
	}
	for (size_t i = 0; i < CJ_ARRAY_SIZE(links); i++)
		if (symlinkat(links[i][0], dev, links[i][1]))
			CJ_STEP_FAIL(links[i][1]);
	return 0;
}

/*
 * /dev: read-only once made, but for the writable tmpfs at /dev/shm; nodev
 * too: the devices work through their own binds, which are not.
 */
static int mount_dev(struct cj_mnt *mt)
{
	struct mount_attr ro = { .attr_set = MOUNT_ATTR_RDONLY };
	char *detail = mt->detail;
	size_t len = mt->len;
	int m = cj_tmpfs_new("mode=0755,size=64k,nr_inodes=64",
			     MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV |
				 MOUNT_ATTR_NOEXEC);
	int rc = m < 0 ? m : cj_attach(m, mt->root, "dev"), dev;

	snprintf(detail, len, "/dev");
	if (rc)
		return rc;
	dev = reopen_dir(mt->root, "dev");
	if (dev < 0)
		return dev;
	rc = dev_nodes(dev, detail, len);
	if (!rc && mkdirat(dev, "shm", 01777))
		rc = -errno;
	if (!rc) {
		snprintf(detail, len, "/dev/shm");
		m = cj_tmpfs_writable(mt->plan, mt->plan->limits.tmp_size,
				      01777, 0, 0);
		rc = m < 0 ? m : cj_attach(m, dev, "shm");
	}
	if (!rc) {
		snprintf(detail, len, "/dev (read-only)");
		if (syscall(SYS_mount_setattr, dev, "", AT_EMPTY_PATH, &ro,
			    sizeof(ro)))
			rc = -errno;
	}
	close(dev);
	return rc;
}

/*
 * pivot_root(".", ".") stacks the old root on top of the new one; detaching
 * it leaves only the jail's tree. Where pivot_root cannot work (the root is
 * the initramfs), move the tree onto / and chroot, and say so.
 */
static int switch_root(const char *root, char *detail, size_t len)
{
	if (chdir(root))
		CJ_STEP_FAIL(root);
	if (syscall(SYS_pivot_root, ".", ".") == 0) {
		if (umount2(".", MNT_DETACH))
			CJ_STEP_FAIL("old root");
		if (chdir("/"))
			CJ_STEP_FAIL("/");
		return 0;
	}
	if (errno != EINVAL)
		CJ_STEP_FAIL(root);
	cj_status_warn(CJ_WARN_CHROOT);
	if (mount(root, "/", NULL, MS_MOVE, NULL))
		CJ_STEP_FAIL(root);
	if (chroot(".") || chdir("/"))
		CJ_STEP_FAIL(root);
	return 0;
}

/* A private tmpfs over the host's /tmp, in this namespace only. */
static int stage(char *detail, size_t len)
{
	int m = cj_tmpfs_new("mode=0700,size=64k,nr_inodes=64",
			     MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV);
	int rc = m < 0 ? m : cj_attach(m, AT_FDCWD, CJ_STAGE);

	snprintf(detail, len, "%s (staging tmpfs)", CJ_STAGE);
	if (rc)
		return rc;
	if (mkdir(CJ_STAGE_ROOT, 0755))
		CJ_STEP_FAIL(CJ_STAGE_ROOT);
	return 0;
}

/* The init's copies of the plan's descriptors, once attached. */
static void close_plan_fds(const struct cj_plan *plan)
{
	size_t n;
	int *fds;

	if (cj_plan_fds(plan, &fds, &n))
		return;
	for (size_t i = 0; i < n; i++)
		close(fds[i]);
	free(fds);
}

int cj_mount_setup(struct cj_jail *j, char *detail, size_t len)
{
	struct cj_mnt mt = { .plan = j->plan,
			     .root = -1,
			     .detail = detail,
			     .len = len,
			     .code = &j->fail_code };
	int rc;

	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL))
		CJ_STEP_FAIL("/ (make private)");
	rc = stage(detail, len);
	if (!rc)
		rc = cj_layer_root(&mt);
	if (!rc)
		rc = mount_proc(&mt);
	if (!rc)
		rc = mount_dev(&mt);
	if (!rc)
		rc = cj_layer_writable(&mt);
	if (!rc)
		rc = cj_layer_binds(&mt);
	if (!rc)
		rc = cj_layer_seal(&mt);
	if (mt.root >= 0)
		close(mt.root);
	close_plan_fds(j->plan);
	if (!rc)
		rc = switch_root(CJ_STAGE_ROOT, detail, len);
	return rc;
}

/* The last of the file system view: the working directory, in the jail. */
int cj_mount_chdir(struct cj_jail *j, char *detail, size_t len)
{
	snprintf(detail, len, "%s", j->plan->dir);
	return chdir(j->plan->dir) ? -errno : 0;
}
