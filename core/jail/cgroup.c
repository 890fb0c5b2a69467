/* SPDX-License-Identifier: MIT */
/*
 * The jail's cgroup, made and removed by the supervisor: memory and process
 * count limits, on cgroup v2 or the v1 memory and pids controllers, and
 * after the run which limit (if any) ended a process.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cgroup.h"
#include "kernfile.h"

#define V2_ROOT "/sys/fs/cgroup"
#define V1_MEM	"/sys/fs/cgroup/memory"
#define V1_PIDS "/sys/fs/cgroup/pids"
#define CG_DIR	"capejail"
/* How long a dying jail's tasks may keep its cgroup busy: 500 x 2 ms. */
#define CG_RMDIR_TRIES	 500
#define CG_RMDIR_WAIT_NS (2 * 1000 * 1000)

static bool exists(const char *path)
{
	return access(path, F_OK) == 0;
}

/* Does the unified hierarchy offer both the memory and pids controllers? */
static bool v2_usable(void)
{
	char word[64];
	bool mem = false, pids = false;
	FILE *f = fopen(V2_ROOT "/cgroup.controllers", "re");

	if (!f)
		return false;
	while (fscanf(f, "%63s", word) == 1) {
		mem = mem || strcmp(word, "memory") == 0;
		pids = pids || strcmp(word, "pids") == 0;
	}
	fclose(f);
	return mem && pids;
}

int cj_cgroup_detect(void)
{
	if (v2_usable())
		return 2;
	/* v1 (hybrid hosts): the root groups have no .max files. */
	if (exists(V1_MEM "/memory.limit_in_bytes") &&
	    exists(V1_PIDS "/cgroup.procs"))
		return 1;
	return 0;
}

static int write_file(const char *dir, const char *file, const char *value)
{
	char path[640];

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	return cj_write_string(path, value);
}

/* Value of KEY in a "key value" file, or 0. */
static long long read_key(const char *dir, const char *file, const char *key)
{
	char path[640], k[64];
	long long v, found = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	f = fopen(path, "re");
	if (!f)
		return 0;
	while (fscanf(f, "%63s %lld", k, &v) == 2)
		if (strcmp(k, key) == 0)
			found = v;
	fclose(f);
	return found;
}

/* Remove jail cgroups whose capejail is gone (after a crash or SIGKILL). */
static void clean_stale(const char *parent)
{
	DIR *d = opendir(parent);
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d))) {
		char path[1024];
		long pid;

		if (sscanf(e->d_name, "jail-%ld", &pid) != 1 || pid <= 0)
			continue;
		if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;
		snprintf(path, sizeof(path), "%s/%s", parent, e->d_name);
		rmdir(path); /* fails harmlessly while processes remain */
	}
	closedir(d);
}

/*
 * v1: the caller's own group in controller CTRL (from /proc/self/cgroup),
 * so the jail nests under it and every limit above still applies.
 */
static void own_v1_group(const char *mount, const char *ctrl, char *out,
			 size_t len)
{
	char line[512];
	FILE *f = fopen("/proc/self/cgroup", "re");

	snprintf(out, len, "%s", mount);
	while (f && fgets(line, sizeof(line), f)) {
		char *c = strchr(line, ':'), *p = c ? strchr(c + 1, ':') : NULL;

		if (!p || (size_t)(p - c - 1) != strlen(ctrl) ||
		    strncmp(c + 1, ctrl, strlen(ctrl)) != 0)
			continue;
		p[1 + strcspn(p + 1, "\n")] = '\0';
		if (strcmp(p + 1, "/") != 0)
			snprintf(out, len, "%s%s", mount, p + 1);
		break;
	}
	if (f)
		fclose(f);
}

static int make_group(const char *base, char *out, size_t outlen,
		      bool enable_v2)
{
	char parent[400];

	snprintf(parent, sizeof(parent), "%s/" CG_DIR, base);
	snprintf(out, outlen, "%s", parent);
	if (mkdir(parent, 0755) && errno != EEXIST)
		return -errno;
	if (enable_v2) {
		int rc =
		    write_file(base, "cgroup.subtree_control", "+memory +pids");
		if (!rc)
			rc = write_file(parent, "cgroup.subtree_control",
					"+memory +pids");
		if (rc)
			return rc;
	}
	clean_stale(parent);
	snprintf(out, outlen, "%s/jail-%d", parent, (int)getpid());
	if (mkdir(out, 0755) && errno != EEXIST)
		return -errno;
	return 0;
}

