/* SPDX-License-Identifier: MIT */
/*
 * probe: swapon
 * class: kernel (invalid arguments)
 * tries: swapon. Invalid argument technique: a path that does not exist
 *   (ENOENT after the CAP_SYS_ADMIN check).
 * args:
 * control: root
 * expect: KILLED(swapon)
 * layer: seccomp (swapon is killed); privileges
 */
#include "probe.h"

#include <sys/syscall.h>

int main(void)
{
	long ret;

	probe_init();
	ret = syscall(SYS_swapon, "/capejail-probe-no-such-dir/swap", 0);
	reached("swapon", ret, errno);
}
