/* SPDX-License-Identifier: MIT */
/*
 * probe: i386
 * class: seccomp bypass
 * tries: a syscall through the i386 ABI (int $0x80, getpid = 20) from a
 *   64-bit process: the i386 table has other numbers, so a filter written
 *   for x86_64 numbers only would misjudge every call.
 * args:
 * control: root
 * expect: KILLED(*)
 * layer: seccomp (foreign ABIs are killed)
 * skip-ok: IA32 emulation disabled in the host kernel (int $0x80 faults)
 */
#include "probe.h"

#include <setjmp.h>

static sigjmp_buf fault;

static void on_segv(int sig)
{
	(void)sig;
	siglongjmp(fault, 1);
}

static long int80_syscall0(long nr)
{
	long ret;

	__asm__ volatile("int $0x80"
			 : "=a"(ret)
			 : "a"(nr)
			 : "r8", "r9", "r10", "r11", "memory");
	return ret;
}

int main(void)
{
	long ret;

	probe_init();
	signal(SIGSEGV, on_segv);
	if (sigsetjmp(fault, 1))
		skip("int $0x80 faulted: IA32 emulation is disabled in this "
		     "kernel (CONFIG_IA32_EMULATION=n or ia32_emulation=0)");
	ret = int80_syscall0(20 /* i386 getpid */);
	if (ret == getpid())
		escaped("i386 getpid through int $0x80 returned our pid %ld",
			ret);
	if (ret >= 0)
		escaped("i386 getpid through int $0x80 returned %ld", ret);
	blocked((int)-ret, "i386 getpid through int $0x80");
}
