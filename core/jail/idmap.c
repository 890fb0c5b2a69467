/* SPDX-License-Identifier: MIT */
/*
 * Idmapped binds (idmap.h). The user namespace is made by a short-lived
 * child that only unshares and waits: capejail (root, outside) writes its
 * maps, keeps a descriptor of it and lets the child go. Nothing runs in it.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "err.h"
#include "exit.h"
#include "idmap.h"

int cj_idmap_write(pid_t pid, const char *file, unsigned in_ns, unsigned out_ns)
{
	char path[64], line[64];
	int fd, n, rc = 0;

	snprintf(path, sizeof(path), "/proc/%d/%s", (int)pid, file);
	n = snprintf(line, sizeof(line), "%u %u 1\n", in_ns, out_ns);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (write(fd, line, (size_t)n) != n)
		rc = errno ? -errno : -EIO;
	close(fd);
	return rc;
}

/* The child: in its own user namespace, until the pipe closes. */
static CJ_NORETURN void hold_userns(int rd)
{
	char c;

	while (read(rd, &c, 1) < 0 && errno == EINTR)
		;
	_exit(0);
}

int cj_idmap_userns_fd(uid_t disk_uid, gid_t disk_gid, uid_t host_uid,
		       gid_t host_gid, struct cj_err *err)
{
	char path[64];
	const char *what = "clone a process into a new user namespace";
	int p[2], fd = -1, rc = 0;
	pid_t pid;

	if (pipe2(p, O_CLOEXEC)) {
		cj_err_set(err, CJ_EX_OSERR, "idmapped bind: pipe: %s",
			   strerror(errno));
		return -1;
	}
	pid = (pid_t)syscall(SYS_clone, CLONE_NEWUSER | SIGCHLD, NULL, NULL,
			     NULL, 0);
	if (pid == 0) {
		close(p[1]);
		hold_userns(p[0]);
	}
	close(p[0]);
	if (pid < 0) {
		rc = -errno;
	} else {
		what = "write uid_map of the idmapping namespace";
		rc = cj_idmap_write(pid, "uid_map", (unsigned)disk_uid,
				    (unsigned)host_uid);
		if (!rc) {
			what = "write gid_map of the idmapping namespace";
			rc = cj_idmap_write(pid, "gid_map", (unsigned)disk_gid,
					    (unsigned)host_gid);
		}
		if (!rc) {
			what = "open the idmapping namespace";
			snprintf(path, sizeof(path), "/proc/%d/ns/user",
				 (int)pid);
			fd = open(path, O_RDONLY | O_CLOEXEC);
			rc = fd < 0 ? -errno : 0;
		}
	}
	close(p[1]); /* the child ends */
	if (pid > 0)
		while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
			;
	if (!rc)
		return fd;
	cj_err_set(err, CJ_EX_OSERR, "idmapped bind: %s: %s", what,
		   strerror(-rc));
	if (rc == -EPERM || rc == -ENOSPC)
		cj_err_hint(err,
			    "user namespaces may be disabled or at their "
			    "limit: see /proc/sys/user/max_user_namespaces");
	return -1;
}

/* The file system's name, for a message. */
static const char *fs_name(int fd)
{
	static const struct {
		long magic;
		const char *name;
	} names[] = {
		{ EXT4_SUPER_MAGIC, "ext2/3/4" },
		{ XFS_SUPER_MAGIC, "xfs" },
		{ BTRFS_SUPER_MAGIC, "btrfs" },
		{ TMPFS_MAGIC, "tmpfs" },
		{ OVERLAYFS_SUPER_MAGIC, "overlayfs" },
		{ NFS_SUPER_MAGIC, "nfs" },
		{ 0xff534d42, "cifs" },
		{ 0x65735546, "fuse" },
		{ 0x01021997, "9p" },
		{ 0x2011bab0, "exfat" },
		{ MSDOS_SUPER_MAGIC, "vfat" },
		{ 0x5346544e, "ntfs" },
		{ 0xf2f52010, "f2fs" },
		{ SQUASHFS_MAGIC, "squashfs" },
		{ 0xca451a4e, "bcachefs" },
		{ 0x2fc12fc1, "zfs" },
	};
	struct statfs st;

	if (fstatfs(fd, &st))
		return "an unknown file system";
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if ((long)st.f_type == names[i].magic)
			return names[i].name;
	return "this file system";
}

int cj_idmap_apply(int mnt_fd, int userns_fd, const char *what,
		   struct cj_err *err)
{
	struct mount_attr attr = {
		.attr_set = MOUNT_ATTR_IDMAP,
		.userns_fd = (__u64)userns_fd,
	};
	int rc;

	if (!syscall(SYS_mount_setattr, mnt_fd, "", AT_EMPTY_PATH, &attr,
		     sizeof(attr)))
		return 0;
	rc = errno;
	if (rc == EINVAL || rc == EOPNOTSUPP || rc == ENOSYS) {
		cj_err_set(err, 0,
			   "idmapped bind of '%s': %s does not support "
			   "idmapped mounts (mount_setattr: %s)",
			   what, fs_name(mnt_fd), strerror(rc));
		cj_err_hint(err,
			    "bind a directory on a file system that does "
			    "(ext4, xfs, btrfs, tmpfs since Linux 6.3, "
			    "overlayfs since 5.19), on Linux 5.12 or newer");
		return CJ_EX_OSERR;
	}
	return cj_err_set(err, CJ_EX_OSERR,
			  "idmapped bind of '%s': mount_setattr: %s", what,
			  strerror(rc));
}
