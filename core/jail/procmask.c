/* SPDX-License-Identifier: MIT */
/*
 * What the jail's /proc and /sys would tell about the host, or let the
 * program change on it, masked once the jail's root is in place: files
 * that reveal the host's kernel, hardware, boot, keys, timers and
 * scheduler, or that act on it (sysrq-trigger, PSI triggers in
 * /proc/pressure), are covered with an empty read-only file, such
 * directories with an empty read-only directory, and a sysfs in the jail
 * becomes read-only as a whole. Docker's masked and read-only paths are the
 * start; the rest come from what a jailed attacker read (issue 14).
 *
 * The covers come from one small tmpfs made with the new mount API and
 * never attached anywhere: each mask is a read-only clone of its empty
 * file or directory, moved onto the path. Paths the kernel does not have
 * are skipped. Runs in the jail's init after pivot_root, on the jail's
 * paths only.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "jail.h"

#ifndef PROC_SUPER_MAGIC
#define PROC_SUPER_MAGIC 0x9fa0
#endif
#ifndef SYSFS_MAGIC
#define SYSFS_MAGIC 0x62656572
#endif

/* Files whose content is the host's, or whose writes act on it. */
static const char *const proc_files[] = {
	"/proc/kcore",	       "/proc/keys",
	"/proc/key-users",     "/proc/timer_list",
	"/proc/timer_stats",   "/proc/sched_debug",
	"/proc/latency_stats", "/proc/sysrq-trigger",
	"/proc/config.gz",     "/proc/kallsyms",
	"/proc/kmsg",	       "/proc/cmdline",
	"/proc/interrupts",    "/proc/softirqs",
	"/proc/iomem",	       "/proc/ioports",
	"/proc/vmallocinfo",   "/proc/slabinfo",
	"/proc/pagetypeinfo",  "/proc/modules",
	"/proc/mtrr",	       "/proc/sys/kernel/random/boot_id",
};

/* Directories: hardware, drivers, PSI triggers, firmware, kernel debug. */
static const char *const dirs[] = {
	"/proc/acpi",
	"/proc/asound",
	"/proc/scsi",
	"/proc/driver",
	"/proc/dynamic_debug",
	"/proc/pressure",
	"/sys/firmware",
	"/sys/kernel/debug",
	"/sys/kernel/tracing",
	"/sys/kernel/security",
	"/sys/kernel/config",
	"/sys/fs/bpf",
	"/sys/fs/cgroup",
	"/sys/fs/pstore",
	"/sys/devices/virtual/powercap",
};

static bool on_fs(const char *path, long magic)
{
	struct statfs sf;

	return statfs(path, &sf) == 0 && sf.f_type == magic;
}

/* The covers: an unattached tmpfs holding "f" (empty file) and "d". */
static int make_covers(char *detail, size_t len)
{
	int fs, mnt, fd;

	fs = fsopen("tmpfs", FSOPEN_CLOEXEC);
	if (fs < 0)
		CJ_STEP_FAIL("fsopen tmpfs (the masks)");
	if (fsconfig(fs, FSCONFIG_SET_STRING, "size", "4k", 0) ||
	    fsconfig(fs, FSCONFIG_SET_STRING, "mode", "0555", 0) ||
	    fsconfig(fs, FSCONFIG_CMD_CREATE, NULL, NULL, 0)) {
		close(fs);
		CJ_STEP_FAIL("fsconfig tmpfs (the masks)");
	}
	mnt = fsmount(fs, FSMOUNT_CLOEXEC,
		      MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV | MOUNT_ATTR_NOEXEC);
	close(fs);
	if (mnt < 0)
		CJ_STEP_FAIL("fsmount tmpfs (the masks)");
	fd = openat(mnt, "f", O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0444);
	if (fd < 0 || mkdirat(mnt, "d", 0555)) {
		int e = errno;

		if (fd >= 0)
			close(fd);
		close(mnt);
		snprintf(detail, len, "the masks' tmpfs");
		return -e;
	}
	close(fd);
	return mnt;
}

/* Cover PATH with a read-only clone of COVERS/WHICH. Missing: skipped. */
static int cover(int covers, const char *which, const char *path, char *detail,
		 size_t len)
{
	struct mount_attr ro = { .attr_set = MOUNT_ATTR_RDONLY };
	struct stat st;
	int m, rc = 0;

	if (lstat(path, &st))
		return errno == ENOENT || errno == ENOTDIR ? 0 : -errno;
	if (S_ISDIR(st.st_mode) != (which[0] == 'd'))
		return 0; /* not the kind this kernel's entry is */
	m = open_tree(covers, which, OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC);
	if (m < 0)
		CJ_STEP_FAIL(path);
	if (mount_setattr(m, "", AT_EMPTY_PATH, &ro, sizeof(ro)) ||
	    move_mount(m, "", AT_FDCWD, path, MOVE_MOUNT_F_EMPTY_PATH)) {
		rc = -errno;
		snprintf(detail, len, "%s", path);
	}
	close(m);
	return rc;
}

/* A sysfs in the jail: read-only, with every mount below it. */
static int sys_readonly(char *detail, size_t len)
{
	struct mount_attr ro = {
		.attr_set = MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID |
			    MOUNT_ATTR_NODEV | MOUNT_ATTR_NOEXEC,
	};

	if (!on_fs("/sys", SYSFS_MAGIC))
		return 0;
	if (mount_setattr(AT_FDCWD, "/sys", AT_RECURSIVE, &ro, sizeof(ro)))
		CJ_STEP_FAIL("/sys (read-only)");
	return 0;
}

int cj_procmask_apply(struct cj_jail *j, char *detail, size_t len)
{
	bool proc = on_fs("/proc", PROC_SUPER_MAGIC);
	bool sys = on_fs("/sys", SYSFS_MAGIC);
	int covers, rc = 0;

	(void)j;
	if (!proc && !sys)
		return 0;
	covers = make_covers(detail, len);
	if (covers < 0)
		return covers;
	for (size_t i = 0; proc && !rc && i < CJ_ARRAY_SIZE(proc_files); i++)
		rc = cover(covers, "f", proc_files[i], detail, len);
	for (size_t i = 0; !rc && i < CJ_ARRAY_SIZE(dirs); i++)
		if (dirs[i][1] == 'p' ? proc : sys)
			rc = cover(covers, "d", dirs[i], detail, len);
	close(covers);
	return rc ? rc : sys_readonly(detail, len);
}
