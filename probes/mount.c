/* SPDX-License-Identifier: MIT */
/*
 * probe: mount
 * class: mounts
 * tries: mount a small tmpfs on a fresh directory (then unmount it):
 *   whoever can mount can remount the root read-write, mount /proc or the
 *   host's disks, or hide the jail's own files.
 * args: {tmp}
 * control: unshare-m
 * expect: KILLED(mount)
 * layer: seccomp (mount is killed); privileges (no CAP_SYS_ADMIN)
 */
#include "probe.h"

#include <sys/mount.h>
#include <sys/stat.h>

int main(int argc, char **argv)
{
	const char *tmp = arg(argc, argv, 1, "/tmp");
	char dir[4096];

	probe_init();
	snprintf(dir, sizeof(dir), "%s/mount-probe.%d", tmp, (int)getpid());
	if (mkdir(dir, 0700) < 0) {
		note("mkdir %s: %s; mount on %s", dir, errname(errno), tmp);
		snprintf(dir, sizeof(dir), "%s", tmp);
	}
	if (mount("capejail-probe", dir, "tmpfs",
		  MS_NOSUID | MS_NODEV | MS_NOEXEC, "size=16k") < 0) {
		int err = errno;

		rmdir(dir);
		blocked(err, "mount tmpfs on %s", dir);
	}
	umount2(dir, MNT_DETACH);
	rmdir(dir);
	escaped("mounted a tmpfs on %s", dir);
}
