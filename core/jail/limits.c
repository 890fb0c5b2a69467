/* SPDX-License-Identifier: MIT */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysinfo.h>
#include <time.h>
#include <unistd.h>

#include "jail.h"
#include "limits.h"
#include "log.h"

#define V2_ROOT "/sys/fs/cgroup"
#define V1_MEM	"/sys/fs/cgroup/memory"
#define V1_PIDS "/sys/fs/cgroup/pids"
#define CG_DIR	"capejail"

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

static void show(const char *what, int64_t v, const char *unit, const char *by)
{
	if (v < 0)
		cj_verbose("limit: %s: none", what);
	else
		cj_verbose("limit: %s: %lld%s%s (%s)", what, (long long)v,
			   *unit ? " " : "", unit, by);
}

void cj_limits_resolve(struct cj_limits *l, bool verbose)
{
	struct sysinfo si;
	int v = l->cgroup;
	const char *by = v ? (v == 2 ? "cgroup v2" : "cgroup v1") : "rlimit";

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
				  ? (int64_t)1 << 40
				  : CJ_DEFAULT_TMP_SIZE;
	if (l->cpu_s == CJ_LIMIT_DEFAULT)
		l->cpu_s = CJ_LIMIT_NONE;
	if (l->time_ms == CJ_LIMIT_DEFAULT)
		l->time_ms = CJ_LIMIT_NONE;
	if (!verbose)
		return;
	show("memory", l->memory, "bytes", v ? by : "rlimit RLIMIT_AS");
	show("pids", l->pids, "processes (the jail's init included)",
	     v ? by : "rlimit RLIMIT_NPROC, counted per uid on the host");
	show("cpu time", l->cpu_s, "s",
	     "rlimit RLIMIT_CPU: SIGXCPU, then "
	     "SIGKILL a second later");
	show("file size", l->fsize, "bytes", "rlimit RLIMIT_FSIZE");
	show("open files", l->nofile, "", "rlimit RLIMIT_NOFILE");
	show("/tmp and /dev/shm", l->tmp_size, "bytes each", "tmpfs size");
	show("wall clock", l->time_ms, "ms", "supervisor timer");
	cj_verbose("limit: core dumps: off (rlimit RLIMIT_CORE)");
}

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

int cj_apply_rlimits(const struct cj_limits *l, char *detail, size_t len)
{
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

static int write_file(const char *dir, const char *file, const char *value)
{
	char path[640];
	int fd, rc = 0;
	size_t n = strlen(value);

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (write(fd, value, n) != (ssize_t)n)
		rc = -errno;
	close(fd);
	return rc;
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

/* Dying tasks leave the cgroup a moment after the init is reaped. */
static void remove_dir(const char *dir)
{
	struct timespec ts = { 0, 2 * 1000 * 1000 };

	if (!dir[0])
		return;
	for (int i = 0; i < 500 && rmdir(dir) && errno == EBUSY; i++)
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
