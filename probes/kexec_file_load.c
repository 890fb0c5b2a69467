/* SPDX-License-Identifier: MIT */
/*
 * probe: kexec_file_load
 * class: kernel (invalid arguments)
 * tries: load a new kernel from a file. Invalid argument technique: an
 *   undefined flag bit and fds -1 (EINVAL/EBADF); never KEXEC_FILE_UNLOAD.
 * args:
 * control: root
 * expect: KILLED(kexec_file_load)
 * layer: seccomp (kexec_file_load is killed); privileges
 */
#include "probe.h"

#include <sys/syscall.h>

int main(void)
{
	long ret;

	probe_init();
	ret = syscall(SYS_kexec_file_load, -1, -1, 0UL, NULL, 0x80000000UL);
	reached("kexec_file_load", ret, errno);
}
