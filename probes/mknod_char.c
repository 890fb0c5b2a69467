/* SPDX-License-Identifier: MIT */
/*
 * probe: mknod_char
 * class: devices and kernel knobs
 * tries: create a character device node with /dev/null's numbers (1,3)
 *   and open it: whoever can mknod can reach any device (disks, memory).
 * args: {tmp}
 * control: root
 * expect: KILLED(mknodat)
 * layer: seccomp (mknod, mknodat are killed); privileges (no CAP_MKNOD)
 */
#include "probe.h"

#include <sys/stat.h>
#include <sys/sysmacros.h>

int main(int argc, char **argv)
{
	const char *tmp = arg(argc, argv, 1, "/tmp");
	char path[4096];
	int fd;

	probe_init();
	snprintf(path, sizeof(path), "%s/probe-null.%d", tmp, (int)getpid());
	/* glibc's mknod() is the mknodat syscall */
	if (mknod(path, S_IFCHR | 0600, makedev(1, 3)) < 0)
		blocked(errno, "mknod(%s, c 1 3)", path);
	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		int err = errno;

		unlink(path);
		blocked(err, "made %s but cannot open it", path);
	}
	if (write(fd, "x", 1) != 1) {
		int err = errno;

		unlink(path);
		blocked(err, "write to the new node %s", path);
	}
	close(fd);
	unlink(path);
	escaped("created char device %s (1,3) and wrote to it", path);
}
