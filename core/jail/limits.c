/* SPDX-License-Identifier: MIT */
/*
 * The limits a jail runs under: the documented defaults filled in, and
 * which mechanism enforces each one (notes for -v). Pure but for the host's
 * RAM size.
 */
#include <sys/sysinfo.h>

#include "err.h"
#include "limits.h"

void cj_limits_resolve(struct cj_limits *l)
{
	struct sysinfo si;

	if (l->pids == CJ_LIMIT_DEFAULT)
		l->pids = CJ_DEFAULT_PIDS;
	if (l->memory == CJ_LIMIT_DEFAULT)
		l->memory =
		    sysinfo(&si) == 0
			? (int64_t)((uint64_t)si.totalram * si.mem_unit / 100 *
				    CJ_DEFAULT_MEMORY_PERCENT)
			: CJ_LIMIT_NONE;
	if (l->fsize == CJ_LIMIT_DEFAULT)
		l->fsize = CJ_DEFAULT_FSIZE;
	if (l->nofile == CJ_LIMIT_DEFAULT)
		l->nofile = CJ_DEFAULT_NOFILE;
	if (l->tmp_size == CJ_LIMIT_DEFAULT || l->tmp_size == CJ_LIMIT_NONE)
		l->tmp_size = l->tmp_size == CJ_LIMIT_NONE
				  ? CJ_TMP_SIZE_UNLIMITED
				  : CJ_DEFAULT_TMP_SIZE;
	if (l->cpu_s == CJ_LIMIT_DEFAULT)
		l->cpu_s = CJ_LIMIT_NONE;
	if (l->time_ms == CJ_LIMIT_DEFAULT)
		l->time_ms = CJ_LIMIT_NONE;
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

	show(msgs, "memory", l->memory, "bytes", v ? by : "rlimit RLIMIT_AS");
	show(msgs, "pids", l->pids, "processes (the jail's init included)",
	     v ? by : "rlimit RLIMIT_NPROC, counted per uid on the host");
	show(msgs, "cpu time", l->cpu_s, "s",
	     "rlimit RLIMIT_CPU: SIGXCPU, then "
	     "SIGKILL a second later");
	show(msgs, "file size", l->fsize, "bytes", "rlimit RLIMIT_FSIZE");
	show(msgs, "open files", l->nofile, "", "rlimit RLIMIT_NOFILE");
	show(msgs, "each writable tmpfs", l->tmp_size, "bytes",
	     "tmpfs size, one inode per 4 KiB");
	show(msgs, "wall clock", l->time_ms, "ms", "supervisor timer");
	cj_msgs_note(msgs, "limit: core dumps: off (rlimit RLIMIT_CORE)");
}
