/* SPDX-License-Identifier: MIT */
/*
 * probe: cwd_leak
 * class: host files
 * tries: a working directory left outside the new root (a jail that
 *   switches root without chdir): climb ".." from the starting directory
 *   and look for the host's marker at each level. The harness starts
 *   every run from the marker's host directory.
 * args: {marker}
 * control: root
 * expect: BLOCKED(ENOENT)
 * layer: mount setup (chdir into the new root after pivot_root)
 */
#include "probe.h"

#include <libgen.h>

int main(int argc, char **argv)
{
	const char *marker = arg(argc, argv, 1, "/capejail-probe-marker");
	const char *rel = marker;
	char copy[4096], cwd[4096] = "?", buf[256];
	int cur, up, i, err = ENOENT;

	probe_init();
	snprintf(copy, sizeof(copy), "%s", marker);
	if (!getcwd(cwd, sizeof(cwd)))
		snprintf(cwd, sizeof(cwd), "(unreachable: %s)", errname(errno));
	if (read_file(basename(copy), buf, sizeof(buf)) >= 0)
		escaped("the working directory %s holds the host's marker: %s",
			cwd, chomp(buf));
	while (*rel == '/')
		rel++;
	cur = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	for (i = 0; cur >= 0 && i < 64; i++) {
		if (read_file_at(cur, rel, buf, sizeof(buf)) >= 0)
			escaped("climbed %d levels from the working directory "
				"%s to the host's marker: %s",
				i, cwd, chomp(buf));
		err = errno;
		up = openat(cur, "..", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		close(cur);
		cur = up;
	}
	blocked(err, "no host marker above the working directory %s", cwd);
}
