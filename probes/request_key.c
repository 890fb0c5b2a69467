/* SPDX-License-Identifier: MIT */
/*
 * probe: request_key
 * class: kernel (invalid arguments)
 * tries: request_key (can start the host's /sbin/request-key upcall as
 *   root). Invalid argument technique: a key type that does not exist
 *   (ENODEV), so no upcall ever happens.
 * args:
 * control: root
 * expect: KILLED(request_key)
 * layer: seccomp (request_key is killed)
 */
#include "probe.h"

#include <sys/syscall.h>

int main(void)
{
	long ret;

	probe_init();
	ret = syscall(SYS_request_key, "capejail_no_such_type", "probe", NULL,
		      0L);
	reached("request_key", ret, errno);
}
