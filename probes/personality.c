/* SPDX-License-Identifier: MIT */
/*
 * probe: personality
 * class: kernel attack surface
 * tries: switch the process's persona to READ_IMPLIES_EXEC, under which
 *   every readable mapping is also executable: injected data becomes
 *   code. ESCAPED if the persona took; nothing is mapped afterwards.
 * args:
 * control: root
 * expect: KILLED(personality)
 * layer: seccomp (personality's rule: harmless personas only)
 */
#include "probe.h"

#include <sys/personality.h>

int main(void)
{
	int now;

	probe_init();
	if (personality(PER_LINUX | READ_IMPLIES_EXEC) == -1)
		blocked(errno, "personality(READ_IMPLIES_EXEC)");
	now = personality(0xffffffff);
	if (now != -1 && (now & READ_IMPLIES_EXEC))
		escaped("the persona is now %#x: READ_IMPLIES_EXEC",
			(unsigned)now);
	blocked(0, "the persona is %#x, without READ_IMPLIES_EXEC",
		(unsigned)now);
}
