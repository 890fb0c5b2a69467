/* SPDX-License-Identifier: MIT */
/*
 * probe: grant_flood
 * class: resource limits
 * tries: keep the broker busy: four threads open and close a granted
 *   file as fast as they can, for up to 3 s of wall clock (the argument,
 *   at most 8). Every open is a round trip through the supervisor, which
 *   must still keep its own clock: jailed, the wall-clock limit must end
 *   the jail first. ESCAPED when the bound is reached.
 * args: {grant} 3
 * control: root
 * jail-args: --grant-read {grant} --time-limit 1s
 * expect: TIME-LIMIT
 * layer: wall-clock limit: the supervisor's loop answers one
 *   notification at a time and checks its timer between them (supervise.c)
 */
#include "probe.h"

#include <pthread.h>
#include <time.h>

static char path[4096];
static volatile unsigned long opens;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void *flood(void *unused)
{
	(void)unused;
	for (;;) {
		int fd = open(path, O_RDONLY | O_CLOEXEC);

		if (fd >= 0)
			close(fd);
		__atomic_add_fetch(&opens, 1, __ATOMIC_RELAXED);
	}
	return NULL;
}

int main(int argc, char **argv)
{
	const char *grant = arg(argc, argv, 1, "/nonexistent");
	long want = arg_long(argc, argv, 2, 3);
	double start;
	pthread_t t;

	probe_init();
	if (want < 1 || want > 8)
		want = 3;
	snprintf(path, sizeof(path), "%s/ok", grant);
	start = now();
	for (int i = 0; i < 4; i++)
		if (pthread_create(&t, NULL, flood, NULL))
			skip("pthread_create failed");
	while (now() - start < (double)want)
		usleep(10000);
	escaped("%lu opens in %.1f s, nothing stopped the flood", opens,
		now() - start);
}
