/* SPDX-License-Identifier: MIT */
/*
 * probe: process_vm_writev
 * class: other processes
 * tries: write into the sacrificial process's memory with
 *   process_vm_writev (the bytes written are the ones already there, read
 *   first through /proc/PID/mem, so nothing changes).
 * args: {pid}
 * control: root
 * expect: KILLED(process_vm_writev)
 * layer: seccomp (process_vm_writev is killed); PID namespace; privileges
 */
#include "probe.h"

#include <sys/uio.h>

int main(int argc, char **argv)
{
	long pid = arg_long(argc, argv, 1, 0);
	unsigned char buf[8] = { 0 };
	unsigned long addr;
	char path[64];
	struct iovec local = { buf, sizeof(buf) }, remote;
	ssize_t put;
	int fd;

	probe_init();
	addr = probe_mapping((pid_t)pid, "rw");
	snprintf(path, sizeof(path), "/proc/%ld/mem", pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (!addr || fd < 0 ||
	    pread(fd, buf, sizeof(buf), (off_t)addr) != (ssize_t)sizeof(buf)) {
		/* cannot learn the bytes: aim at page 0, which faults */
		note("cannot read pid %ld's memory: writing to address 0", pid);
		addr = 0;
	}
	if (fd >= 0)
		close(fd);
	remote.iov_base = (void *)addr;
	remote.iov_len = sizeof(buf);
	put = process_vm_writev((pid_t)pid, &local, 1, &remote, 1, 0);
	if (put > 0)
		escaped("wrote %zd bytes into pid %ld at %#lx", put, pid, addr);
	blocked(put < 0 ? errno : EIO, "process_vm_writev into pid %ld", pid);
}
