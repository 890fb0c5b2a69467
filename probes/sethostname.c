/* SPDX-License-Identifier: MIT */
/*
 * probe: sethostname
 * class: namespaces
 * tries: sethostname. The probe sets the name it already has, so even
 *   outside a UTS namespace nothing changes (the control also runs in
 *   its own, with unshare -u). Only a kill passes: EPERM from the kernel
 *   (no CAP_SYS_ADMIN over the UTS namespace) means the filter let the
 *   call through.
 * args:
 * control: unshare-u
 * expect: KILLED(sethostname)
 * layer: seccomp (sethostname is killed); UTS namespace; privileges
 */
#include "probe.h"

int main(void)
{
	char name[256] = "capejail";

	probe_init();
	if (gethostname(name, sizeof(name)) < 0)
		note("gethostname: %s", errname(errno));
	name[sizeof(name) - 1] = '\0';
	if (sethostname(name, strlen(name)) < 0)
		blocked(errno, "sethostname(\"%s\")", name);
	escaped("sethostname(\"%s\") succeeded", name);
}
