/* SPDX-License-Identifier: MIT */
/*
 * probe: ptrace_attach
 * class: other processes
 * tries: PTRACE_SEIZE the harness's sacrificial process (then interrupt it,
 *   read its instruction pointer and detach); in a jail, where that pid is
 *   not visible, PID 1 and the parent instead. SEIZE never stops anyone.
 * args: {pid}
 * control: root
 * expect: KILLED(ptrace)
 * layer: seccomp (ptrace is killed); PID namespace; privileges
 */
#include "probe.h"

#include <stddef.h>
#include <sys/ptrace.h>
#include <sys/user.h>

int main(int argc, char **argv)
{
	long pid = arg_long(argc, argv, 1, 0);
	pid_t t[3];
	int n, i, err = ESRCH, status;
	long rip;

	probe_init();
	n = probe_targets(pid, t);
	if (n == 0)
		t[n++] = (pid_t)pid; /* still ask the kernel */
	for (i = 0; i < n; i++) {
		if (ptrace(PTRACE_SEIZE, t[i], 0, 0) < 0) {
			err = errno;
			note("PTRACE_SEIZE %d: %s", (int)t[i], errname(err));
			continue;
		}
		if (t[i] != pid)
			escaped("seized pid %d (the jail's init or our parent)",
				(int)t[i]);
		/* our own sacrificial process: prove control, then let go */
		if (ptrace(PTRACE_INTERRUPT, t[i], 0, 0) < 0 ||
		    waitpid(t[i], &status, __WALL) < 0)
			escaped("seized pid %d (could not interrupt it: %s)",
				(int)t[i], errname(errno));
		errno = 0;
		rip = ptrace(PTRACE_PEEKUSER, t[i],
			     offsetof(struct user_regs_struct, rip), 0);
		ptrace(PTRACE_DETACH, t[i], 0, 0);
		escaped("seized pid %d and read its rip=%#lx", (int)t[i], rip);
	}
	blocked(err, "PTRACE_SEIZE on %d process(es)", n);
}
