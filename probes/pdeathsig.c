/* SPDX-License-Identifier: MIT */
/*
 * probe: pdeathsig
 * class: other processes
 * tries: outlive the jail: ESCAPED if the program has no parent-death
 *   signal (PR_GET_PDEATHSIG is 0), or one that is not SIGKILL (it could
 *   be caught or ignored). capejail gives the program SIGKILL for when its
 *   parent, the jail's init, dies (core/jail/lifeline.c), so that nothing
 *   of the jail keeps running once capejail is gone.
 * args:
 * control: root
 * expect: BLOCKED(none)
 * layer: lifeline (PR_SET_PDEATHSIG SIGKILL on the program)
 */
#include "probe.h"

int main(void)
{
	int sig = -1;

	probe_init();
	if (prctl(PR_GET_PDEATHSIG, &sig, 0, 0, 0))
		blocked(errno, "prctl(PR_GET_PDEATHSIG)");
	if (sig == 0)
		escaped("no parent-death signal: the program outlives its "
			"parent");
	if (sig != SIGKILL)
		escaped("parent-death signal %d (%s), not SIGKILL: it can be "
			"caught or ignored",
			sig, sigabbrev_np(sig) ? sigabbrev_np(sig) : "?");
	blocked(0, "parent-death signal SIGKILL");
}
