/* SPDX-License-Identifier: MIT */
/*
 * probe: marker_path
 * class: host files
 * tries: the simplest way to the host's files: open the marker by its host
 *   path, directly and through "/../..": the jail's root must not contain
 *   (or bind-mount) the host's directories, such as its /tmp.
 * args: {marker}
 * control: root
 * expect: BLOCKED(ENOENT)
 * layer: mount setup (a root of its own)
 */
#include "probe.h"

int main(int argc, char **argv)
{
	const char *marker = arg(argc, argv, 1, "/capejail-probe-marker");
	char path[4096], buf[256];

	probe_init();
	if (read_file(marker, buf, sizeof(buf)) >= 0)
		escaped("read the host's marker %s: %s", marker, chomp(buf));
	snprintf(path, sizeof(path), "/../../..%s", marker);
	if (read_file(path, buf, sizeof(buf)) >= 0)
		escaped("read the host's marker through %s: %s", path,
			chomp(buf));
	blocked(errno, "open %s", marker);
}
