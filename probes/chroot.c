/* SPDX-License-Identifier: MIT */
/*
 * probe: chroot
 * class: host files
 * tries: the classic chroot break: chroot into a subdirectory while the
 *   working directory stays outside it, chdir("..") past the new root,
 *   chroot("."), then read the host's marker file.
 * args: {marker} {tmp}
 * control: unshare-m
 * expect: KILLED(chroot)
 * layer: seccomp (chroot is killed); mount setup (pivot_root, not chroot)
 */
#include "probe.h"

#include <sys/stat.h>

int main(int argc, char **argv)
{
	const char *marker = arg(argc, argv, 1, "/capejail-probe-marker");
	const char *tmp = arg(argc, argv, 2, "/tmp");
	char dir[4096], buf[256];
	int i;

	probe_init();
	snprintf(dir, sizeof(dir), "%s/chroot-probe.%d", tmp, (int)getpid());
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
	/* the working directory is still outside the new root: climb */
	for (i = 0; i < 64; i++)
		if (chdir("..") < 0)
			break;
	if (chroot(".") < 0)
		blocked(errno, "chroot(\".\") after climbing out");
	rmdir(dir);
	if (read_file(marker, buf, sizeof(buf)) < 0)
		blocked(errno, "read %s after the chroot break", marker);
	escaped("broke out of chroot(%s) and read the host marker %s: %s", dir,
		marker, chomp(buf));
}
