/* SPDX-License-Identifier: MIT */
/*
 * probe: proc_launcher_argv
 * class: other processes
 * tries: read the command line of the process that started it (its
 *   parent): in a jail whose init is a fork of the launcher that is the
 *   launcher's whole argv (options, paths, the program's arguments).
 *   ESCAPED if the parent's /proc/PID/cmdline holds more than one word.
 * args:
 * control: root
 * expect: BLOCKED(none)
 * layer: the init names itself "init" (PR_SET_MM_MAP)
 */
#include "probe.h"

int main(void)
{
	char path[64], buf[4096];
	ssize_t n;
	int words = 0;

	probe_init();
	snprintf(path, sizeof(path), "/proc/%ld/cmdline", (long)getppid());
	n = read_file(path, buf, sizeof(buf));
	if (n < 0)
		blocked(errno, "read %s", path);
	for (ssize_t i = 0; i < n; i++)
		if (buf[i] == '\0' || i == n - 1) {
			words++;
			if (buf[i] == '\0' && i < n - 1)
				buf[i] = ' ';
		}
	buf[n > 0 ? n - 1 : 0] = '\0';
	if (words > 1)
		escaped("reads its launcher's command line (pid %ld): %.200s",
			(long)getppid(), buf);
	blocked(0, "its parent (pid %ld) shows only \"%s\"", (long)getppid(),
		buf);
}
