/* SPDX-License-Identifier: MIT */
#include "discover_diff.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "argcheck.h"
#include "sysname_map.h"

const char *dd_class_name(enum dd_class c)
{
	switch (c) {
	case DD_KILL:
		return "killed";
	case DD_COND:
		return "conditional";
	case DD_ERRNO:
		return "errno";
	case DD_UNKNOWN:
		return "unknown";
	case DD_FOREIGN:
		return "foreign-abi";
	case DD_ALLOWED:
		return "allowed";
	}
	return "?";
}

static void classify(const struct cj_policy *p, struct dd_entry *e,
		     const struct sm_name *m)
{
	size_t ntable;
	const struct cj_syscall *t;

	if (m->foreign) {
		e->cls = DD_FOREIGN;
		e->verdict = (struct cj_verdict){ CJ_ACT_KILL, 0 };
		e->blocks = true;
		return;
	}
	if (e->row < 0) {
		e->cls = DD_UNKNOWN;
		e->verdict = e->nr >= CJ_NR_LIMIT ? p->fallback : p->unknown;
		e->blocks = e->verdict.action == CJ_ACT_KILL;
		return;
	}
	t = cj_table(&ntable) + e->row;
	e->dangerous = t->flags & CJ_DANGEROUS;
	e->verdict = p->rows[e->row];
	e->allowable = true;
	if (cj_policy_has_conds(p, e->row)) {
		e->cls = DD_COND;
		e->verdict = p->fallback;
		e->blocks = e->killed > 0;
		return;
	}
	switch (e->verdict.action) {
	case CJ_ACT_ALLOW:
		e->cls = DD_ALLOWED;
		e->allowable = false;
		break;
	case CJ_ACT_KILL:
		e->cls = DD_KILL;
		e->blocks = true;
		break;
	case CJ_ACT_ERRNO:
		e->cls = DD_ERRNO;
		/* clone3 with namespace flags: the clone fallback is killed */
		if (e->killed) {
			e->blocks = true;
			e->allowable = false;
		}
		break;
	}
}

static int by_class_name(const void *a, const void *b)
{
	const struct dd_entry *x = a, *y = b;

	if (x->cls != y->cls)
		return (int)x->cls - (int)y->cls;
	return strcmp(x->name, y->name);
}

int dd_compute(const struct cj_policy *p, const struct tu_usage *u,
	       struct dd_result *out)
{
	memset(out, 0, sizeof(*out));
	out->v = calloc(u->nstats ? u->nstats : 1, sizeof(*out->v));
	if (!out->v)
		return -ENOMEM;
	for (size_t i = 0; i < u->nstats; i++) {
		const struct tu_stat *st = &u->stats[i];
		struct dd_entry *e = NULL;
		struct sm_name m;

		if (!st->count && !st->enosys)
			continue;
		sm_map(st->name, &m);
		/* Two strace spellings of one syscall share an entry. */
		for (size_t k = 0; k < out->n && !e; k++)
			if (strcmp(out->v[k].name, m.name) == 0)
				e = &out->v[k];
		if (!e) {
			e = &out->v[out->n++];
			snprintf(e->name, sizeof(e->name), "%s", m.name);
			snprintf(e->strace, sizeof(e->strace), "%s", st->name);
			snprintf(e->native, sizeof(e->native), "%s", m.native);
			e->nr = m.nr;
			e->row = m.foreign ? -1 : cj_table_index(m.name);
		}
		e->count += st->count;
		e->enosys += st->enosys;
		e->pass += st->bucket[AC_PASS];
		e->killed += st->bucket[AC_KILL];
		e->failed += st->bucket[AC_ERRNO];
		if (!e->sample && st->sample)
			e->sample = st->sample;
		if (!e->nfails && st->nfails) {
			e->fails = st->fails;
			e->nfails = st->nfails;
		}
		classify(p, e, &m);
	}
	qsort(out->v, out->n, sizeof(*out->v), by_class_name);
	for (size_t i = 0; i < out->n; i++) {
		out->nclass[out->v[i].cls]++;
		out->nblocking += out->v[i].blocks;
	}
	return 0;
}

void dd_free(struct dd_result *r)
{
	free(r->v);
	memset(r, 0, sizeof(*r));
}

int dd_status(const struct dd_result *r)
{
	return r->nblocking ? 1 : 0;
}

static size_t join(const struct dd_result *r, bool errno_list, char *buf,
		   size_t len)
{
	size_t pos = 0, n = 0;

	if (len)
		buf[0] = '\0';
	for (size_t i = 0; i < r->n; i++) {
		const struct dd_entry *e = &r->v[i];
		bool want =
		    errno_list ? e->cls == DD_ERRNO : e->blocks && e->allowable;
		int w;

		if (!want || pos >= len)
			continue;
		w = snprintf(buf + pos, len - pos, "%s%s", n ? "," : "",
			     e->name);
		if (w > 0)
			pos += (size_t)w;
		n++;
	}
	return n;
}

size_t dd_allow_list(const struct dd_result *r, char *buf, size_t len)
{
	return join(r, false, buf, len);
}

size_t dd_errno_list(const struct dd_result *r, char *buf, size_t len)
{
	return join(r, true, buf, len);
}
