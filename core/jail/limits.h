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

/* Defaults when no option is given (documented in docs/capejail.1). */
#define CJ_DEFAULT_PIDS		  256
#define CJ_DEFAULT_MEMORY_PERCENT 50 /* of the host's RAM */
#define CJ_DEFAULT_FSIZE	  (1LL << 30)
#define CJ_DEFAULT_NOFILE	  1024
#define CJ_DEFAULT_TMP_SIZE	  (256LL << 20)
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

/* Fill the defaults into L. */
void cj_limits_resolve(struct cj_limits *l);
/* Say, as notes, each limit and which mechanism enforces it. */
void cj_limits_describe(const struct cj_limits *l, const struct cj_msgs *msgs);

#endif
