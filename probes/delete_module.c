/* SPDX-License-Identifier: MIT */
/*
 * probe: delete_module
 * class: kernel (invalid arguments)
 * tries: unload a kernel module. Invalid argument technique: a module name
 *   that does not exist (ENOENT after the privilege check).
 * args:
 * control: root
 * expect: KILLED(delete_module)
 * layer: seccomp (delete_module is killed); privileges
 */
#include "probe.h"

#include <sys/syscall.h>

int main(void)
{
	long ret;

	probe_init();
	ret = syscall(SYS_delete_module, "capejail_probe_no_such_module",
		      O_NONBLOCK);
	reached("delete_module", ret, errno);
}
