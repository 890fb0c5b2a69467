/* SPDX-License-Identifier: MIT */
/*
 * probe: mknod_raw
 * class: devices and kernel knobs
 * tries: the legacy mknod syscall (133), which libc no longer uses: a
 *   filter that kills only mknodat would let it through.
 * args: {tmp}
 * control: root
 * expect: KILLED(mknod)
 * layer: seccomp (mknod is killed); privileges (no CAP_MKNOD)
 */
#include "probe.h"

#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>

int main(int argc, char **argv)
{
	const char *tmp = arg(argc, argv, 1, "/tmp");
	char path[4096];
	int fd;

	probe_init();
	snprintf(path, sizeof(path), "%s/probe-rawnull.%d", tmp, (int)getpid());
	if (syscall(SYS_mknod, path, S_IFCHR | 0600, makedev(1, 3)) < 0)
		blocked(errno, "syscall mknod(%s, c 1 3)", path);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	unlink(path);
	if (fd < 0)
		blocked(errno, "made %s with mknod(2) but cannot open it",
			path);
	close(fd);
	escaped("created char device %s (1,3) with the legacy mknod syscall",
		path);
}
