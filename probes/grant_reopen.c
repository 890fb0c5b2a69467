/* SPDX-License-Identifier: MIT */
/*
 * probe: grant_reopen
 * class: host files
 * tries: write to a file granted for reading only (jail-args): a
 *   world-writable file in the granted directory, so only the grant stands
 *   in the way. First by the grant itself (open for writing, O_TRUNC,
 *   O_APPEND, O_CREAT of a new file), then by reopening the read-only
 *   descriptor the broker handed over through /proc/self/fd/N for writing.
 *   ESCAPED if any write lands; the file is put back as it was.
 * args: {grant}
 * control: root
 * jail-args: --grant-read {grant}
 * expect: BLOCKED(EACCES)
 * layer: the broker's flags check (no write access, O_CREAT, O_TRUNC or
 *   O_APPEND on a read grant); Landlock refuses reopening a host file by
 *   a path (broker_open.c, landlock.c)
 */
#include "probe.h"

#include <string.h>

static const char original[] = "capejail-grant-rw\n";
static char target[4096];

/* An open for writing succeeded: put the file back, ESCAPED. */
static void landed(const char *how, int fd)
{
	int w = open(target, O_WRONLY | O_TRUNC | O_CLOEXEC);

	close(fd);
	if (w >= 0) {
		(void)!write(w, original, sizeof(original) - 1);
		close(w);
	}
	escaped("%s: %s, granted for reading only, opened for writing", how,
		target);
}

int main(int argc, char **argv)
{
	const char *grant = arg(argc, argv, 1, "/nonexistent");
	static const int modes[] = { O_WRONLY, O_RDWR, O_WRONLY | O_APPEND,
				     O_RDONLY | O_TRUNC };
	char path[4200];
	int fd, first = 0;

	probe_init();
	snprintf(target, sizeof(target), "%s/rw-target", grant);
	for (size_t i = 0; i < sizeof(modes) / sizeof(*modes); i++) {
		fd = open(target, modes[i] | O_CLOEXEC);
		if (fd >= 0)
			landed("open", fd);
		if (!first)
			first = errno;
	}
	snprintf(path, sizeof(path), "%s/new-file", grant);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	if (fd >= 0) {
		close(fd);
		unlink(path);
		escaped("created %s in a read grant", path);
	}
	fd = open(target, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		skip("%s: cannot be opened for reading either (%s): the "
		     "grant itself is missing",
		     target, errname(errno));
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	{
		int w = open(path, O_WRONLY | O_CLOEXEC);

		if (w >= 0)
			landed("reopen of the read-only descriptor", w);
	}
	close(fd);
	blocked(first, "no write reached %s", target);
}
