/* SPDX-License-Identifier: MIT */
/*
 * Syscall usage of a traced program, attributed by pid (see trace_usage.h).
 */
#include "trace_usage.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Calls a pid made before anything tied it to the program. */
struct tu_pend {
	int stat;
	unsigned long n[TU_BUCKETS];
	unsigned long enosys;
	char *sample;
	char **fails;
	size_t nfails;
};

struct tu_pid {
	int pid;
	bool used;	   /* false: the record is free for a new process */
	bool dead;	   /* exited before it was resolved */
	bool resolved;	   /* known whether its lineage counts */
	bool counting;	   /* its calls count now */
	bool initial_done; /* root, jail mode: strace's exec of the launcher */
	bool marker_call;  /* after-filter mode: its pending call loads one */
	int parent;	   /* unresolved parent, 0 if none */
	struct tu_pend *pend;
	size_t npend, cappend;
};

static uint32_t hash_str(const char *s)
{
	uint32_t h = 2166136261u;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

static uint32_t hash_int(int v)
{
	return (uint32_t)v * 2654435761u;
}

/* Grow SLOTS (index+1 entries, power-of-two size) and rehash. */
static int rehash(int **slots, size_t *nslots, size_t count,
		  uint32_t (*key)(const struct tu_usage *, size_t),
		  const struct tu_usage *u)
{
	size_t n = *nslots ? *nslots * 2 : 256;
	int *s = calloc(n, sizeof(*s));

	if (!s)
		return -ENOMEM;
	for (size_t i = 0; i < count; i++) {
		size_t j = key(u, i) & (n - 1);

		while (s[j])
			j = (j + 1) & (n - 1);
		s[j] = (int)i + 1;
	}
	free(*slots);
	*slots = s;
	*nslots = n;
	return 0;
}

static uint32_t stat_key(const struct tu_usage *u, size_t i)
{
	return hash_str(u->stats[i].name);
}

static uint32_t pid_key(const struct tu_usage *u, size_t i)
{
	return hash_int(u->pids[i].pid);
}

static int stat_lookup(const struct tu_usage *u, const char *name)
{
	size_t mask = u->nname_slots - 1, j;

	if (!u->nname_slots)
		return -1;
	for (j = hash_str(name) & mask; u->name_slots[j]; j = (j + 1) & mask)
		if (strcmp(u->stats[u->name_slots[j] - 1].name, name) == 0)
			return u->name_slots[j] - 1;
	return -1;
}

/* Index of NAME's stat, created when missing; -1 on ENOMEM. */
static int stat_get(struct tu_usage *u, const char *name)
{
	int i = stat_lookup(u, name);
	struct tu_stat *st;

	if (i >= 0)
		return i;
	if (u->nstats == u->capstats) {
		size_t cap = u->capstats ? u->capstats * 2 : 64;

		st = realloc(u->stats, cap * sizeof(*st));
		if (!st)
			return -1;
		u->stats = st;
		u->capstats = cap;
	}
	if ((u->nstats + 1) * 2 > u->nname_slots &&
	    rehash(&u->name_slots, &u->nname_slots, u->nstats, stat_key, u))
		return -1;
	st = &u->stats[u->nstats];
	memset(st, 0, sizeof(*st));
	memcpy(st->name, name, strnlen(name, SP_NAME_MAX - 1));
	{
		size_t mask = u->nname_slots - 1, j = hash_str(st->name) & mask;

		while (u->name_slots[j])
			j = (j + 1) & mask;
		u->name_slots[j] = (int)u->nstats + 1;
	}
	return (int)u->nstats++;
}

static struct tu_pid *pid_lookup(const struct tu_usage *u, int pid)
{
	size_t mask = u->npid_slots - 1, j;

	if (!u->npid_slots)
		return NULL;
	for (j = hash_int(pid) & mask; u->pid_slots[j]; j = (j + 1) & mask)
		if (u->pids[u->pid_slots[j] - 1].pid == pid)
			return &u->pids[u->pid_slots[j] - 1];
	return NULL;
}

/* The record of PID, created (unresolved) when missing; NULL on ENOMEM. */
static struct tu_pid *pid_get(struct tu_usage *u, int pid)
{
	struct tu_pid *p = pid_lookup(u, pid);

	if (p) {
		if (!p->used) {
			memset(p, 0, sizeof(*p));
			p->pid = pid;
			p->used = true;
		}
		return p;
	}
	if (u->npids == u->cappids) {
		size_t cap = u->cappids ? u->cappids * 2 : 64;

		p = realloc(u->pids, cap * sizeof(*p));
		if (!p)
			return NULL;
		u->pids = p;
		u->cappids = cap;
	}
	if ((u->npids + 1) * 2 > u->npid_slots &&
	    rehash(&u->pid_slots, &u->npid_slots, u->npids, pid_key, u))
		return NULL;
	p = &u->pids[u->npids];
	memset(p, 0, sizeof(*p));
	p->pid = pid;
	p->used = true;
	{
		size_t mask = u->npid_slots - 1, j = hash_int(pid) & mask;

		while (u->pid_slots[j])
			j = (j + 1) & mask;
		u->pid_slots[j] = (int)u->npids + 1;
	}
	u->npids++;
	return p;
}

static void keep_sample(char **dst, const char *args, size_t len)
{
	if (!*dst && args)
		*dst = strndup(args, len);
}

/* Keep ARGS in V unless it is there already (or V is full). */
static void keep_fail(char ***v, size_t *n, const char *args, size_t len)
{
	char **grown;

	if (!args || *n >= TU_FAILS_MAX)
		return;
	for (size_t i = 0; i < *n; i++)
		if (strlen((*v)[i]) == len && memcmp((*v)[i], args, len) == 0)
			return;
	grown = realloc(*v, (*n + 1) * sizeof(**v));
	if (!grown)
		return;
	*v = grown;
	grown[*n] = strndup(args, len);
	if (grown[*n])
		(*n)++;
}

static void free_fails(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* Add a call (or an ENOSYS answer) to what PID's state says it belongs. */
static int account(struct tu_usage *u, struct tu_pid *p, const char *name,
		   int bucket, bool enosys, const char *args, size_t len)
{
	int i;
	struct tu_pend *pe = NULL;

	if (!p->counting && p->resolved) {
		u->dropped += !enosys;
		return 0;
	}
	i = stat_get(u, name);
	if (i < 0)
		return -ENOMEM;
	if (p->counting) {
		struct tu_stat *st = &u->stats[i];

		if (enosys) {
			st->enosys++;
			return 0;
		}
		st->count++;
		st->bucket[bucket]++;
		if (bucket) {
			keep_sample(&st->sample, args, len);
			keep_fail(&st->fails, &st->nfails, args, len);
		}
		return 0;
	}
	for (size_t k = 0; k < p->npend && !pe; k++)
		if (p->pend[k].stat == i)
			pe = &p->pend[k];
	if (!pe) {
		if (p->npend == p->cappend) {
			size_t cap = p->cappend ? p->cappend * 2 : 16;

			pe = realloc(p->pend, cap * sizeof(*pe));
			if (!pe)
				return -ENOMEM;
			p->pend = pe;
			p->cappend = cap;
		}
		pe = &p->pend[p->npend++];
		memset(pe, 0, sizeof(*pe));
		pe->stat = i;
	}
	if (enosys) {
		pe->enosys++;
		return 0;
	}
	pe->n[bucket]++;
	if (bucket) {
		keep_sample(&pe->sample, args, len);
		keep_fail(&pe->fails, &pe->nfails, args, len);
	}
	return 0;
}

static void flush_pending(struct tu_usage *u, struct tu_pid *p, bool counted)
{
	for (size_t k = 0; k < p->npend; k++) {
		struct tu_pend *pe = &p->pend[k];
		struct tu_stat *st = &u->stats[pe->stat];

		for (int b = 0; b < TU_BUCKETS; b++) {
			if (counted) {
				st->count += pe->n[b];
				st->bucket[b] += pe->n[b];
			} else {
				u->dropped += pe->n[b];
			}
		}
		if (counted) {
			st->enosys += pe->enosys;
			if (!st->sample) {
				st->sample = pe->sample;
				pe->sample = NULL;
			}
			for (size_t f = 0; f < pe->nfails; f++)
				keep_fail(&st->fails, &st->nfails, pe->fails[f],
					  strlen(pe->fails[f]));
		}
		free(pe->sample);
		free_fails(pe->fails, pe->nfails);
	}
	free(p->pend);
	p->pend = NULL;
	p->npend = p->cappend = 0;
}

static void release(struct tu_pid *p)
{
	free(p->pend);
	p->pend = NULL;
	p->npend = p->cappend = 0;
	p->used = false;
}

/* P's lineage is now known: LINEAGE says whether it counts. */
static void resolve(struct tu_usage *u, struct tu_pid *p, bool lineage)
{
	if (p->resolved)
		return;
	p->resolved = true;
	p->parent = 0;
	flush_pending(u, p, lineage);
	if (lineage)
		p->counting = true;
	for (size_t i = 0; i < u->npids; i++) {
		struct tu_pid *c = &u->pids[i];

		if (c->used && !c->resolved && c->parent == p->pid)
			resolve(u, c, lineage);
	}
	if (p->dead)
		release(p);
}

static bool is_exec(const char *name)
{
	return strcmp(name, "execve") == 0 || strcmp(name, "execveat") == 0;
}

static bool is_fork(const char *name)
{
	return strcmp(name, "clone") == 0 || strcmp(name, "clone3") == 0 ||
	       strcmp(name, "fork") == 0 || strcmp(name, "vfork") == 0;
}

/* seccomp(SECCOMP_SET_MODE_FILTER, ...): a filter is being loaded. */
static bool loads_filter(const struct sp_event *ev)
{
	static const char mode[] = "SECCOMP_SET_MODE_FILTER";

	return strcmp(ev->name, "seccomp") == 0 && ev->args &&
	       ev->args_len >= sizeof(mode) - 1 &&
	       memcmp(ev->args, mode, sizeof(mode) - 1) == 0;
}

static int on_call(struct tu_usage *u, struct tu_pid *p,
		   const struct sp_event *ev)
{
	int bucket = 0;

	/* Known not to count (yet): only a filter's load can change that. */
	if (u->after_filter && !p->counting && p->resolved) {
		p->marker_call = loads_filter(ev);
		return 0;
	}
	/* An exec by a pid that does not count yet is settled at its exit. */
	if (is_exec(ev->name) && !p->counting && !u->after_filter)
		return 0;
	if (u->classify) {
		bucket = u->classify(u->ctx, ev->name, ev->args, ev->args_len);
		if (bucket < 0 || bucket >= TU_BUCKETS)
			bucket = 0;
	}
	return account(u, p, ev->name, bucket, false, ev->args, ev->args_len);
}

static int on_return(struct tu_usage *u, struct tu_pid *p,
		     const struct sp_event *ev)
{
	bool ok = ev->has_ret && ev->ret_known && ev->ret == 0;
	long long child;
	int rc;

	if (u->after_filter && !p->counting) {
		/* The first filter loaded: its calls count from the next. An
		 * unresolved pid's calls wait for its parent (account). */
		if (p->marker_call && ok && strcmp(ev->name, "seccomp") == 0) {
			p->counting = true;
			u->prog_started = true;
		}
		p->marker_call = false;
	} else if (is_exec(ev->name) && !p->counting) {
		if (ok && p->pid == u->root_pid && !u->host_mode &&
		    !p->initial_done) {
			p->initial_done = true;
			return account(u, p, ev->name, 0, false, NULL, 0);
		}
		if (ok) {
			p->counting = true;
			u->prog_started = true;
		}
		rc = account(u, p, ev->name, 0, false, NULL, 0);
		if (rc)
			return rc;
	}
	/* Inside a PID namespace, only the pidns comment has strace's pid. */
	child = ev->ret_pidns > 0 ? ev->ret_pidns : ev->ret;
	if (is_fork(ev->name) && ev->has_ret && ev->ret_known && child > 0 &&
	    child <= INT32_MAX) {
		struct tu_pid *c;
		int ppid = p->pid;
		bool known = p->resolved || p->counting, lineage = p->counting;

		c = pid_get(u, (int)child);
		if (!c)
			return -ENOMEM;
		p = pid_lookup(u, ppid); /* pid_get may have moved it */
		if (known)
			resolve(u, c, lineage);
		else if (!c->resolved)
			c->parent = ppid;
	}
	if (strcmp(ev->err, "ENOSYS") == 0)
		return account(u, p, ev->name, 0, true, NULL, 0);
	return 0;
}

static void on_end(struct tu_usage *u, struct tu_pid *p,
		   const struct sp_event *ev)
{
	if (ev->kind == SP_KILLED && strcmp(ev->name, "SIGSYS") == 0 &&
	    p->counting)
		u->sigsys++;
	if (p->pid == u->root_pid) {
		u->root_done = true;
		u->root_killed = ev->kind == SP_KILLED;
		u->root_status = ev->status;
		memcpy(u->root_signal, ev->name, sizeof(u->root_signal));
		u->root_core = ev->core_dumped;
	}
	if (p->resolved)
		release(p);
	else
		p->dead = true;
}

int tu_feed(struct tu_usage *u, const struct sp_event *ev)
{
	struct tu_pid *p;

	if (ev->kind == SP_IGNORED)
		return 0;
	p = pid_lookup(u, ev->pid);
	if (p && p->used && p->dead) {
		/* The pid was reused by a new process: settle the old one. */
		resolve(u, p, u->host_mode);
		p = NULL;
	}
	if (!p || !p->used) {
		p = pid_get(u, ev->pid);
		if (!p)
			return -ENOMEM;
		if (!u->seen_root) {
			u->seen_root = true;
			u->root_pid = ev->pid;
			p->resolved = true;
			p->counting = u->host_mode && !u->after_filter;
			u->prog_started = p->counting;
		}
	}
	switch (ev->kind) {
	case SP_CALL: {
		int rc = on_call(u, p, ev);

		return rc ? rc : on_return(u, p, ev);
	}
	case SP_UNFINISHED:
		return on_call(u, p, ev);
	case SP_RESUMED:
		return on_return(u, p, ev);
	case SP_EXITED:
	case SP_KILLED:
		on_end(u, p, ev);
		return 0;
	case SP_SUPERSEDED: {
		/* A thread's execve: the thread group leader P goes on. */
		struct tu_pid *t = pid_lookup(u, ev->status);

		if (t && t->used && t != p) {
			p->counting = t->counting;
			p->resolved = t->resolved;
			release(t);
		}
		return 0;
	}
	case SP_SIGNAL:
	case SP_IGNORED:
		return 0;
	}
	return 0;
}

int tu_feed_line(struct tu_usage *u, const char *line)
{
	struct sp_event ev;

	u->lines++;
	if (sp_parse_line(line, &ev)) {
		/* Blank lines are not worth a mention. */
		u->ignored += line[strspn(line, " \t\r\n")] != '\0';
		return 0;
	}
	return tu_feed(u, &ev);
}

int tu_finish(struct tu_usage *u)
{
	for (size_t i = 0; i < u->npids; i++) {
		struct tu_pid *p = &u->pids[i];

		if (p->used && !p->resolved)
			resolve(u, p, u->host_mode && !u->after_filter);
	}
	return 0;
}

int tu_init(struct tu_usage *u, bool host_mode, tu_classify_fn classify,
	    void *ctx)
{
	memset(u, 0, sizeof(*u));
	u->host_mode = host_mode;
	u->classify = classify;
	u->ctx = ctx;
	return 0;
}

void tu_free(struct tu_usage *u)
{
	for (size_t i = 0; i < u->nstats; i++) {
		free(u->stats[i].sample);
		free_fails(u->stats[i].fails, u->stats[i].nfails);
	}
	for (size_t i = 0; i < u->npids; i++) {
		for (size_t k = 0; k < u->pids[i].npend; k++) {
			free(u->pids[i].pend[k].sample);
			free_fails(u->pids[i].pend[k].fails,
				   u->pids[i].pend[k].nfails);
		}
		free(u->pids[i].pend);
	}
	free(u->stats);
	free(u->name_slots);
	free(u->pids);
	free(u->pid_slots);
	memset(u, 0, sizeof(*u));
}

const struct tu_stat *tu_find(const struct tu_usage *u, const char *name)
{
	int i = stat_lookup(u, name);

	return i < 0 ? NULL : &u->stats[i];
}
