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
	fill_probe(argc, argv);
}
