/* SPDX-License-Identifier: MIT */
/*
 * probe: proc_pids
 * class: other processes
 * tries: see the host's processes in /proc: ESCAPED if the sacrificial
 *   process is listed, or more than 8 processes are.
 * args: {pid}
 * control: root
 * expect: BLOCKED(none/ENOENT)
 * layer: PID namespace (a fresh /proc for the jail's namespace)
 */
#include "probe.h"

#include <ctype.h>
#include <dirent.h>

int main(int argc, char **argv)
{
	long pid = arg_long(argc, argv, 1, 0);
	char path[64], comm[64];
	struct dirent *de;
	int n = 0;
	DIR *d;

	probe_init();
	d = opendir("/proc");
	if (!d)
		blocked(errno, "open /proc");
	while ((de = readdir(d)))
		n += isdigit((unsigned char)de->d_name[0]) != 0;
	closedir(d);
	snprintf(path, sizeof(path), "/proc/%ld/comm", pid);
	if (pid > 0 && read_file(path, comm, sizeof(comm)) > 0 &&
	    !strcmp(chomp(comm), "sleep"))
		escaped("sees the sacrificial host process %ld (%s) among %d "
			"processes",
			pid, comm, n);
	if (n > 8)
		escaped("sees %d processes", n);
	blocked(0, "sees %d process(es), not the host's", n);
}
