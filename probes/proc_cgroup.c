/* SPDX-License-Identifier: MIT */
/*
 * probe: proc_cgroup
 * class: other processes
 * tries: read the host's cgroup path (and, in it, capejail's host pid)
 *   from /proc/self/cgroup. ESCAPED if any hierarchy shows a path other
 *   than "/".
 * args:
 * control: root
 * expect: BLOCKED(none)
 * layer: cgroup namespace (entered once the jail is in its cgroup)
 */
#include "probe.h"

int main(void)
{
	char buf[4096], *line, *save = NULL;

	probe_init();
	if (read_file("/proc/self/cgroup", buf, sizeof(buf)) < 0)
		blocked(errno, "read /proc/self/cgroup");
	for (line = strtok_r(buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *path = strrchr(line, ':');

		if (path && strcmp(path + 1, "/") != 0)
			escaped("reads a host cgroup path: %s", line);
	}
	blocked(0, "every cgroup path is /");
}
