/* SPDX-License-Identifier: MIT */
/*
 * probe: init_module
 * class: kernel (invalid arguments)
 * tries: load a kernel module from memory. Invalid argument technique: a
 *   16-byte garbage image, which the kernel rejects (ENOEXEC/EINVAL) after
 *   the CAP_SYS_MODULE check: any error but EPERM means the call reached
 *   the module loader (ESCAPED). On a kernel built without modules the
 *   answer is ENOSYS: without a seccomp filter that still proves the call
 *   was dispatched (see reached() in probe.h).
 * args:
 * control: root
 * expect: KILLED(init_module)
 * layer: seccomp (init_module is killed); privileges
 */
#include "probe.h"

#include <sys/syscall.h>

int main(void)
{
	static const char image[16] = "capejail-probe!";
	long ret;

	probe_init();
	ret = syscall(SYS_init_module, image, sizeof(image), "");
	reached("init_module", ret, errno);
}
