/* SPDX-License-Identifier: MIT */
/*
 * probe: disk_fill
 * class: resource limits
 * tries: fill the disk through /tmp, bounded: write up to 400 MiB (the
 *   argument, at most 1024) into one scratch file in /tmp (on the host, a
 *   fresh scratch directory), unlinked as soon as it is created so that
 *   its space is freed however the probe ends. ESCAPED when all of it is
 *   written. Jailed, with a /tmp smaller than the file size limit, the
 *   jail's tmpfs must fill up first (ENOSPC).
 * args: {tmp} 400
 * control: root
 * jail-args: --tmp-size 32M
 * expect: BLOCKED(ENOSPC)
 * layer: /tmp size (a tmpfs of --tmp-size)
 */
#include "probe.h"

int main(int argc, char **argv)
{
	const char *tmp = arg(argc, argv, 1, "/tmp");
	long want = arg_long(argc, argv, 2, 400);
	char path[4096];
	long long done;
	int err;

	probe_init();
	if (want < 1 || want > 1024)
		want = 400;
	done = fill_file(tmp, want, &err, path, sizeof(path));
	if (err)
		blocked(err,
			"writing %s stopped after %lld MiB (bound %ld MiB)",
			path, done >> 20, want);
	escaped("wrote %lld MiB into %s (removed again)", done >> 20, path);
}
