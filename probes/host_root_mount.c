/* SPDX-License-Identifier: MIT */
/*
 * probe: host_root_mount
 * class: mounts
 * tries: find the host's whole root file system among the jail's mounts:
 *   an old root left attached after pivot_root sits on top of the jail's
 *   "/", where no path reaches it (old_root finds nothing), but it still
 *   holds every host mount below it. The harness passes the device
 *   (major:minor) and the root of its own "/" mount ("/" on a host, a
 *   directory where the harness runs in a container); ESCAPED if
 *   /proc/self/mountinfo lists a mount of that device with that root (the
 *   host's whole root, not a directory of it bound in).
 * args: {hostroot}
 * control: root
 * expect: BLOCKED(none)
 * layer: mount setup (the old root is detached after pivot_root)
 */
#include "probe.h"

int main(int argc, char **argv)
{
	const char *dev = arg(argc, argv, 1, "0:0");
	const char *host_root = arg(argc, argv, 2, "/");
	char line[8192], mdev[64], root[4096], mnt[4096];
	int count = 0;
	FILE *f;

	probe_init();
	f = fopen("/proc/self/mountinfo", "re");
	if (!f)
		blocked(errno, "open /proc/self/mountinfo");
	while (fgets(line, sizeof(line), f)) {
		/* id parent major:minor root mount-point ... */
		if (sscanf(line, "%*s %*s %63s %4095s %4095s", mdev, root,
			   mnt) != 3)
			continue;
		count++;
		if (!strcmp(mdev, dev) && !strcmp(root, host_root))
			escaped("the host's root file system (%s) is mounted "
				"whole at %s: %s",
				dev, mnt, chomp(line));
	}
	fclose(f);
	blocked(0, "none of %d mounts is the host's root file system %s %s",
		count, dev, host_root);
}
