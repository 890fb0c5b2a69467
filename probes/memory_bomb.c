/* SPDX-License-Identifier: MIT */
/*
 * probe: memory_bomb
 * class: resource limits
 * tries: a memory bomb, bounded: map anonymous memory 64 MiB at a time and
 *   write every page, up to 1024 MiB (the argument, at most 4096);
 *   ESCAPED when all of it is resident at once. Jailed, the jail's memory
 *   limit must end it first: the cgroup's OOM killer (SIGKILL, capejail
 *   names the memory limit), or ENOMEM from mmap under the RLIMIT_DATA
 *   fallback. The memory is the probe's own and goes with it.
 * args: 1024
 * control: root
 * jail-args: --memory 128M
 * expect: KILLED(SIGKILL), BLOCKED(ENOMEM)
 * layer: memory limit (cgroup memory.max / memory.limit_in_bytes, OOM
 *   kill; RLIMIT_DATA without cgroups)
 */
#include "probe.h"

#include <sys/mman.h>

#define CHUNK (64L << 20)

int main(int argc, char **argv)
{
	long want = arg_long(argc, argv, 1, 1024), done = 0;
	long page = sysconf(_SC_PAGESIZE);

	probe_init();
	if (want < 64 || want > 4096)
		want = 1024;
	if (page <= 0)
		page = 4096;
	while (done < want) {
		char *p = mmap(NULL, CHUNK, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p == MAP_FAILED)
			blocked(errno,
				"mmap failed after %ld MiB (bound %ld MiB)",
				done, want);
		for (long off = 0; off < CHUNK; off += page)
			p[off] = (char)(off / page) | 1;
		done += CHUNK >> 20;
		if (done % 512 == 0)
			note("%ld MiB written", done);
	}
	escaped("wrote every page of %ld MiB of memory, all resident at once",
		done);
}
