/* SPDX-License-Identifier: MIT */
/*
 * Resource limits: cgroups for memory and process count where the host has
 * them (cgroup.c: v2, or the v1 memory and pids controllers), rlimits as
 * the fallback and always for CPU time, file size, open files and core
 * dumps (rlimit.c). This header: the defaults and their resolution.
 */
#ifndef CAPEJAIL_LIMITS_H
#define CAPEJAIL_LIMITS_H

#include <stdbool.h>

#include "capejail.h"
#include "err.h"

/*
 * Defaults when no option is given (documented in docs/capejail.1 and
 * docs/limits.md, "Defaults that survive concurrency"): CJ_CONCURRENT
 * default jails, each at its limit, hold at most half of the host's RAM
 * and half of its process slots.
 */
#define CJ_CONCURRENT		20
#define CJ_DEFAULT_PIDS		256 /* at most; fewer on a small pid_max */
#define CJ_DEFAULT_MEMORY_SHARE (2 * CJ_CONCURRENT) /* RAM / 40 */
#define CJ_DEFAULT_MEMORY_MIN	(64LL << 20)
#define CJ_DEFAULT_MEMORY_MAX	(4LL << 30)
#define CJ_DEFAULT_FSIZE	(1LL << 30)
#define CJ_DEFAULT_NOFILE	1024
/* Each of /tmp and /dev/shm: at most this, and a quarter of the memory. */
#define CJ_DEFAULT_TMP_SIZE (256LL << 20)
/*
 * Fixed rlimits for what the kernel counts per user or keeps pinned
 * (rlimit.c; docs/limits.md, "The rlimits every host gets").
 */
#define CJ_RLIM_MEMLOCK	   (8LL << 20)	 /* mlock, SHM_LOCK: Linux's default */
#define CJ_RLIM_MSGQUEUE   (800LL << 10) /* POSIX message queue bytes */
#define CJ_RLIM_SIGPENDING 1024		 /* queued signals, counted per uid */
/* The size --tmp-size unlimited stands for: 1 TiB, which no jail reaches. */
#define CJ_TMP_SIZE_UNLIMITED (1LL << 40)
/* After a forwarded SIGINT/SIGTERM/SIGHUP/SIGQUIT, kill after this. */
#define CJ_GRACE_MS 5000

/* Which limit ended the program (cj_result.limit_hit). */
enum cj_limit_hit {
	CJ_HIT_NONE = 0,
	CJ_HIT_MEMORY, /* the cgroup's OOM killer */
	CJ_HIT_PIDS,   /* fork failed at the pids limit */
};

/* What the defaults are computed from (cj_limits_host reads it). */
struct cj_host {
	int64_t ram;	  /* bytes, -1: unknown */
	int64_t task_max; /* min(kernel.pid_max, kernel.threads-max), -1 */
};

/* The host's RAM and process slots. */
void cj_limits_host(struct cj_host *h);
/* Fill the defaults into L, for host H. Pure. */
void cj_limits_resolve_for(struct cj_limits *l, const struct cj_host *h);
/* The same for this host. */
void cj_limits_resolve(struct cj_limits *l);
/* Say, as notes, each limit and which mechanism enforces it. */
void cj_limits_describe(const struct cj_limits *l, const struct cj_msgs *msgs);

#endif
