/* SPDX-License-Identifier: MIT */
/*
 * probe: fd_leak
 * class: host files
 * tries: use file descriptors inherited from outside the jail: the harness
 *   starts every run with fd 7 open on the marker's host directory and fd
 *   8 on the host's /. For each fd 3..1023: openat(fd, marker's name), and
 *   openat(fd, "..") climbing, looking for the marker from each level.
 *   ESCAPED for any inherited descriptor at all; the marker is the
 *   evidence when one leads to the host's files.
 * args: {marker}
 * control: root
 * expect: BLOCKED(EBADF)
 * layer: the init closes the caller's descriptors at its start; fds (every
 *   inherited fd above 2 is closed before exec)
 */
#include "probe.h"

#include <libgen.h>
#include <sys/stat.h>

static int find_marker(int fd, const char *marker, char *buf, size_t len)
{
	char copy[4096];
	const char *base, *rel = marker;
	int cur, up, i;

	snprintf(copy, sizeof(copy), "%s", marker);
	base = basename(copy);
	if (read_file_at(fd, base, buf, len) >= 0)
		return 1;
	while (*rel == '/')
		rel++;
	cur = dup(fd);
	for (i = 0; cur >= 0 && i < 64; i++) {
		if (read_file_at(cur, rel, buf, len) >= 0) {
			close(cur);
			return 1;
		}
		up = openat(cur, "..", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		close(cur);
		cur = up;
	}
	if (cur >= 0)
		close(cur);
	return 0;
}

int main(int argc, char **argv)
{
	const char *marker = arg(argc, argv, 1, "/capejail-probe-marker");
	char first[300] = "", buf[256], link[64], target[256];
	int fd, count = 0;
	struct stat st;

	probe_init();
	for (fd = 3; fd < 1024; fd++) {
		if (fstat(fd, &st) < 0)
			continue;
		count++;
		snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
		readlink_str(link, target, sizeof(target));
		if (!first[0])
			snprintf(first, sizeof(first), "fd %d -> %s", fd,
				 target[0] ? target : "?");
		if (S_ISDIR(st.st_mode) &&
		    find_marker(fd, marker, buf, sizeof(buf)))
			escaped("inherited fd %d (%s) leads to the host's "
				"marker: %s",
				fd, target, chomp(buf));
	}
	if (count)
		escaped("%d inherited descriptor(s) above 2, e.g. %s", count,
			first);
	blocked(EBADF, "no descriptor above 2 is open");
}
