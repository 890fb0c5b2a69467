/* SPDX-License-Identifier: MIT */
/*
 * probe: file_size
 * class: resource limits
 * tries: one huge file, bounded: write up to 400 MiB (the argument, at
 *   most 1024) into one scratch file in /tmp (on the host, a fresh scratch
 *   directory), unlinked as soon as it is created. ESCAPED when all of it
 *   is written. Jailed, with a file size limit below /tmp's size, the
 *   write past the limit must raise SIGXFSZ (capejail names the file size
 *   limit); EFBIG if the signal were ignored.
 * args: {tmp} 400
 * control: root
 * jail-args: --file-size 32M
 * expect: KILLED(SIGXFSZ), BLOCKED(EFBIG)
 * layer: file size limit (RLIMIT_FSIZE)
 */
#include "probe.h"

int main(int argc, char **argv)
{
	fill_probe(argc, argv);
}
