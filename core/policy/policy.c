/* SPDX-License-Identifier: MIT */
/*
 * The default policy table and the editable policy built from it.
 */
#include <errno.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "compiler.h"
#include "policy.h"
#include "policy_rules.h"

#define ALLOW	  CJ_ACT_ALLOW, 0
#define KILL	  CJ_ACT_KILL, 0
#define ERRNO(e)  CJ_ACT_ERRNO, e
#define DANGEROUS CJ_DANGEROUS
#define CJ_SYSCALL(name, action, group, flags, why) \
	{ #name, action, group, flags, why },

static const struct cj_syscall table[] = {
#include "syscalls.def"
};

#undef CJ_SYSCALL
#undef ALLOW
#undef KILL
#undef ERRNO
#undef DANGEROUS

#define CJ_ARGRULE(name, arg, mask, kind, err, why, ...)                \
	{ #name,                                                        \
	  arg,                                                          \
	  mask,                                                         \
	  CJ_ARG_##kind,                                                \
	  err,                                                          \
	  (const uint64_t[]){ __VA_ARGS__ },                            \
	  sizeof((const uint64_t[]){ __VA_ARGS__ }) / sizeof(uint64_t), \
	  why },

static const struct cj_argrule argrules[] = {
#include "argrules.def"
};

#undef CJ_ARGRULE

const struct cj_syscall *cj_table(size_t *count)
{
	*count = CJ_ARRAY_SIZE(table);
	return table;
}

const struct cj_argrule *cj_argrules(size_t *count)
{
	*count = CJ_ARRAY_SIZE(argrules);
	return argrules;
}

int cj_table_index(const char *name)
{
	size_t lo = 0, hi = CJ_ARRAY_SIZE(table);

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(name, table[mid].name);

		if (c == 0)
			return (int)mid;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -1;
}

const struct cj_syscall *cj_table_find(const char *name)
{
	int i = cj_table_index(name);

	return i < 0 ? NULL : &table[i];
}

const char *cj_action_name(enum cj_action action)
{
	switch (action) {
	case CJ_ACT_ALLOW:
		return "allow";
	case CJ_ACT_KILL:
		return "kill";
	case CJ_ACT_ERRNO:
		return "errno";
	}
	return "?";
}

/* Levenshtein distance, capped: names are short. */
static size_t distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), row[64], prev, tmp;

	if (la >= CJ_ARRAY_SIZE(row) || lb >= CJ_ARRAY_SIZE(row))
		return (size_t)-1;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t best = prev + (a[i - 1] != b[j - 1]);

			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			tmp = row[j];
			row[j] = best;
			prev = tmp;
		}
	}
	return row[lb];
}

size_t cj_table_suggest(const char *name, const char **out, size_t max)
{
	size_t n = 0, limit = strlen(name) / 3 + 2;

	/* Closest first: collect by increasing distance. */
	for (size_t d = 0; d <= limit && n < max; d++)
		for (size_t i = 0; i < CJ_ARRAY_SIZE(table) && n < max; i++) {
			bool prefix =
			    strncmp(table[i].name, name, strlen(name)) == 0;
			size_t dist =
			    prefix ? 1 : distance(name, table[i].name);

			if (dist == d && strcmp(name, table[i].name) != 0)
				out[n++] = table[i].name;
		}
	return n;
}

void cj_table_suggest_text(const char *name, char *buf, size_t len)
{
	const char *near[5];
	size_t n = cj_table_suggest(name, near, CJ_ARRAY_SIZE(near)), used;

	if (*name && strspn(name, "0123456789") == strlen(name)) {
		snprintf(buf, len,
			 "no syscall of this architecture has number %s; "
			 "'capejail-syscalls explain NAME' shows a syscall's "
			 "number",
			 name);
		return;
	}
	if (!n) {
		snprintf(buf, len,
			 "'capejail-syscalls list' shows every "
			 "syscall name");
		return;
	}
	used = (size_t)snprintf(buf, len, "did you mean: ");
	for (size_t i = 0; i < n && used < len; i++)
		used += (size_t)snprintf(buf + used, len - used, "%s%s",
					 i ? ", " : "", near[i]);
	if (used < len)
		snprintf(buf + used, len - used, "?");
}

