/* SPDX-License-Identifier: MIT */
/*
 * probe: dev_shm
 * class: host files
 * tries: read the host's POSIX shared memory: the harness puts a marker
 *   in /dev/shm/NAME on the host; a jail whose /dev/shm is the host's
 *   tmpfs shares every program's shm_open segments.
 * args: {shm}
 * control: root
 * expect: BLOCKED(ENOENT)
 * layer: mount setup (a /dev/shm of the jail's own)
 */
#include "probe.h"

int main(int argc, char **argv)
{
	const char *name = arg(argc, argv, 1, "capejail-probe");
	char path[512], buf[256];

	probe_init();
	snprintf(path, sizeof(path), "/dev/shm/%s", name);
	if (read_file(path, buf, sizeof(buf)) < 0)
		blocked(errno, "open %s", path);
	escaped("read the host's shared memory %s: %s", path, chomp(buf));
}
