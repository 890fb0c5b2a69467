/* SPDX-License-Identifier: MIT */
/*
 * The limits a jail runs under: the documented defaults filled in, and
 * which mechanism enforces each one (notes for -v). Pure but for reading
 * the host's RAM size and process slots (cj_limits_host).
 */
#include <stdio.h>
#include <sys/sysinfo.h>

#include "err.h"
#include "limits.h"
#include "kernfile.h"

void cj_limits_host(struct cj_host *h)
{
	struct sysinfo si;
	int64_t pid_max = cj_read_number("/proc/sys/kernel/pid_max");
	int64_t threads = cj_read_number("/proc/sys/kernel/threads-max");

	h->ram = sysinfo(&si) == 0
		     ? (int64_t)((uint64_t)si.totalram * si.mem_unit)
		     : -1;
	h->task_max = pid_max < 0 || (threads >= 0 && threads < pid_max)
			  ? threads
			  : pid_max;
}

static int64_t clamp(int64_t v, int64_t lo, int64_t hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/*
 * The rule (docs/limits.md): memory is RAM / 40, between 64 MiB and 4 GiB;
 * pids 256, or fewer where 40 jails would take more than the host's
 * process slots; each tmpfs at most 256 MiB and a quarter of the memory.
 */
void cj_limits_resolve_for(struct cj_limits *l, const struct cj_host *h)
{
	if (l->pids == CJ_LIMIT_DEFAULT)
		l->pids = h->task_max > 0
			      ? clamp(h->task_max / (2 * CJ_CONCURRENT), 16,
				      CJ_DEFAULT_PIDS)
			      : CJ_DEFAULT_PIDS;
	if (l->memory == CJ_LIMIT_DEFAULT)
		l->memory = h->ram > 0 ? clamp(h->ram / CJ_DEFAULT_MEMORY_SHARE,
					       CJ_DEFAULT_MEMORY_MIN,
					       CJ_DEFAULT_MEMORY_MAX)
				       : CJ_LIMIT_NONE;
	if (l->fsize == CJ_LIMIT_DEFAULT)
		l->fsize = CJ_DEFAULT_FSIZE;
	if (l->nofile == CJ_LIMIT_DEFAULT)
		l->nofile = CJ_DEFAULT_NOFILE;
	if (l->tmp_size == CJ_LIMIT_NONE)
		l->tmp_size = CJ_TMP_SIZE_UNLIMITED;
	else if (l->tmp_size == CJ_LIMIT_DEFAULT)
		l->tmp_size =
		    l->memory > 0 && l->memory / 4 < CJ_DEFAULT_TMP_SIZE
			? l->memory / 4
			: CJ_DEFAULT_TMP_SIZE;
	if (l->cpu_s == CJ_LIMIT_DEFAULT)
		l->cpu_s = CJ_LIMIT_NONE;
	if (l->time_ms == CJ_LIMIT_DEFAULT)
		l->time_ms = CJ_LIMIT_NONE;
}

void cj_limits_resolve(struct cj_limits *l)
{
	struct cj_host h;

	cj_limits_host(&h);
	cj_limits_resolve_for(l, &h);
}

static void show(const struct cj_msgs *msgs, const char *what, int64_t v,
		 const char *unit, const char *by)
{
	if (v < 0)
		cj_msgs_note(msgs, "limit: %s: none", what);
	else
		cj_msgs_note(msgs, "limit: %s: %lld%s%s (%s)", what,
			     (long long)v, *unit ? " " : "", unit, by);
}

void cj_limits_describe(const struct cj_limits *l, const struct cj_msgs *msgs)
{
	int v = l->cgroup;
	const char *by = v ? (v == 2 ? "cgroup v2" : "cgroup v1") : "rlimit";

	show(msgs, "memory", l->memory, "bytes",
	     v ? by
	       : "rlimit RLIMIT_DATA: each process's private writable "
		 "memory, not the jail's together");
	show(msgs, "pids", l->pids, "processes (the jail's init included)",
	     v ? by
	       : "rlimit RLIMIT_NPROC, counted for the jail's user in its "
		 "own user namespace");
	show(msgs, "cpu time", l->cpu_s, "s",
	     "rlimit RLIMIT_CPU: SIGXCPU, then "
	     "SIGKILL a second later");
	show(msgs, "file size", l->fsize, "bytes", "rlimit RLIMIT_FSIZE");
	show(msgs, "open files", l->nofile, "", "rlimit RLIMIT_NOFILE");
	show(msgs, "each writable tmpfs", l->tmp_size, "bytes",
	     "tmpfs size, one inode per 4 KiB");
	show(msgs, "wall clock", l->time_ms, "ms", "supervisor timer");
	cj_msgs_note(msgs, "limit: core dumps: off (rlimit RLIMIT_CORE)");
	show(msgs, "locked memory", CJ_RLIM_MEMLOCK, "bytes",
	     "rlimit RLIMIT_MEMLOCK");
	show(msgs, "POSIX message queues", CJ_RLIM_MSGQUEUE, "bytes",
	     "rlimit RLIMIT_MSGQUEUE");
	show(msgs, "queued signals", CJ_RLIM_SIGPENDING, "",
	     "rlimit RLIMIT_SIGPENDING");
	cj_msgs_note(msgs, "limit: priority and real-time scheduling: none "
			   "above normal (rlimits RLIMIT_NICE, RLIMIT_RTPRIO, "
			   "RLIMIT_RTTIME 0)");
}
