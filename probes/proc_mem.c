/* SPDX-License-Identifier: MIT */
/*
 * probe: proc_mem
 * class: other processes
 * tries: open the sacrificial process's /proc/PID/mem for writing and
 *   write back the 8 bytes already at a writable address (no change).
 * args: {pid}
 * control: root
 * expect: BLOCKED(ENOENT/EACCES/EPERM/ESRCH)
 * layer: PID namespace (the host's processes are not in /proc); privileges
 */
#include "probe.h"

int main(int argc, char **argv)
{
	long pid = arg_long(argc, argv, 1, 0);
	unsigned char buf[8];
	unsigned long addr;
	char path[64];
	int fd;

	probe_init();
	snprintf(path, sizeof(path), "/proc/%ld/mem", pid);
	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		blocked(errno, "open %s for writing", path);
	addr = probe_mapping((pid_t)pid, "rw");
	if (!addr)
		escaped("opened %s for writing (no writable mapping found)",
			path);
	if (pread(fd, buf, sizeof(buf), (off_t)addr) != (ssize_t)sizeof(buf))
		escaped("opened %s for writing (read at %#lx failed: %s)", path,
			addr, errname(errno));
	if (pwrite(fd, buf, sizeof(buf), (off_t)addr) != (ssize_t)sizeof(buf))
		escaped("opened %s for writing (write failed: %s)", path,
			errname(errno));
	escaped("wrote into pid %ld's memory through %s at %#lx", pid, path,
		addr);
}
