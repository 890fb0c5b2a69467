/* SPDX-License-Identifier: MIT */
/*
 * probe: x32
 * class: seccomp bypass
 * tries: a syscall through the x32 ABI (getpid with __X32_SYSCALL_BIT,
 *   0x40000000 | 39): a filter that checks syscall numbers without
 *   rejecting the x32 range would let every blocked syscall through.
 *   ESCAPED when the call returns our pid (x32 enabled), or when it is
 *   answered ENOSYS with no seccomp filter installed: then it can only be
 *   the kernel's x32 entry refusing (CONFIG_X86_X32_ABI=n or syscall.x32=n),
 *   which proves the instruction reached the kernel unfiltered. Under a
 *   filter an ENOSYS cannot be told apart and is BLOCKED(ENOSYS).
 * args:
 * control: root
 * expect: KILLED(*)
 * layer: seccomp (foreign ABIs are killed)
 */
#include "probe.h"

static long x32_syscall0(long nr)
{
	long ret;

	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(nr)
			 : "rcx", "r11", "memory");
	return ret;
}

int main(void)
{
	long ret;

	probe_init();
	ret = x32_syscall0(0x40000000L | 39 /* getpid */);
	if (ret == getpid())
		escaped("x32 getpid returned our pid %ld", ret);
	if (ret >= 0)
		escaped("x32 getpid returned %ld", ret);
	if (-ret == ENOSYS && seccomp_mode() == 0)
		escaped("x32 getpid reached the kernel unfiltered; it answered "
			"ENOSYS (x32 ABI disabled in this kernel)");
	blocked((int)-ret, "x32 getpid");
}
