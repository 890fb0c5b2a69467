/* SPDX-License-Identifier: MIT */
/*
 * probe: setuid_root
 * class: privileges
 * tries: gain root through a setuid-root program: the harness installs
 *   this probe owned by root with mode 4755 and runs it as an ordinary
 *   user (the control drops to nobody with setpriv first). ESCAPED if the
 *   effective uid is 0 or setuid(0) works.
 *   (EINVAL: uid 0 does not exist in the jail's user namespace.)
 *   With --idle it only reports its ids (used by ptrace_traceme).
 * args:
 * control: nonroot
 * setuid: yes
 * expect: BLOCKED(EPERM/EINVAL), KILLED(setuid)
 * layer: no_new_privs (setuid bits ignored); nosuid mounts; uid
 */
#include "probe.h"

int main(int argc, char **argv)
{
	uid_t r, e, s;

	probe_init();
	getresuid(&r, &e, &s);
	if (argc > 1 && !strcmp(argv[1], "--idle")) {
		printf("uids %d %d %d\n", (int)r, (int)e, (int)s);
		return 0;
	}
	if (e == 0)
		escaped("setuid program runs with euid 0 (ruid %d)", (int)r);
	if (setuid(0) == 0)
		escaped("setuid(0) succeeded from uid %d", (int)r);
	blocked(errno, "euid %d; setuid(0)", (int)e);
}
