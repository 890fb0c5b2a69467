/* SPDX-License-Identifier: MIT */
/*
 * probe: acct
 * class: kernel (invalid arguments)
 * tries: process accounting (acct writes a record for every process of the
 *   host into a file of the caller's choice). Invalid argument technique:
 *   a path in a directory that does not exist (ENOENT after the
 *   CAP_SYS_PACCT check); acct(NULL), which would switch accounting off,
 *   is never called.
 * args:
 * control: root
 * expect: KILLED(acct)
 * layer: seccomp (acct is killed); privileges
 */
#include "probe.h"

#include <sys/syscall.h>

int main(void)
{
	long ret;

	probe_init();
	ret = syscall(SYS_acct, "/capejail-probe-no-such-dir/acct");
	reached("acct", ret, errno);
}
