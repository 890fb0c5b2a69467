/* SPDX-License-Identifier: MIT */
/*
 * probe: unshare_userns
 * class: namespaces
 * tries: unshare(CLONE_NEWUSER): a new user namespace gives a full set of
 *   capabilities over new namespaces, the first step of most kernel
 *   exploits and of mount-based escapes.
 * args:
 * control: root
 * expect: KILLED(unshare)
 * layer: seccomp (unshare is killed)
 */
#include "probe.h"

#include <sched.h>

int main(void)
{
	char before[64] = "", after[64] = "";

	probe_init();
	readlink_str("/proc/self/ns/user", before, sizeof(before));
	if (unshare(CLONE_NEWUSER) < 0)
		blocked(errno, "unshare(CLONE_NEWUSER)");
	readlink_str("/proc/self/ns/user", after, sizeof(after));
	escaped("unshare(CLONE_NEWUSER) succeeded: %s -> %s", before, after);
}
