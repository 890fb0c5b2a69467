/* SPDX-License-Identifier: MIT */
/*
 * probe: process_vm_readv
 * class: other processes
 * tries: read another process's memory with process_vm_readv (the
 *   sacrificial process; in a jail PID 1 and the parent).
 * args: {pid}
 * control: root
 * expect: KILLED(process_vm_readv)
 * layer: seccomp (process_vm_readv is killed); PID namespace; privileges
 */
#include "probe.h"

#include <sys/uio.h>

int main(int argc, char **argv)
{
	long pid = arg_long(argc, argv, 1, 0);
	unsigned char buf[16];
	pid_t t[3];
	int n, i, err = ESRCH;

	probe_init();
	n = probe_targets(pid, t);
	if (n == 0)
		t[n++] = (pid_t)pid;
	for (i = 0; i < n; i++) {
		unsigned long addr = probe_mapping(t[i], "r");
		struct iovec local = { buf, sizeof(buf) };
		struct iovec remote;
		ssize_t got;

		if (!addr)
			addr = 0x400000; /* unknown: ask anyway */
		remote.iov_base = (void *)addr;
		remote.iov_len = sizeof(buf);
		got = process_vm_readv(t[i], &local, 1, &remote, 1, 0);
		if (got > 0)
			escaped("read %zd bytes of pid %d at %#lx: "
				"%02x%02x%02x%02x...",
				got, (int)t[i], addr, buf[0], buf[1], buf[2],
				buf[3]);
		err = got < 0 ? errno : EIO;
		note("process_vm_readv pid %d: %s", (int)t[i], errname(err));
	}
	blocked(err, "process_vm_readv of %d process(es)", n);
}
