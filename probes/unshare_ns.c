/* SPDX-License-Identifier: MIT */
/*
 * probe: unshare_ns
 * class: namespaces
 * tries: unshare() each namespace type on its own (mount, UTS, IPC,
 *   network, PID, cgroup, time): a filter that only checks CLONE_NEWUSER
 *   would let the others through.
 * args:
 * control: root
 * expect: KILLED(unshare)
 * layer: seccomp (unshare is killed); privileges (no CAP_SYS_ADMIN)
 */
#include "probe.h"

#include <sched.h>

#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080
#endif

int main(void)
{
	static const struct {
		int flag;
		const char *name;
	} ns[] = {
		{ CLONE_NEWNS, "CLONE_NEWNS" },
		{ CLONE_NEWUTS, "CLONE_NEWUTS" },
		{ CLONE_NEWIPC, "CLONE_NEWIPC" },
		{ CLONE_NEWNET, "CLONE_NEWNET" },
		{ CLONE_NEWPID, "CLONE_NEWPID" },
		{ CLONE_NEWCGROUP, "CLONE_NEWCGROUP" },
		{ CLONE_NEWTIME, "CLONE_NEWTIME" },
	};
	int err = 0;

	probe_init();
	for (size_t i = 0; i < sizeof(ns) / sizeof(ns[0]); i++) {
		if (unshare(ns[i].flag) == 0)
			escaped("unshare(%s) succeeded", ns[i].name);
		err = errno;
		note("unshare(%s): %s", ns[i].name, errname(err));
	}
	blocked(err, "unshare of every namespace type");
}
