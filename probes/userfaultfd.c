/* SPDX-License-Identifier: MIT */
/*
 * probe: userfaultfd
 * class: kernel (invalid arguments)
 * tries: userfaultfd, the classic tool for winning kernel races in
 *   exploits (handles faults of kernel copies).
 * args:
 * control: root
 * expect: KILLED(userfaultfd), BLOCKED(EPERM)
 * layer: seccomp (userfaultfd is killed); privileges
 */
#include "probe.h"

#include <sys/syscall.h>

int main(void)
{
	long fd;

	probe_init();
	fd = syscall(SYS_userfaultfd, O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		blocked(errno, "userfaultfd");
	close((int)fd);
	escaped("userfaultfd created (fd %ld), kernel faults included", fd);
}
