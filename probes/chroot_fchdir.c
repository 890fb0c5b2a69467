/* SPDX-License-Identifier: MIT */
/*
 * probe: chroot_fchdir
 * class: host files
 * tries: the file-descriptor chroot break: keep a directory fd on the old
 *   root, chroot into a subdirectory, fchdir(fd), climb with "..",
 *   chroot("."), then read the host's marker file.
 * args: {marker} {tmp}
 * control: unshare-m
 * expect: KILLED(chroot)
 * layer: seccomp (chroot is killed); fds (no directory fd survives exec)
 */
#include "probe.h"

#include <sys/stat.h>

int main(int argc, char **argv)
{
	const char *marker = arg(argc, argv, 1, "/capejail-probe-marker");
	const char *tmp = arg(argc, argv, 2, "/tmp");
	char dir[4096], buf[256];
	int fd, i;

	probe_init();
	fd = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	snprintf(dir, sizeof(dir), "%s/chroot-fchdir.%d", tmp, (int)getpid());
	if (mkdir(dir, 0700) < 0) {
		note("mkdir %s: %s; chroot into %s instead", dir,
		     errname(errno), tmp);
		snprintf(dir, sizeof(dir), "%s", tmp);
	}
	if (chroot(dir) < 0) {
		int err = errno;

		rmdir(dir);
		blocked(err, "chroot(%s)", dir);
	}
	if (fd < 0 || fchdir(fd) < 0)
		blocked(errno, "fchdir to the old root");
	for (i = 0; i < 64; i++)
		if (chdir("..") < 0)
			break;
	if (chroot(".") < 0)
		blocked(errno, "chroot(\".\") after fchdir");
	rmdir(dir);
	if (read_file(marker, buf, sizeof(buf)) < 0)
		blocked(errno, "read %s after the fchdir break", marker);
	escaped("broke out of chroot(%s) through a kept fd and read %s: %s",
		dir, marker, chomp(buf));
}
