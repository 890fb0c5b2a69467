/* SPDX-License-Identifier: MIT */
/*
 * probe: grant_toctou
 * class: host files
 * tries: get the broker to open a path it did not grant: the jail may
 *   read only GRANT/ok (jail-args grant the directory), and a second thread
 *   flips the path open() reads between GRANT/ok and the host's marker
 *   (holding each about a microsecond) while the main thread opens it, at
 *   least 3000 times and for at least half a second (RACE_MIN_MS), until
 *   one open reads the marker. A broker that decided
 *   on one read and opened (or let the kernel open) after another would
 *   hand over the marker. ESCAPED if any open reads the marker.
 * args: {grant} {marker}
 * control: root
 * jail-args: --grant-read {grant}
 * expect: BLOCKED(ENOENT)
 * layer: the supervisor decides: it reads the path once and opens its own
 *   copy; a path under no grant is the jail's own file system's
 *   (broker_open.c)
 */
#include "probe.h"

#include <pthread.h>
#include <sched.h>
#include <string.h>

#define TRIES 3000

static char path[4096], granted[4096], outside[4096];
static volatile int flipping;

/* SRC over the path open() reads, byte by byte (no store elided). */
static void put(const char *src)
{
	volatile char *p = path;
	size_t i = 0;

	do
		p[i] = src[i];
	while (src[i++]);
}

/* Flip the path open() will read, as fast as the CPU allows. */
static void *flip(void *unused)
{
	(void)unused;
	flipping = 1;
	for (;;) {
		put(granted);
		race_hold();
		put(outside);
		race_hold();
	}
	return NULL;
}

int main(int argc, char **argv)
{
	const char *grant = arg(argc, argv, 1, "/nonexistent");
	const char *marker = arg(argc, argv, 2, "/nonexistent");
	int ok = 0, last = 0, i;
	long long start;
	pthread_t t;

	probe_init();
	snprintf(granted, sizeof(granted), "%s/ok", grant);
	snprintf(outside, sizeof(outside), "%s", marker);
	put(granted);
	if (pthread_create(&t, NULL, flip, NULL))
		skip("pthread_create failed");
	while (!flipping)
		sched_yield();
	start = race_ms();
	for (i = 0; i < RACE_MAX_TRIES &&
		    (i < TRIES || race_ms() - start < RACE_MIN_MS);
	     i++) {
		char buf[128];
		int fd = open(path, O_RDONLY | O_CLOEXEC);
		ssize_t n;

		if (fd < 0) {
			last = errno;
			continue;
		}
		n = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		buf[n > 0 ? n : 0] = '\0';
		if (strncmp(buf, "capejail-marker-", 16) == 0)
			escaped("attempt %d read the marker: %s", i + 1,
				chomp(buf));
		ok++;
	}
	blocked(last ? last : ENOENT,
		"%d opens in %lld ms, %d of the granted file, none of the "
		"marker",
		i, race_ms() - start, ok);
}
