/* SPDX-License-Identifier: MIT */
/*
 * The jail's rlimits, set by its init before the credentials drop: always
 * CPU time, file size, open files and no core dumps; memory and process
 * count only where the host has no cgroup controllers (cgroup.c).
 */
#include <errno.h>
#include <stdio.h>
#include <sys/resource.h>

#include "jail.h"

static int set_rlimit(int res, int64_t v)
{
	struct rlimit r;

	r.rlim_cur = r.rlim_max = v < 0 ? RLIM_INFINITY : (rlim_t)v;
	/*
	 * At the hard CPU limit the kernel sends SIGKILL, and checks it first:
	 * a hard limit one second above the soft one lets SIGXCPU end the
	 * program normally, and SIGKILL end one that ignores it.
	 */
	if (res == RLIMIT_CPU && v >= 0)
		r.rlim_max = (rlim_t)v + 1;
	return setrlimit(res, &r) ? -errno : 0;
}

int cj_rlimit_apply(struct cj_jail *j, char *detail, size_t len)
{
	const struct cj_limits *l = &j->plan->limits;
	bool cg = l->cgroup != 0;
	const struct {
		int res;
		int64_t v;
		bool apply;
		const char *name;
	} tab[] = {
		{ RLIMIT_CORE, 0, true, "RLIMIT_CORE" },
		{ RLIMIT_CPU, l->cpu_s, l->cpu_s >= 0, "RLIMIT_CPU" },
		{ RLIMIT_FSIZE, l->fsize, l->fsize >= 0, "RLIMIT_FSIZE" },
		{ RLIMIT_NOFILE, l->nofile, l->nofile >= 0, "RLIMIT_NOFILE" },
		/* Fallbacks where the host has no cgroup controllers. */
		{ RLIMIT_AS, l->memory, !cg && l->memory >= 0, "RLIMIT_AS" },
		{ RLIMIT_NPROC, l->pids, !cg && l->pids >= 0, "RLIMIT_NPROC" },
	};

	for (size_t i = 0; i < CJ_ARRAY_SIZE(tab); i++) {
		int rc = tab[i].apply ? set_rlimit(tab[i].res, tab[i].v) : 0;

		if (rc) {
			snprintf(detail, len, "%s", tab[i].name);
			return rc;
		}
	}
	return 0;
}
