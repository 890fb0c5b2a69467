/* SPDX-License-Identifier: MIT */
/*
 * probe: seccomp_active
 * class: privileges
 * tries: run without any seccomp filter (every syscall open).
 * args:
 * control: root
 * expect: BLOCKED(none)
 * layer: seccomp
 */
#include "probe.h"

int main(void)
{
	int mode;

	probe_init();
	mode = seccomp_mode();
	if (mode == 0)
		escaped("no seccomp filter (Seccomp: 0)");
	if (mode < 0)
		blocked(errno, "cannot read the seccomp mode");
	blocked(0, "seccomp mode %d", mode);
}
