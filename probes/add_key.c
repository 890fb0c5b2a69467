/* SPDX-License-Identifier: MIT */
/*
 * probe: add_key
 * class: kernel (invalid arguments)
 * tries: add_key: the kernel keyrings are not namespaced (keys of the
 *   host's users are shared). Invalid argument technique: a key type that
 *   does not exist and no keyring (ENODEV/EINVAL); nothing is created.
 * args:
 * control: root
 * expect: KILLED(add_key)
 * layer: seccomp (add_key is killed)
 */
#include "probe.h"

#include <sys/syscall.h>

int main(void)
{
	long ret;

	probe_init();
	ret = syscall(SYS_add_key, "capejail_no_such_type", "probe", NULL, 0UL,
		      0L /* no keyring */);
	reached("add_key", ret, errno);
}
