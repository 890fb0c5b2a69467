/* SPDX-License-Identifier: MIT */
/*
 * probe: bpf
 * class: kernel (invalid arguments)
 * tries: load an eBPF program (kernel attack surface, and with privileges
 *   a way to read any memory). Invalid argument technique: an undefined
 *   program type and no instructions (EINVAL); nothing is loaded.
 * args:
 * control: root
 * expect: KILLED(bpf)
 * layer: seccomp (bpf is killed); privileges
 */
#include "probe.h"

#include <linux/bpf.h>
#include <sys/syscall.h>

int main(void)
{
	union bpf_attr attr;
	long ret;

	probe_init();
	memset(&attr, 0, sizeof(attr));
	attr.prog_type = 0xffff; /* no such program type */
	ret = syscall(SYS_bpf, BPF_PROG_LOAD, &attr, sizeof(attr));
	reached("bpf(BPF_PROG_LOAD)", ret, errno);
}
