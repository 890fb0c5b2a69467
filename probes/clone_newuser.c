/* SPDX-License-Identifier: MIT */
/*
 * probe: clone_newuser
 * class: namespaces
 * tries: the raw clone syscall with CLONE_NEWUSER|CLONE_NEWNS (not
 *   unshare, not clone3): a child in new user and mount namespaces.
 * args:
 * control: root
 * expect: KILLED(clone)
 * layer: seccomp (clone with namespace flags is killed)
 */
#include "probe.h"

#include <sched.h>
#include <sys/stat.h>
#include <sys/syscall.h>

int main(void)
{
	struct stat mine, theirs;
	int status;
	long child;

	probe_init();
	if (stat("/proc/self/ns/user", &mine) < 0)
		mine.st_ino = 0;
	/* x86_64 order: flags, stack, parent_tid, child_tid, tls */
	child = syscall(SYS_clone, CLONE_NEWUSER | CLONE_NEWNS | SIGCHLD, 0,
			NULL, NULL, 0);
	if (child < 0)
		blocked(errno, "clone(CLONE_NEWUSER|CLONE_NEWNS)");
	if (child == 0) {
		if (stat("/proc/self/ns/user", &theirs) < 0)
			_exit(3);
		_exit(theirs.st_ino != mine.st_ino ? 0 : 4);
	}
	if (waitpid((pid_t)child, &status, 0) < 0)
		blocked(errno, "waitpid");
	if (WIFEXITED(status) && WEXITSTATUS(status) == 4)
		blocked(0, "clone returned, but the child shares our user "
			   "namespace");
	escaped("clone(CLONE_NEWUSER|CLONE_NEWNS) made child %ld (status "
		"%#x) in a new user namespace",
		child, status);
}
