/* SPDX-License-Identifier: MIT */
/*
 * probe: pivot_root
 * class: mounts
 * tries: pivot_root (swapping the root mount). Invalid argument technique:
 *   the kernel checks the privilege before looking up the paths, so a
 *   nonexistent new root gives ENOENT (reached = ESCAPED) when privileged
 *   and EPERM (BLOCKED) when not; nothing ever moves.
 * args:
 * control: unshare-m
 * expect: KILLED(pivot_root)
 * layer: seccomp (pivot_root is killed); privileges
 */
#include "probe.h"

#include <sys/syscall.h>

int main(void)
{
	static const char none[] = "/capejail-probe-no-such-dir/new-root";
	long ret;

	probe_init();
	ret = syscall(SYS_pivot_root, none, none);
	reached("pivot_root", ret, errno);
}
