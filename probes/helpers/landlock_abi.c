/* SPDX-License-Identifier: MIT */
/*
 * landlock_abi: print the host's Landlock ABI version (0 when the kernel
 * has no Landlock, or it is disabled). probes/run fills the probes'
 * {landlock-abi} with it, on the host side, so that a jailed probe knows
 * which Landlock features the kernel has without asking from inside. Not
 * a probe.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef SYS_landlock_create_ruleset
#define SYS_landlock_create_ruleset 444
#endif
#define LANDLOCK_CREATE_RULESET_VERSION (1U << 0)

int main(void)
{
	long abi = syscall(SYS_landlock_create_ruleset, NULL, 0,
			   LANDLOCK_CREATE_RULESET_VERSION);

	printf("%ld\n", abi < 0 ? 0L : abi);
	return 0;
}
