/* SPDX-License-Identifier: MIT */
/*
 * The jail's cgroup (supervisor side): memory and process-count limits
 * where the host has the controllers, cgroup v2 or v1.
 */
#ifndef CAPEJAIL_CGROUP_H
#define CAPEJAIL_CGROUP_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "limits.h"

struct cj_cgroup {
	int version;	/* 0: none, 1: v1 controllers, 2: unified */
	char mem[512];	/* v1 memory dir, or the v2 dir */
	char pids[512]; /* v1 pids dir, or empty */
};

/* 2 (unified), 1 (v1 memory and pids controllers) or 0 (none). */
int cj_cgroup_detect(void);

/* Each returns 0 or -errno and names the directory in DETAIL. */
int cj_cgroup_create(struct cj_cgroup *cg, const struct cj_limits *l,
		     char *detail, size_t len);
int cj_cgroup_attach(struct cj_cgroup *cg, pid_t pid, char *detail, size_t len);
/* Which limit ended a process (enum cj_limit_hit). */
int cj_cgroup_limit_hit(const struct cj_cgroup *cg);
/* The jail's peak memory in bytes (memory.peak, v1 max_usage), or -1. */
int64_t cj_cgroup_peak(const struct cj_cgroup *cg);
void cj_cgroup_destroy(struct cj_cgroup *cg);

#endif
