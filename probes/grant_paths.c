/* SPDX-License-Identifier: MIT */
/*
 * probe: grant_paths
 * class: host files
 * tries: read the host's marker, which lies just outside a granted
 *   directory (jail-args), by every path a broker might take for one under
 *   the grant: GRANT/../marker, GRANT/sub/../../marker, GRANT//./../marker,
 *   a symlink inside the grant pointing at the marker, /proc/self/root and
 *   /proc/1/root + the marker's path, the grant's directory itself (a host
 *   directory descriptor leads anywhere), a granted file's descriptor used
 *   as a directory (/proc/self/fd/N/../../marker), and paths of 4095 and
 *   8191 bytes that end by climbing out. ESCAPED if any of them reads the
 *   marker (or the grant's directory opens).
 * args: {grant} {marker}
 * control: root
 * jail-args: --grant-read {grant}
 * expect: BLOCKED(ENOENT)
 * layer: the broker opens beneath the grant (openat2 RESOLVE_BENEATH, no
 *   symlinks, no magic links), regular files only; Landlock keeps a
 *   handed-over descriptor from leading anywhere (broker_open.c)
 */
#include "probe.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

static int first; /* the first refusal's errno: the one reported */

static void refused(int err)
{
	if (!first)
		first = err;
}

/* Open PATH (FLAGS) and read it: ESCAPED on the marker's text. */
static void try_read(const char *how, const char *path, int flags)
{
	char buf[256];
	int fd = open(path, flags | O_CLOEXEC);
	ssize_t n;

	if (fd < 0) {
		refused(errno);
		return;
	}
	if (flags & O_DIRECTORY)
		escaped("%s: the grant's directory itself opened (fd %d): a "
			"host directory in the jail",
			how, fd);
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[n > 0 ? n : 0] = '\0';
	/* the harness's marker: "capejail-marker-" and random hex */
	if (n > 0 && strncmp(buf, "capejail-marker-", 16) == 0)
		escaped("%s: read the marker (%s) through %.200s", how,
			chomp(buf), path);
	refused(n < 0 ? errno : ENOENT); /* opened something else */
}

/* A path of about LEN bytes: GRANT/a/a/.../../marker, climbing out. */
static void long_path(const char *grant, const char *name, size_t len)
{
	char *p = malloc(len + 512);
	size_t pos;
	int depth = 0;

	if (!p)
		return;
	pos = (size_t)snprintf(p, len + 512, "%s", grant);
	while (pos + 16 + 3 * (size_t)(depth + 2) + strlen(name) < len) {
		memcpy(p + pos, "/sub/..", 7);
		pos += 7;
		depth++;
	}
	pos += (size_t)snprintf(p + pos, len + 512 - pos, "/../%s", name);
	try_read("a long path", p, O_RDONLY);
	free(p);
}

int main(int argc, char **argv)
{
	const char *grant = arg(argc, argv, 1, "/nonexistent");
	const char *marker = arg(argc, argv, 2, "/nonexistent");
	const char *name =
	    strrchr(marker, '/') ? strrchr(marker, '/') + 1 : marker;
	char path[PATH_MAX + 64];
	int fd;

	probe_init();
	snprintf(path, sizeof(path), "%s/../%s", grant, name);
	try_read("..", path, O_RDONLY);
	snprintf(path, sizeof(path), "%s/sub/../../%s", grant, name);
	try_read("sub/../..", path, O_RDONLY);
	snprintf(path, sizeof(path), "%s//./../%s", grant, name);
	try_read("//./..", path, O_RDONLY);
	snprintf(path, sizeof(path), "%s/out", grant);
	try_read("a symlink out", path, O_RDONLY);
	snprintf(path, sizeof(path), "/proc/self/root%s", marker);
	try_read("/proc/self/root", path, O_RDONLY);
	snprintf(path, sizeof(path), "/proc/1/root%s", marker);
	try_read("/proc/1/root", path, O_RDONLY);
	try_read("the grant's directory", grant, O_RDONLY | O_DIRECTORY);
	snprintf(path, sizeof(path), "%s/ok", grant);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		snprintf(path, sizeof(path), "/proc/self/fd/%d/../../%s", fd,
			 name);
		try_read("a granted file's fd as a directory", path, O_RDONLY);
		close(fd);
	}
	long_path(grant, name, 4095);
	long_path(grant, name, 8191);
	blocked(first, "no path out of %s reached the marker", grant);
}
