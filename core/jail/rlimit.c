/* SPDX-License-Identifier: MIT */
/*
 * The jail's rlimits, set by its init before the credentials drop: always
 * CPU time, file size, open files and no core dumps; locked memory, POSIX
 * message queues, queued signals, no raised priority and no real-time
 * scheduling, whatever the caller's were (each bounds something the kernel
 * holds for the host, per user or pinned); memory and process count only
 * where the host has no cgroup controllers (cgroup.c) or capejail runs
 * rootless. Memory is then RLIMIT_DATA, each process's private writable
 * memory: not its address space (RLIMIT_AS), whose reservations (node's
 * and the JVM's, PROT_NONE until used) are far larger than what they use.
 */
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <sys/resource.h>

#include "jail.h"
#include "limits.h"

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
		{ RLIMIT_MEMLOCK, CJ_RLIM_MEMLOCK, true, "RLIMIT_MEMLOCK" },
		{ RLIMIT_MSGQUEUE, CJ_RLIM_MSGQUEUE, true, "RLIMIT_MSGQUEUE" },
		{ RLIMIT_SIGPENDING, CJ_RLIM_SIGPENDING, true,
		  "RLIMIT_SIGPENDING" },
		{ RLIMIT_NICE, 0, true, "RLIMIT_NICE" },
		{ RLIMIT_RTPRIO, 0, true, "RLIMIT_RTPRIO" },
		{ RLIMIT_RTTIME, 0, true, "RLIMIT_RTTIME" },
		/* Fallbacks where the host has no cgroup controllers. */
		{ RLIMIT_DATA, l->memory, !cg && l->memory >= 0,
		  "RLIMIT_DATA" },
		{ RLIMIT_NPROC, l->pids, !cg && l->pids >= 0, "RLIMIT_NPROC" },
	};

	/*
	 * A caller's real-time policy is not inherited: with RLIMIT_RTTIME 0
	 * a real-time task would be killed at once, and no jail may starve
	 * the host's CPUs.
	 */
	if (sched_getscheduler(0) != SCHED_OTHER) {
		struct sched_param sp = { .sched_priority = 0 };

		snprintf(detail, len, "sched_setscheduler SCHED_OTHER");
		if (sched_setscheduler(0, SCHED_OTHER, &sp))
			return -errno;
	}
	for (size_t i = 0; i < CJ_ARRAY_SIZE(tab); i++) {
		int rc = tab[i].apply ? set_rlimit(tab[i].res, tab[i].v) : 0;

		if (rc) {
			snprintf(detail, len, "%s", tab[i].name);
			return rc;
		}
	}
	return 0;
}
