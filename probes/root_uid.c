/* SPDX-License-Identifier: MIT */
/*
 * probe: root_uid
 * class: privileges
 * tries: run as uid 0 or with group 0, even without capabilities: root
 *   owns the jail's files (and /proc/sys), so uid 0 can rewrite them.
 * args:
 * control: root
 * expect: BLOCKED(none)
 * layer: user namespace (the jail's user has its own uid there, mapped to a
 *   host id of its own); uid/gid switch
 */
#include "probe.h"

#include <grp.h>

int main(void)
{
	uid_t ru, eu, su;
	gid_t rg, eg, sg, groups[256];
	int n, i;

	probe_init();
	getresuid(&ru, &eu, &su);
	getresgid(&rg, &eg, &sg);
	if (!ru || !eu || !su)
		escaped("runs as uid %d/%d/%d", (int)ru, (int)eu, (int)su);
	if (!rg || !eg || !sg)
		escaped("runs with gid %d/%d/%d", (int)rg, (int)eg, (int)sg);
	n = getgroups(256, groups);
	for (i = 0; i < n; i++)
		if (groups[i] == 0)
			escaped("member of supplementary group 0");
	blocked(0, "uid %d gid %d, %d supplementary group(s), none is 0",
		(int)ru, (int)rg, n < 0 ? 0 : n);
}
