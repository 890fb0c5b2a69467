/* SPDX-License-Identifier: MIT */
/*
 * probe: mknod_block
 * class: devices and kernel knobs
 * tries: create a block device node (7,255: a loop minor that does not
 *   exist; it is never opened): creating it is the breach, since a block
 *   node with a disk's numbers gives raw access to the host's filesystems.
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
	struct stat st;

	probe_init();
	snprintf(path, sizeof(path), "%s/probe-blk.%d", tmp, (int)getpid());
	if (mknod(path, S_IFBLK | 0600, makedev(7, 255)) < 0)
		blocked(errno, "mknod(%s, b 7 255)", path);
	if (lstat(path, &st) < 0 || !S_ISBLK(st.st_mode)) {
		unlink(path);
		blocked(errno, "mknod returned 0 but %s is no block node",
			path);
	}
	unlink(path);
	escaped("created block device node %s (7,255)", path);
}
