/* SPDX-License-Identifier: MIT */
/*
 * probe: setns
 * class: namespaces
 * tries: join the sacrificial process's mount namespace (the harness
 *   started it with its own: a real namespace change) through
 *   /proc/PID/ns/mnt and setns(); in a jail PID 1's, the parent's, and as
 *   a last resort our own, so that setns itself is always called.
 * args: {pid}
 * control: root
 * expect: KILLED(setns)
 * layer: seccomp (setns is killed); PID namespace; privileges
 */
#include "probe.h"

#include <sched.h>

int main(int argc, char **argv)
{
	long pid = arg_long(argc, argv, 1, 0);
	char before[64] = "", after[64] = "", path[64];
	pid_t t[4];
	int n, i, fd, err = ENOENT;

	probe_init();
	readlink_str("/proc/self/ns/mnt", before, sizeof(before));
	n = probe_targets(pid, t);
	t[n++] = getpid();
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "/proc/%d/ns/mnt", (int)t[i]);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0) {
			err = errno;
			note("open %s: %s", path, errname(err));
			if (i < n - 1)
				continue;
			fd = -1; /* last one: ask setns anyway */
		}
		if (setns(fd, CLONE_NEWNS) < 0) {
			err = errno;
			note("setns %s: %s", path, errname(err));
			if (fd >= 0)
				close(fd);
			continue;
		}
		readlink_str("/proc/self/ns/mnt", after, sizeof(after));
		if (t[i] != getpid() && strcmp(before, after))
			escaped("joined pid %d's mount namespace: %s -> %s",
				(int)t[i], before, after);
		note("setns into %s worked but changed nothing", path);
		err = 0;
	}
	blocked(err, "setns into another mount namespace");
}
