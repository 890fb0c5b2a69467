/* SPDX-License-Identifier: MIT */
/*
 * probe: kill_host
 * class: other processes
 * tries: kill(pid, 0) on the sacrificial host process (signal 0: checks
 *   only, nothing is sent), a process of the caller's uid (the harness
 *   runs it as itself): success or EPERM both mean the host's process is
 *   visible and addressable from the jail.
 * args: {pid}
 * control: root
 * expect: BLOCKED(ESRCH)
 * layer: PID namespace
 */
#include "probe.h"

#include <signal.h>

int main(int argc, char **argv)
{
	long pid = arg_long(argc, argv, 1, 0);

	probe_init();
	if (pid <= 0)
		blocked(EINVAL, "no pid given");
	if (kill((pid_t)pid, 0) == 0)
		escaped("kill(%ld, 0) succeeded: the host's process can be "
			"signalled",
			pid);
	if (errno == EPERM)
		escaped("kill(%ld, 0): EPERM: the host's process is visible",
			pid);
	blocked(errno, "kill(%ld, 0)", pid);
}
