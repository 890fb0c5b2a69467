/* SPDX-License-Identifier: MIT */
/*
 * probe: proc_net
 * class: network
 * tries: list the host's sockets in /proc/net/tcp, tcp6 and unix (their
 *   addresses, ports, paths and owners). ESCAPED if any socket is listed
 *   (the probe opens none).
 * args:
 * control: root
 * expect: BLOCKED(none/ENOENT)
 * layer: network namespace (the jail's own, the default; under --share-net
 *   the jail sees the host's sockets: docs/architecture.md)
 */
#include "probe.h"

/* Entries (lines after the header) of /proc/net/NAME, or -1. */
static int entries(const char *name)
{
	char path[64], line[512];
	int n = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/net/%s", name);
	f = fopen(path, "re");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		n++;
	fclose(f);
	return n;
}

int main(void)
{
	static const char *const files[] = { "tcp", "tcp6", "unix" };
	int total = 0, seen = 0, err = 0;

	probe_init();
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		int n = entries(files[i]);

		if (n < 0) {
			err = errno;
			continue;
		}
		seen++;
		if (n > 0)
			escaped(
			    "lists %d of the host's sockets in /proc/net/%s", n,
			    files[i]);
		total += n;
	}
	if (!seen)
		blocked(err, "read /proc/net");
	blocked(0, "/proc/net lists %d sockets", total);
}
