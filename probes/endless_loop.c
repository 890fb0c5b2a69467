/* SPDX-License-Identifier: MIT */
/*
 * probe: endless_loop
 * class: resource limits
 * tries: an endless loop, bounded: spin on the CPU for up to 3 s of wall
 *   clock (the argument, at most 8: every probe ends at 10 s); ESCAPED
 *   when the bound is reached. Jailed, the jail's wall-clock limit must
 *   kill it first (capejail exits 124 and names the time limit).
 * args: 3
 * control: root
 * jail-args: --time-limit 1s
 * expect: TIME-LIMIT
 * layer: wall-clock limit (the supervisor's timer kills the whole jail)
 */
#include "probe.h"

#include <time.h>

static double now(clockid_t clk)
{
	struct timespec ts;

	clock_gettime(clk, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	long want = arg_long(argc, argv, 1, 3);
	volatile unsigned long spins = 0;
	double start;

	probe_init();
	if (want < 1 || want > 8)
		want = 3;
	start = now(CLOCK_MONOTONIC);
	while (now(CLOCK_MONOTONIC) - start < (double)want)
		for (int i = 0; i < 100000; i++)
			spins = spins + 1;
	escaped("spun %.1f s of wall clock (%.1f s of CPU, %lu iterations), "
		"nothing stopped it",
		now(CLOCK_MONOTONIC) - start, now(CLOCK_PROCESS_CPUTIME_ID),
		(unsigned long)spins);
}
