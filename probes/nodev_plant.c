/* SPDX-License-Identifier: MIT */
/*
 * probe: nodev_plant
 * class: devices and kernel knobs
 * tries: open a device node planted in the root, outside /dev: the
 *   harness makes a character device with /dev/null's numbers (1,3, mode
 *   0666) in the jail's root, /probes/null-plant (the control's copy in
 *   its scratch directory), as whoever can write the root on the host
 *   could with a disk's numbers. ESCAPED if it opens for reading (a
 *   disk's node would give its raw blocks); a root mounted nodev refuses
 *   with EACCES whatever the node's mode. Read-only on purpose: the jail's
 *   idmapped mounts refuse any write open of a file whose owner is not
 *   mapped (EACCES as well), which would hide a missing nodev.
 * args: {devplant}
 * control: root
 * expect: BLOCKED(EACCES)
 * layer: mount setup (the root's entries are nodev)
 */
#include "probe.h"

#include <sys/stat.h>
#include <sys/sysmacros.h>

int main(int argc, char **argv)
{
	const char *path = arg(argc, argv, 1, "/probes/null-plant");
	struct stat st;
	char buf[16];
	ssize_t n;
	int fd;

	probe_init();
	if (stat(path, &st) == 0 &&
	    (!S_ISCHR(st.st_mode) || major(st.st_rdev) != 1 ||
	     minor(st.st_rdev) != 3))
		skip("%s is not the planted 1,3 character device", path);
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		blocked(errno, "open %s (char 1,3) for reading", path);
	n = read(fd, buf, sizeof(buf));
	close(fd);
	escaped("opened the planted device node %s (char 1,3) and read it: "
		"%zd bytes (/dev/null's driver)",
		path, n);
}
