/* SPDX-License-Identifier: MIT */
/*
 * probe: userfaultfd
 * class: kernel (invalid arguments)
 * tries: userfaultfd, the classic tool for winning kernel races in
 *   exploits (handles faults of kernel copies). Invalid argument
 *   technique: UFFD_USER_MODE_ONLY, which needs no privilege since Linux
 *   5.11, with an undefined flag bit: EINVAL from the implementation, and
 *   no descriptor is made. An unprivileged caller reaches it too, so
 *   only a kill by the filter passes.
 * args:
 * control: root
 * expect: KILLED(userfaultfd)
 * layer: seccomp (userfaultfd is killed)
 */
#include "probe.h"

#include <sys/syscall.h>

#ifndef UFFD_USER_MODE_ONLY
#define UFFD_USER_MODE_ONLY 1
#endif

int main(void)
{
	long ret;

	probe_init();
	ret = syscall(SYS_userfaultfd,
		      UFFD_USER_MODE_ONLY | O_CLOEXEC | 0x40000000);
	if (ret >= 0)
		close((int)ret);
	reached("userfaultfd", ret, errno);
}
