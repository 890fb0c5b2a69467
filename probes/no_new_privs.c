/* SPDX-License-Identifier: MIT */
/*
 * probe: no_new_privs
 * class: privileges
 * tries: run without no_new_privs: then a setuid or file-capability
 *   program inside the jail could raise privileges again.
 * args:
 * control: root
 * expect: BLOCKED(none)
 * layer: no_new_privs
 */
#include "probe.h"

int main(void)
{
	int nnp;

	probe_init();
	nnp = prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0);
	if (nnp < 0)
		blocked(errno, "prctl(PR_GET_NO_NEW_PRIVS)");
	if (nnp == 0)
		escaped("no_new_privs is off");
	blocked(0, "no_new_privs is on");
}
