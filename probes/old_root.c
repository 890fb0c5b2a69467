/* SPDX-License-Identifier: MIT */
/*
 * probe: old_root
 * class: host files
 * tries: an old root left mounted after pivot_root (or any host directory
 *   mounted into the jail): for every mount point in /proc/self/mountinfo,
 *   look for the host's marker path below it.
 * args: {marker}
 * control: root
 * expect: BLOCKED(ENOENT)
 * layer: mount setup (the old root is detached after pivot_root)
 */
#include "probe.h"

int main(int argc, char **argv)
{
	const char *marker = arg(argc, argv, 1, "/capejail-probe-marker");
	char line[4096], mnt[2048], path[8192], buf[256];
	int count = 0, err = ENOENT;
	FILE *f;

	probe_init();
	f = fopen("/proc/self/mountinfo", "re");
	if (!f)
		blocked(errno, "open /proc/self/mountinfo");
	while (fgets(line, sizeof(line), f)) {
		/* id parent major:minor root mount-point ... */
		if (sscanf(line, "%*s %*s %*s %*s %2047s", mnt) != 1)
			continue;
		count++;
		snprintf(path, sizeof(path), "%s%s",
			 strcmp(mnt, "/") ? mnt : "", marker);
		if (read_file(path, buf, sizeof(buf)) >= 0)
			escaped("the host's marker is visible as %s (mount "
				"point %s): %s",
				path, mnt, chomp(buf));
	}
	fclose(f);
	blocked(err, "no host marker under any of %d mount points", count);
}
