/* SPDX-License-Identifier: MIT */
/*
 * probe: ioperm
 * class: kernel (invalid arguments)
 * tries: ioperm (direct access to I/O ports). Invalid argument technique:
 *   a port range past the end of the bitmap (EINVAL); no port is granted.
 *   On kernels without CONFIG_X86_IOPL_IOPERM the answer is ENOSYS.
 * args:
 * control: root
 * expect: KILLED(ioperm)
 * layer: seccomp (ioperm is killed); privileges (no CAP_SYS_RAWIO)
 */
#include "probe.h"

#include <sys/syscall.h>

int main(void)
{
	long ret;

	probe_init();
	ret = syscall(SYS_ioperm, 0xffffUL, 0x10000UL, 1);
	reached("ioperm", ret, errno);
}
