/* SPDX-License-Identifier: MIT */
/*
 * probe: finit_module
 * class: kernel (invalid arguments)
 * tries: load a kernel module from a file descriptor. Invalid argument
 *   technique: the fd is /dev/null (not a module; rejected after the
 *   privilege check). Verdict as init_module (reached() in probe.h).
 * args:
 * control: root
 * expect: KILLED(finit_module)
 * layer: seccomp (finit_module is killed); privileges
 */
#include "probe.h"

#include <sys/syscall.h>

int main(void)
{
	long ret;
	int fd;

	probe_init();
	fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	ret = syscall(SYS_finit_module, fd, "", 0);
	reached("finit_module", ret, errno);
}
