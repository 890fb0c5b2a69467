/* SPDX-License-Identifier: MIT */
/*
 * probe: keyctl
 * class: kernel (invalid arguments)
 * tries: keyctl (read or join another session's keyring). Invalid
 *   argument technique: an undefined operation (EOPNOTSUPP).
 * args:
 * control: root
 * expect: KILLED(keyctl)
 * layer: seccomp (keyctl is killed)
 */
#include "probe.h"

#include <sys/syscall.h>

int main(void)
{
	long ret;

	probe_init();
	ret = syscall(SYS_keyctl, 0x7fffL, 0L, 0L, 0L, 0L);
	reached("keyctl", ret, errno);
}