/* Complement of a set of masked values (see policy.h). */
static int complement_rec(uint64_t mask, uint64_t bits_left,
			  const uint64_t *vals, size_t n, uint64_t pmask,
			  uint64_t pval, uint64_t *om, uint64_t *ov, size_t max,
			  size_t *count)
{
	uint64_t bit, side_vals[64];

	if (!bits_left)
		return 0; /* the exact prefix is forbidden */
	bit = 1ULL << (63 - __builtin_clzll(bits_left));
	for (int side = 0; side < 2; side++) {
		uint64_t want = side ? bit : 0;
		size_t m = 0;

		for (size_t i = 0; i < n; i++)
			if ((vals[i] & bit) == want)
				side_vals[m++] = vals[i];
		if (m == 0) {
			if (*count == max)
				return -ENOSPC;
			om[*count] = pmask | bit;
			ov[*count] = pval | want;
			(*count)++;
		} else {
			int rc = complement_rec(
			    mask, bits_left & ~bit, side_vals, m, pmask | bit,
			    pval | want, om, ov, max, count);
			if (rc)
				return rc;
		}
	}
	return 0;
}

int cj_complement(uint64_t mask, const uint64_t *values, size_t nvalues,
		  uint64_t *out_mask, uint64_t *out_value, size_t max)
{
	uint64_t vals[64];
	size_t count = 0;
	int rc;

	if (nvalues > CJ_ARRAY_SIZE(vals))
		return -E2BIG;
	for (size_t i = 0; i < nvalues; i++)
		vals[i] = values[i] & mask;
	if (nvalues == 0 || mask == 0) {
		if (nvalues && mask == 0)
			return 0; /* every value is forbidden */
		if (max == 0)
			return -ENOSPC;
		out_mask[0] = 0;
		out_value[0] = 0;
		return 1;
	}
	rc = complement_rec(mask, mask, vals, nvalues, 0, 0, out_mask,
			    out_value, max, &count);
	return rc ? rc : (int)count;
}

int cj_policy_reserve_conds(struct cj_policy *p, size_t more)
{
	size_t cap = p->capconds ? p->capconds * 2 : 32;
	struct cj_cond *n;

	if (p->capconds - p->nconds >= more)
		return 0;
	if (cap < p->nconds + more)
		cap = p->nconds + more;
	n = realloc(p->conds, cap * sizeof(*n));
	if (!n)
		return -ENOMEM;
	p->conds = n;
	p->capconds = cap;
	return 0;
}

int cj_policy_add_cond(struct cj_policy *p, const struct cj_cond *c)
{
	int rc = cj_policy_reserve_conds(p, 1);

	if (rc)
		return rc;
	p->conds[p->nconds++] = *c;
	return 0;
}

bool cj_policy_has_conds(const struct cj_policy *p, int row)
{
	for (size_t i = 0; i < p->nconds; i++)
		if (p->conds[i].row == row)
			return true;
	return false;
}

void cj_policy_clear_conds(struct cj_policy *p, int row)
{
	size_t out = 0;

	for (size_t i = 0; i < p->nconds; i++)
		if (p->conds[i].row != row)
			p->conds[out++] = p->conds[i];
	p->nconds = out;
}

int cj_policy_set(struct cj_policy *p, const char *name, struct cj_verdict v)
{
	int row = cj_table_index(name);

	if (row < 0)
		return -ENOENT;
	p->rows[row] = v;
	cj_policy_clear_conds(p, row);
	return 0;
}

/* Masked-equality condition on one argument. */
static int add_masked(struct cj_policy *p, int row, enum cj_action action,
		      int err, unsigned arg, uint64_t mask, uint64_t value)
{
	struct cj_cond c = {
		.row = row,
		.action = action,
		.err = err,
		.ncmp = 1,
		.cmp = { { arg, CJ_CMP_MASKED_EQ, mask, value & mask } },
	};

	return cj_policy_add_cond(p, &c);
}

/*
 * ALLOW_EACH: one rule per combination of values over args 0..R->arg (the
 * cartesian product: every argument must be one of the values).
 */
static int add_each(struct cj_policy *p, int row, const struct cj_argrule *r)
{
	unsigned nargs = r->arg + 1;
	size_t combos = 1;
	int rc = 0;

	if (nargs > CJ_MAX_CMP || r->nvalues == 0)
		return -EINVAL;
	for (unsigned a = 0; a < nargs; a++)
		combos *= r->nvalues;
	for (size_t k = 0; k < combos && !rc; k++) {
		struct cj_cond c = { .row = row, .action = CJ_ACT_ALLOW };
		size_t rest = k;

		c.ncmp = nargs;
		for (unsigned a = 0; a < nargs; a++) {
			c.cmp[a] =
			    (struct cj_argcmp){ a, CJ_CMP_MASKED_EQ, r->mask,
						r->values[rest % r->nvalues] &
						    r->mask };
			rest /= r->nvalues;
		}
		rc = cj_policy_add_cond(p, &c);
	}
	return rc;
}

