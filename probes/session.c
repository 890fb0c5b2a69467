/* SPDX-License-Identifier: MIT */
/*
 * probe: session
 * class: other processes
 * tries: share the caller's session: ESCAPED if the program is not the
 *   leader of a session of its own (getsid(0) differs from its pid). In
 *   the caller's session it shares the caller's controlling terminal, its
 *   job control and its hang-ups; capejail starts it with setsid()
 *   (core/jail/program.c). The harness runs the control as a child of its
 *   shell, never a session leader.
 * args:
 * control: root
 * expect: BLOCKED(none)
 * layer: new session (the program's own, no controlling terminal)
 */
#include "probe.h"

int main(void)
{
	pid_t sid;

	probe_init();
	sid = getsid(0);
	if (sid < 0)
		blocked(errno, "getsid");
	if (sid != getpid())
		escaped("in session %d, not a session of its own (pid %d): "
			"the caller's terminal and job control are shared",
			(int)sid, (int)getpid());
	blocked(0, "the leader of its own session");
}
