/* SPDX-License-Identifier: MIT */
/*
 * Resource limits: cgroups for memory and process count where the host has
 * them (v2, or the v1 memory and pids controllers), rlimits as the fallback
 * and always for CPU time, file size, open files and core dumps.
 */
#ifndef CAPEJAIL_LIMITS_H
#define CAPEJAIL_LIMITS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "capejail.h"

/* Defaults when no option is given (documented in docs/capejail.1). */
#define CJ_DEFAULT_PIDS		  256
#define CJ_DEFAULT_MEMORY_PERCENT 50 /* of the host's RAM */
#define CJ_DEFAULT_FSIZE	  (1LL << 30)
#define CJ_DEFAULT_NOFILE	  1024
#define CJ_DEFAULT_TMP_SIZE	  (256LL << 20)
/* After a forwarded SIGINT/SIGTERM/SIGHUP/SIGQUIT, kill after this. */
#define CJ_GRACE_MS 5000

/* Which limit ended the program (cj_result.limit_hit). */
enum cj_limit_hit {
	CJ_HIT_NONE = 0,
	CJ_HIT_MEMORY, /* the cgroup's OOM killer */
	CJ_HIT_PIDS,   /* fork failed at the pids limit */
};

struct cj_cgroup {
	int version;	/* 0: none, 1: v1 controllers, 2: unified */
	char mem[512];	/* v1 memory dir, or the v2 dir */
	char pids[512]; /* v1 pids dir, or empty */
};

/* 2 (unified), 1 (v1 memory and pids controllers) or 0 (none). */
int cj_cgroup_detect(void);

/* Fill defaults into L and say which mechanism enforces what (verbose). */
void cj_limits_resolve(struct cj_limits *l, bool verbose);

int cj_cgroup_create(struct cj_cgroup *cg, const struct cj_limits *l,
		     char *detail, size_t len);
int cj_cgroup_attach(struct cj_cgroup *cg, pid_t pid, char *detail, size_t len);
int cj_cgroup_limit_hit(const struct cj_cgroup *cg);
void cj_cgroup_destroy(struct cj_cgroup *cg);

#endif
