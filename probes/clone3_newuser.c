/* SPDX-License-Identifier: MIT */
/*
 * probe: clone3_newuser
 * class: namespaces
 * tries: clone3 with CLONE_NEWUSER: clone3's flags live in memory that
 *   seccomp cannot read, so a jail must answer ENOSYS to clone3 as a
 *   whole (libc then falls back to clone, whose flags are filtered).
 * args:
 * control: root
 * expect: BLOCKED(ENOSYS)
 * layer: seccomp (clone3 answers ENOSYS)
 */
#include "probe.h"

#include <linux/sched.h>
#include <sys/syscall.h>

int main(void)
{
	struct clone_args ca;
	int status;
	long child;

	probe_init();
	memset(&ca, 0, sizeof(ca));
	ca.flags = CLONE_NEWUSER;
	ca.exit_signal = SIGCHLD;
	child = syscall(SYS_clone3, &ca, sizeof(ca));
	if (child < 0)
		blocked(errno, "clone3(CLONE_NEWUSER)");
	if (child == 0)
		_exit(0);
	waitpid((pid_t)child, &status, 0);
	escaped("clone3(CLONE_NEWUSER) made child %ld in a new user namespace",
		child);
}
