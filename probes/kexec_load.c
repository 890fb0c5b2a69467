/* SPDX-License-Identifier: MIT */
/*
 * probe: kexec_load
 * class: kernel (invalid arguments)
 * tries: load a new kernel. Invalid argument technique: nr_segments far
 *   above KEXEC_SEGMENT_MAX and no segments (EINVAL after the
 *   CAP_SYS_BOOT check); nothing is loaded.
 * args:
 * control: root
 * expect: KILLED(kexec_load)
 * layer: seccomp (kexec_load is killed); privileges
 */
#include "probe.h"

#include <sys/syscall.h>

int main(void)
{
	long ret;

	probe_init();
	ret = syscall(SYS_kexec_load, 0UL, 0x7fffffffUL, NULL, 0UL);
	reached("kexec_load", ret, errno);
}