static void fmt_limit(char *buf, size_t len, int64_t v)
{
	if (v < 0)
		snprintf(buf, len, "max");
	else
		snprintf(buf, len, "%lld", (long long)v);
}

int cj_cgroup_create(struct cj_cgroup *cg, const struct cj_limits *l,
		     char *detail, size_t len)
{
	char mem[32], pids[32];
	int rc;

	memset(cg, 0, sizeof(*cg));
	if (l->memory < 0 && l->pids < 0)
		return 0;
	cg->version = l->cgroup;
	fmt_limit(mem, sizeof(mem), l->memory);
	fmt_limit(pids, sizeof(pids), l->pids);
	if (cg->version == 2) {
		rc = make_group(V2_ROOT, cg->mem, sizeof(cg->mem), true);
		if (!rc)
			rc = write_file(cg->mem, "memory.max", mem);
		if (!rc) {
			/* No swap for the jail, where swap is accounted. */
			rc = write_file(cg->mem, "memory.swap.max", "0");
			if (rc == -ENOENT)
				rc = 0;
		}
		if (!rc)
			rc = write_file(cg->mem, "pids.max", pids);
		snprintf(detail, len, "%s", cg->mem);
	} else if (cg->version == 1) {
		if (l->memory < 0)
			snprintf(mem, sizeof(mem), "-1");
		char base[300];

		own_v1_group(V1_MEM, "memory", base, sizeof(base));
		rc = make_group(base, cg->mem, sizeof(cg->mem), false);
		if (!rc)
			rc = write_file(cg->mem, "memory.limit_in_bytes", mem);
		if (!rc) {
			/* Memory plus swap, where swap is accounted. */
			rc = write_file(cg->mem, "memory.memsw.limit_in_bytes",
					mem);
			if (rc == -ENOENT)
				rc = 0;
		}
		own_v1_group(V1_PIDS, "pids", base, sizeof(base));
		if (!rc)
			rc =
			    make_group(base, cg->pids, sizeof(cg->pids), false);
		if (!rc)
			rc = write_file(cg->pids, "pids.max", pids);
		snprintf(detail, len, "%s", rc ? cg->pids : cg->mem);
	} else {
		return 0;
	}
	if (rc)
		cj_cgroup_destroy(cg);
	return rc;
}

int cj_cgroup_attach(struct cj_cgroup *cg, pid_t pid, char *detail, size_t len)
{
	char buf[32];
	int rc = 0;

	if (!cg->version)
		return 0;
	snprintf(buf, sizeof(buf), "%d", (int)pid);
	rc = write_file(cg->mem, "cgroup.procs", buf);
	if (!rc && cg->pids[0])
		rc = write_file(cg->pids, "cgroup.procs", buf);
	if (rc)
		snprintf(detail, len, "%s", cg->mem);
	return rc;
}

int cj_cgroup_limit_hit(const struct cj_cgroup *cg)
{
	if (!cg->version)
		return CJ_HIT_NONE;
	if (read_key(cg->mem,
		     cg->version == 2 ? "memory.events" : "memory.oom_control",
		     "oom_kill") > 0)
		return CJ_HIT_MEMORY;
	if (read_key(cg->version == 2 ? cg->mem : cg->pids, "pids.events",
		     "max") > 0)
		return CJ_HIT_PIDS;
	return CJ_HIT_NONE;
}

int64_t cj_cgroup_peak(const struct cj_cgroup *cg)
{
	char path[640];

	if (!cg->version)
		return -1;
	snprintf(path, sizeof(path), "%s/%s", cg->mem,
		 cg->version == 2 ? "memory.peak"
				  : "memory.max_usage_in_bytes");
	return cj_read_number(path);
}

/* Dying tasks leave the cgroup a moment after the init is reaped. */
static void remove_dir(const char *dir)
{
	struct timespec ts = { 0, CG_RMDIR_WAIT_NS };

	if (!dir[0])
		return;
	for (int i = 0; i < CG_RMDIR_TRIES && rmdir(dir) && errno == EBUSY; i++)
		nanosleep(&ts, NULL);
}

void cj_cgroup_destroy(struct cj_cgroup *cg)
{
	if (!cg->version)
		return;
	remove_dir(cg->mem);
	remove_dir(cg->pids);
	cg->version = 0;
}
