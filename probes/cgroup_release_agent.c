/* SPDX-License-Identifier: MIT */
/*
 * probe: cgroup_release_agent
 * class: devices and kernel knobs
 * tries: the cgroup v1 release_agent escape (a program the host kernel
 *   runs as root) and moving into the host's cgroups: open every
 *   release_agent and root cgroup.procs found under the cgroup mounts of
 *   /proc/self/mountinfo and /sys/fs/cgroup for writing (never writes).
 * args:
 * control: root
 * expect: BLOCKED(ENOENT/EACCES/EROFS/EPERM)
 * layer: mount setup (no cgroupfs in the jail); /sys masked (nothing under
 *   /sys/fs/cgroup); uid; seccomp (mount)
 */
#include "probe.h"

#include <dirent.h>

static int err = ENOENT;

static void try_dir(const char *dir)
{
	static const char *const files[] = { "release_agent", "cgroup.procs" };
	char path[4096];

	for (size_t i = 0; i < 2; i++) {
		int fd;

		snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
		fd = open(path, O_WRONLY | O_CLOEXEC);
		if (fd >= 0) {
			close(fd); /* nothing written */
			escaped("%s is open for writing", path);
		}
		if (errno != ENOENT)
			err = errno;
	}
}

int main(void)
{
	char line[4096], mnt[2048], fstype[64], path[4096];
	struct dirent *de;
	FILE *f;
	DIR *d;

	probe_init();
	f = fopen("/proc/self/mountinfo", "re");
	while (f && fgets(line, sizeof(line), f)) {
		const char *sep = strstr(line, " - ");

		if (!sep || sscanf(line, "%*s %*s %*s %*s %2047s", mnt) != 1 ||
		    sscanf(sep, " - %63s", fstype) != 1)
			continue;
		if (!strcmp(fstype, "cgroup") || !strcmp(fstype, "cgroup2"))
			try_dir(mnt);
	}
	if (f)
		fclose(f);
	d = opendir("/sys/fs/cgroup");
	if (!d)
		blocked(errno == ENOENT ? err : errno, "no cgroup file opens");
	try_dir("/sys/fs/cgroup");
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/sys/fs/cgroup/%s", de->d_name);
		try_dir(path);
	}
	closedir(d);
	blocked(err, "no release_agent or cgroup.procs opens for writing");
}
