/* SPDX-License-Identifier: MIT */
/*
 * probe: pidfd_getfd
 * class: other processes
 * tries: pidfd_open another process and steal its fd 0 with pidfd_getfd
 *   (the sacrificial process; in a jail PID 1, the parent, and as a last
 *   resort ourselves, so that pidfd_getfd itself is always called).
 * args: {pid}
 * control: root
 * expect: KILLED(pidfd_getfd/pidfd_open)
 * layer: seccomp (pidfd_getfd is killed); PID namespace; privileges
 */
#include "probe.h"

#include <sys/syscall.h>

int main(int argc, char **argv)
{
	long pid = arg_long(argc, argv, 1, 0);
	pid_t t[4];
	int n, i, err = ESRCH;

	probe_init();
	n = probe_targets(pid, t);
	t[n++] = getpid(); /* last resort: reach pidfd_getfd at all */
	for (i = 0; i < n; i++) {
		char link[64], target[256];
		int pidfd, fd;

		pidfd = (int)syscall(SYS_pidfd_open, t[i], 0);
		if (pidfd < 0) {
			err = errno;
			note("pidfd_open %d: %s", (int)t[i], errname(err));
			continue;
		}
		fd = (int)syscall(SYS_pidfd_getfd, pidfd, 0, 0);
		if (fd < 0) {
			err = errno;
			note("pidfd_getfd %d: %s", (int)t[i], errname(err));
			close(pidfd);
			continue;
		}
		snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
		readlink_str(link, target, sizeof(target));
		if (t[i] != getpid())
			escaped("stole fd 0 of pid %d: %s", (int)t[i], target);
		note("pidfd_getfd works on ourselves only");
		err = ESRCH;
	}
	blocked(err, "pidfd_getfd on another process");
}
