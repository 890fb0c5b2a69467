/* SPDX-License-Identifier: MIT */
/*
 * probe: reboot
 * class: kernel (invalid arguments)
 * tries: the reboot syscall, raw (libc's reboot() would pass the right
 *   magic numbers). Invalid argument technique: magic numbers 0, so the
 *   kernel answers EINVAL after the CAP_SYS_BOOT check and never reboots.
 * args:
 * control: root
 * expect: KILLED(reboot)
 * layer: seccomp (reboot is killed); privileges
 */
#include "probe.h"

#include <sys/syscall.h>

int main(void)
{
	long ret;

	probe_init();
	/* magic1 = magic2 = 0: always EINVAL; cmd 0 would be CAD_OFF anyway */
	ret = syscall(SYS_reboot, 0UL, 0UL, 0UL, NULL);
	reached("reboot", ret, errno);
}
