/* SPDX-License-Identifier: MIT */
/*
 * probe: inotify_budget
 * class: resource limits
 * tries: share a per-uid kernel budget with another jail: a holder
 *   started first (the same probe with --hold, in a second jail, or as the
 *   same host uid for the control) takes every inotify instance its uid
 *   may have (it reads fs/inotify/max_user_instances and creates at most
 *   that many), then this one creates one. EMFILE: the budget is shared.
 * args:
 * control: scratch-uid
 * hold: yes
 * expect: BLOCKED(none)
 * layer: a host uid of its own per jail (user namespace); rootless, a
 *   quarter of the caller's budget per jail (user.max_inotify_instances)
 */
#include "probe.h"

#include <sys/inotify.h>

/* Never more than this many, whatever the sysctl says. */
#define HOLD_MAX 65536

static long max_instances(void)
{
	FILE *f = fopen("/proc/sys/fs/inotify/max_user_instances", "re");
	long n = -1;

	if (f) {
		if (fscanf(f, "%ld", &n) != 1)
			n = -1;
		fclose(f);
	}
	return n;
}

/* Take the uid's whole budget (bounded), say so, and keep it. */
static int hold(void)
{
	long max = max_instances(), n = 0;

	if (max <= 0 || max > HOLD_MAX)
		skip("fs/inotify/max_user_instances is %ld: not bounded "
		     "(1..%d)",
		     max, HOLD_MAX);
	while (n < max && inotify_init1(IN_CLOEXEC) >= 0)
		n++;
	printf("HOLDING %ld of %ld inotify instances (%s)\n", n, max,
	       n < max ? errname(errno) : "all");
	fflush(stdout);
	/* until the harness ends it; bounded on its own */
	alarm(60);
	for (;;)
		pause();
}

int main(int argc, char **argv)
{
	int fd;

	probe_init();
	if (argc > 1 && !strcmp(argv[1], "--hold"))
		return hold();
	fd = inotify_init1(IN_CLOEXEC);
	if (fd < 0 && (errno == EMFILE || errno == ENFILE))
		escaped("inotify_init1: %s: the holder took this uid's "
			"budget: it is shared",
			errname(errno));
	if (fd < 0)
		skip("inotify_init1: %s", errname(errno));
	blocked(0, "inotify_init1 works while the holder keeps its "
		   "uid's budget: not shared");
}
