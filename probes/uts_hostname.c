/* SPDX-License-Identifier: MIT */
/*
 * probe: uts_hostname
 * class: namespaces
 * tries: see the host's name: ESCAPED when gethostname() returns the
 *   host's own (the harness passes it): the jail shares the host's UTS
 *   namespace (a sethostname would rename the host), or copied it without
 *   giving the jail a name of its own.
 * args: {hostname}
 * control: root
 * expect: BLOCKED(none)
 * layer: UTS namespace
 */
#include "probe.h"

int main(int argc, char **argv)
{
	const char *host = arg(argc, argv, 1, "");
	char name[256] = "";

	probe_init();
	if (gethostname(name, sizeof(name)) < 0)
		blocked(errno, "gethostname");
	name[sizeof(name) - 1] = '\0';
	if (host[0] && !strcmp(name, host))
		escaped("the host name is the host's: %s", name);
	blocked(0, "host name '%s', not the host's", name);
}