/* Add the conditions of R to P. 0 or -errno. */
static int apply_argrule(struct cj_policy *p, const struct cj_argrule *r)
{
	int row = cj_table_index(r->name), rc = 0;
	uint64_t om[256], ov[256];
	int n;

	if (row < 0)
		return -ENOENT;
	switch (r->kind) {
	case CJ_ARG_ALLOW_IN:
	case CJ_ARG_ERRNO_IN:
		for (size_t i = 0; i < r->nvalues && !rc; i++)
			rc = add_masked(p, row,
					r->kind == CJ_ARG_ALLOW_IN
					    ? CJ_ACT_ALLOW
					    : CJ_ACT_ERRNO,
					r->err, r->arg, r->mask, r->values[i]);
		return rc;
	case CJ_ARG_ALLOW_PAIRS:
		for (size_t i = 0; i < r->nvalues && !rc; i++) {
			struct cj_cond c = {
				.row = row,
				.action = CJ_ACT_ALLOW,
				.ncmp = 2,
				.cmp = { { r->arg, CJ_CMP_MASKED_EQ, r->mask,
					   (r->values[i] >> 32) & r->mask },
					 { r->arg + 1, CJ_CMP_MASKED_EQ,
					   r->mask, r->values[i] & r->mask } },
			};
			rc = cj_policy_add_cond(p, &c);
		}
		return rc;
	case CJ_ARG_ALLOW_SOCKETS:
		return cj_socket_rules(p, row, r);
	case CJ_ARG_ALLOW_EACH:
		return add_each(p, row, r);
	case CJ_ARG_DENY_IN:
		n = cj_complement(r->mask, r->values, r->nvalues, om, ov,
				  CJ_ARRAY_SIZE(om));
		if (n < 0)
			return n;
		for (int i = 0; i < n && !rc; i++)
			rc = add_masked(p, row, CJ_ACT_ALLOW, 0, r->arg, om[i],
					ov[i]);
		return rc;
	}
	return -EINVAL;
}

/* Rows from the table (DEFAULTS) or all killed; kill and ENOSYS beyond. */
static int policy_init(struct cj_policy *p, bool defaults)
{
	memset(p, 0, sizeof(*p));
	p->nrows = CJ_ARRAY_SIZE(table);
	p->rows = calloc(p->nrows, sizeof(*p->rows));
	if (!p->rows)
		return -ENOMEM;
	for (size_t i = 0; i < p->nrows; i++)
		p->rows[i] = defaults ? (struct cj_verdict){ table[i].action,
							     table[i].err }
				      : (struct cj_verdict){ CJ_ACT_KILL, 0 };
	p->fallback = (struct cj_verdict){ CJ_ACT_KILL, 0 };
	p->unknown = (struct cj_verdict){ CJ_ACT_ERRNO, ENOSYS };
	return 0;
}

int cj_policy_default(struct cj_policy *p)
{
	int rc = policy_init(p, true);

	for (size_t i = 0; i < CJ_ARRAY_SIZE(argrules) && !rc; i++) {
		size_t first = p->nconds;

		rc = apply_argrule(p, &argrules[i]);
		for (size_t j = first; j < p->nconds; j++)
			p->conds[j].argrule = (unsigned)i + 1;
	}
	if (rc)
		cj_policy_free(p);
	return rc;
}

int cj_policy_empty(struct cj_policy *p)
{
	return policy_init(p, false);
}

int cj_policy_copy(struct cj_policy *dst, const struct cj_policy *src)
{
	*dst = *src;
	dst->rows = NULL;
	dst->conds = NULL;
	dst->nconds = dst->capconds = 0;
	dst->rows = calloc(src->nrows ? src->nrows : 1, sizeof(*dst->rows));
	if (!dst->rows)
		goto fail;
	if (src->nrows)
		memcpy(dst->rows, src->rows, src->nrows * sizeof(*dst->rows));
	if (src->nconds) {
		dst->conds = malloc(src->nconds * sizeof(*dst->conds));
		if (!dst->conds)
			goto fail;
		memcpy(dst->conds, src->conds,
		       src->nconds * sizeof(*dst->conds));
		dst->nconds = dst->capconds = src->nconds;
	}
	return 0;
fail:
	free(dst->rows);
	memset(dst, 0, sizeof(*dst));
	return -ENOMEM;
}

void cj_policy_free(struct cj_policy *p)
{
	free(p->rows);
	free(p->conds);
	memset(p, 0, sizeof(*p));
}

int cj_policy_commit(struct cj_policy *p, struct cj_policy *fresh, int rc)
{
	if (rc) {
		cj_policy_free(fresh);
		return rc;
	}
	cj_policy_free(p);
	*p = *fresh;
	return 0;
}
