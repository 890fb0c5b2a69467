/* SPDX-License-Identifier: MIT */
/*
 * Conditional rules as sets of argument values (cond.h).
 *
 * One comparison of one 64-bit argument is a set of values: a masked
 * pattern ((x & mask) == value; == is the full mask), a range (< <= > >=)
 * or all values but one (!=). A rule is the intersection of its
 * comparisons. "Calls matching COND get V, the others keep their verdict"
 * becomes: COND -> V, plus every old rule intersected with the complement
 * of COND. The complement of a conjunction is the union of the
 * complements of its comparisons, each again one comparison (a masked
 * pattern's complement is a handful of masked patterns, cj_complement).
 * Intersections that are not one comparison are refused: libseccomp takes
 * one comparison per argument in a rule.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compiler.h"
#include "cond.h"

enum vs_kind { VS_EMPTY, VS_ALL, VS_MASK, VS_RANGE, VS_NOT };

/* MASK: a = mask, b = value. RANGE: [a, b]. NOT: every value but a. */
struct vset {
	enum vs_kind kind;
	uint64_t a, b;
};

static struct vset vs(enum vs_kind kind, uint64_t a, uint64_t b)
{
	struct vset s = { kind, a, b };

	switch (kind) {
	case VS_MASK:
		if (s.b & ~s.a)
			s.kind = VS_EMPTY;
		else if (s.a == 0)
			s.kind = VS_ALL;
		break;
	case VS_RANGE:
		if (s.a > s.b)
			s.kind = VS_EMPTY;
		else if (s.a == 0 && s.b == UINT64_MAX)
			s.kind = VS_ALL;
		else if (s.a == s.b)
			s = (struct vset){ VS_MASK, UINT64_MAX, s.a };
		break;
	case VS_EMPTY:
	case VS_ALL:
	case VS_NOT:
		break;
	}
	return s;
}

static struct vset vs_from_cmp(const struct cj_argcmp *c)
{
	switch (c->op) {
	case CJ_CMP_EQ:
		return vs(VS_MASK, UINT64_MAX, c->a);
	case CJ_CMP_NE:
		return vs(VS_NOT, c->a, 0);
	case CJ_CMP_LT:
		return c->a ? vs(VS_RANGE, 0, c->a - 1) : vs(VS_EMPTY, 0, 0);
	case CJ_CMP_LE:
		return vs(VS_RANGE, 0, c->a);
	case CJ_CMP_GT:
		return c->a == UINT64_MAX ? vs(VS_EMPTY, 0, 0)
					  : vs(VS_RANGE, c->a + 1, UINT64_MAX);
	case CJ_CMP_GE:
		return vs(VS_RANGE, c->a, UINT64_MAX);
	case CJ_CMP_MASKED_EQ:
		return vs(VS_MASK, c->a, c->b);
	}
	return vs(VS_EMPTY, 0, 0);
}

/* One comparison for S; false when S is not one (or is empty/all). */
static bool vs_to_cmp(struct vset s, unsigned arg, struct cj_argcmp *out)
{
	*out = (struct cj_argcmp){ .arg = arg };
	switch (s.kind) {
	case VS_MASK:
		if (s.a == UINT64_MAX) {
			out->op = CJ_CMP_EQ;
			out->a = s.b;
		} else {
			out->op = CJ_CMP_MASKED_EQ;
			out->a = s.a;
			out->b = s.b;
		}
		return true;
	case VS_NOT:
		out->op = CJ_CMP_NE;
		out->a = s.a;
		return true;
	case VS_RANGE:
		if (s.a == 0) {
			out->op = CJ_CMP_LE;
			out->a = s.b;
			return true;
		}
		if (s.b == UINT64_MAX) {
			out->op = CJ_CMP_GE;
			out->a = s.a;
			return true;
		}
		return false;
	case VS_EMPTY:
	case VS_ALL:
		return false;
	}
	return false;
}

static bool vs_contains(struct vset s, uint64_t x)
{
	switch (s.kind) {
	case VS_EMPTY:
		return false;
	case VS_ALL:
		return true;
	case VS_MASK:
		return (x & s.a) == s.b;
	case VS_RANGE:
		return x >= s.a && x <= s.b;
	case VS_NOT:
		return x != s.a;
	}
	return false;
}

static bool vs_is_point(struct vset s)
{
	return s.kind == VS_MASK && s.a == UINT64_MAX;
}

/* S ∩ T. False when that is not one comparison. */
static bool vs_and(struct vset s, struct vset t, struct vset *out)
{
	if (s.kind == VS_EMPTY || t.kind == VS_EMPTY) {
		*out = vs(VS_EMPTY, 0, 0);
		return true;
	}
	if (s.kind == VS_ALL || t.kind == VS_ALL) {
		*out = s.kind == VS_ALL ? t : s;
		return true;
	}
	if (vs_is_point(t) || (!vs_is_point(s) && t.kind < s.kind)) {
		struct vset tmp = s;

		s = t;
		t = tmp;
	}
	/* Now S is a point, or S.kind <= T.kind (MASK < RANGE < NOT). */
	if (vs_is_point(s)) {
		*out = vs_contains(t, s.b) ? s : vs(VS_EMPTY, 0, 0);
		return true;
	}
	switch (s.kind) {
	case VS_MASK:
		if (t.kind == VS_MASK) {
			*out = (s.b ^ t.b) & s.a & t.a
				   ? vs(VS_EMPTY, 0, 0)
				   : vs(VS_MASK, s.a | t.a, s.b | t.b);
			return true;
		}
		if (t.kind == VS_RANGE) {
			uint64_t lo = s.b, hi = s.b | ~s.a;

			if (hi < t.a || lo > t.b) {
				*out = vs(VS_EMPTY, 0, 0);
				return true;
			}
			*out = s;
			return lo >= t.a && hi <= t.b;
		}
		/* VS_NOT */
		*out = s;
		return !vs_contains(s, t.a);
	case VS_RANGE:
		if (t.kind == VS_RANGE) {
			*out = vs(VS_RANGE, s.a > t.a ? s.a : t.a,
				  s.b < t.b ? s.b : t.b);
			return out->kind != VS_RANGE || out->a == 0 ||
			       out->b == UINT64_MAX;
		}
		/* VS_NOT */
		if (!vs_contains(s, t.a))
			*out = s;
		else if (t.a == s.a)
			*out = vs(VS_RANGE, s.a + 1, s.b);
		else if (t.a == s.b)
			*out = vs(VS_RANGE, s.a, s.b - 1);
		else
			return false;
		return out->kind != VS_RANGE || out->a == 0 ||
		       out->b == UINT64_MAX;
	case VS_NOT:
		*out = s;
		return s.a == t.a;
	case VS_EMPTY:
	case VS_ALL:
		break;
	}
	return false;
}

static int cmp_by_arg(const void *a, const void *b)
{
	const struct cj_argcmp *x = a, *y = b;

	return (x->arg > y->arg) - (x->arg < y->arg);
}

int cj_cond_normalize(const struct cj_cond *c, struct cj_cond *out)
{
	struct cj_cond n = *c;

	n.ncmp = 0;
	for (unsigned i = 0; i < c->ncmp && i < CJ_MAX_CMP; i++) {
		struct vset s = vs_from_cmp(&c->cmp[i]);

		if (s.kind == VS_EMPTY)
			return -1;
		if (s.kind != VS_ALL)
			n.cmp[n.ncmp++] = c->cmp[i];
	}
	qsort(n.cmp, n.ncmp, sizeof(n.cmp[0]), cmp_by_arg);
	*out = n;
	return 0;
}

/*
 * How the kernel decides between overlapping rules of one syscall
 * ---------------------------------------------------------------
 * Measured (tests/unit/test_eval.c keeps measuring it): policies built
 * with overlapping conditional rules, compiled by cj_filter_build
 * (libseccomp 2.5.4), loaded in a child with no_new_privs, each call made
 * for real; every rule set in more than one insertion order.
 *
 *   allow getpriority if arg0 == 1; errno EACCES if arg0 <= 5
 *     getpriority(1) runs, (0), (2)..(5) EACCES, (6) fallback: in both
 *     orders. Not "first rule" (errno first still allows 1), not
 *     "strictest" (errno is stricter than allow).
 *   kill if arg0 == 1; errno EACCES if arg0 <= 5; allow if arg0 >= 3
 *     (1) killed, (0)..(5) EACCES, (6) runs: in all three orders tried.
 *   errno EPERM if arg0 >= 2; errno EACCES if arg0 <= 5
 *     (2)..(5) EACCES, (6) EPERM: in both orders.
 *   allow if arg0 == 1; errno EACCES if arg1 == 0
 *     (1, 0) EACCES in both orders; kill if arg1 == 1 beats errno if
 *     arg0 == 1 at (1, 1) in both orders.
 *   errno EACCES if arg0 == 1; allow if arg0 == 1 and arg1 == 0
 *     in this order (1, 0) gets EACCES (the shorter rule wins); in the
 *     other order libseccomp refuses to build the filter (-EEXIST).
 *   errno EPERM if arg0 <= 2^32 + 5; errno EACCES if arg0 <= 2^32 + 9
 *     getpriority(0) gets EPERM in this order and EACCES in the other:
 *     below 2^32 the rule added first wins (they share the high word).
 *   socket: errno EINVAL if arg0 == 16 and arg2 == 9, allow if arg2 != 9,
 *     allow if arg0 != 16 (the containers profile): the rules of different
 *     verdicts do not overlap, so every order gives the same filter.
 *
 * The kernel runs the program libseccomp generated: per syscall, a tree
 * of 32-bit comparisons (each 64-bit comparison is a high and a low word)
 * where libseccomp orders siblings by argument (higher numbers first),
 * then == != & before < <= before > >=, then by value, merges comparisons
 * that rules share, and gives a shared node the place and order of the
 * rule that made it first. Neither the rules' order nor their strictness
 * decides, though the order sometimes does. A re-implementation of that
 * ordering over whole rules was checked against the compiled programs of random
 * rule sets (2 to 4 rules of one syscall, 1952 that libseccomp built, values on
 * both sides of 2^32, arguments 0..2): "the first matching rule" disagreed with
 * the compiled program in 865 of them, the re-implementation still in 198
 * (shared nodes, split words). So the one
 * evaluator (eval.c) does not model libseccomp: it runs the compiled
 * program on the call, as the kernel does, and test_eval.c compares it
 * with the kernel. A rule with the fallback's verdict cannot be added at
 * all (libseccomp: -EACCES); the policy never holds one (restrict_rules
 * and the OCI importer drop them, as runc does).
 */

/* A complement piece: one comparison's set on one argument. */
struct piece {
	unsigned arg;
	struct vset set;
};

/* The complement of COND as a union of single-argument sets. */
static int complement(const struct cj_cond *cond, struct piece *out, size_t max,
		      size_t *n)
{
	*n = 0;
	for (unsigned i = 0; i < cond->ncmp; i++) {
		const struct cj_argcmp *c = &cond->cmp[i];
		uint64_t om[64], ov[64];
		struct vset s = vs_from_cmp(c), neg;
		int k;

		if (vs_is_point(s)) {
			if (*n == max)
				return -ENOSPC;
			out[(*n)++] =
			    (struct piece){ c->arg, vs(VS_NOT, s.b, 0) };
			continue;
		}
		switch (s.kind) {
		case VS_MASK:
			k = cj_complement(s.a, &s.b, 1, om, ov,
					  CJ_ARRAY_SIZE(om));
			if (k < 0)
				return k;
			for (int j = 0; j < k; j++) {
				if (*n == max)
					return -ENOSPC;
				out[(*n)++] =
				    (struct piece){ c->arg,
						    vs(VS_MASK, om[j], ov[j]) };
			}
			continue;
		case VS_RANGE:
			if (s.a == 0)
				neg = vs(VS_RANGE, s.b + 1, UINT64_MAX);
			else
				neg = vs(VS_RANGE, 0, s.a - 1);
			break;
		case VS_NOT:
			neg = vs(VS_MASK, UINT64_MAX, s.a);
			break;
		case VS_EMPTY:
		case VS_ALL:
		default:
			return -EINVAL; /* not normalized */
		}
		if (*n == max)
			return -ENOSPC;
		out[(*n)++] = (struct piece){ c->arg, neg };
	}
	return 0;
}

/* R ∩ piece into OUT. 1: a rule, 0: empty, -1: not expressible. */
static int intersect(const struct cj_cond *r, const struct piece *pc,
		     struct cj_cond *out)
{
	struct vset res;

	*out = *r;
	for (unsigned i = 0; i < r->ncmp; i++) {
		if (r->cmp[i].arg != pc->arg)
			continue;
		if (!vs_and(vs_from_cmp(&r->cmp[i]), pc->set, &res))
			return -1;
		if (res.kind == VS_EMPTY)
			return 0;
		if (res.kind == VS_ALL) {
			/* Both sides always hold: drop the comparison. */
			memmove(&out->cmp[i], &out->cmp[i + 1],
				(out->ncmp - i - 1) * sizeof(out->cmp[0]));
			out->ncmp--;
			return 1;
		}
		if (!vs_to_cmp(res, pc->arg, &out->cmp[i]))
			return -1;
		return 1;
	}
	if (out->ncmp == CJ_MAX_CMP)
		return -1;
	if (!vs_to_cmp(pc->set, pc->arg, &out->cmp[out->ncmp]))
		return -1;
	out->ncmp++;
	qsort(out->cmp, out->ncmp, sizeof(out->cmp[0]), cmp_by_arg);
	return 1;
}

/* "arg1 & 0xff == 0x1", "arg0 >= 0x5": one comparison, for messages. */
static void cmp_format(const struct cj_argcmp *c, char *buf, size_t len)
{
	static const char *const ops[] = {
		[CJ_CMP_EQ] = "==", [CJ_CMP_NE] = "!=", [CJ_CMP_LT] = "<",
		[CJ_CMP_LE] = "<=", [CJ_CMP_GT] = ">",	[CJ_CMP_GE] = ">=",
	};

	if (c->op == CJ_CMP_MASKED_EQ)
		snprintf(buf, len, "arg%u & 0x%llx == 0x%llx", c->arg,
			 (unsigned long long)c->a, (unsigned long long)c->b);
	else if ((unsigned)c->op < sizeof(ops) / sizeof(ops[0]))
		snprintf(buf, len, "arg%u %s 0x%llx", c->arg, ops[c->op],
			 (unsigned long long)c->a);
}

/* One comparison: a always counts, b only as the value of a masked ==. */
static bool same_cmp(const struct cj_argcmp *x, const struct cj_argcmp *y)
{
	return x->arg == y->arg && x->op == y->op && x->a == y->a &&
	       (x->op != CJ_CMP_MASKED_EQ || x->b == y->b);
}

/* The same comparisons, both rules' sorted by argument. */
static bool same_cmps(const struct cj_cond *a, const struct cj_cond *b)
{
	if (a->ncmp != b->ncmp)
		return false;
	for (unsigned i = 0; i < a->ncmp && i < CJ_MAX_CMP; i++)
		if (!same_cmp(&a->cmp[i], &b->cmp[i]))
			return false;
	return true;
}

bool cj_cond_same(const struct cj_cond *a, const struct cj_cond *b)
{
	return a->row == b->row &&
	       cj_verdict_same((struct cj_verdict){ a->action, a->err },
			       (struct cj_verdict){ b->action, b->err }) &&
	       same_cmps(a, b);
}

/*
 * Does rule A make rule B redundant: the same verdict, and every comparison
 * of A also in B (A matches whenever B does)? Redundant rules are dropped:
 * they decide nothing, and libseccomp 2.5 leaks memory pruning them.
 */
static bool cond_covers(const struct cj_cond *a, const struct cj_cond *b)
{
	if (a->action != b->action ||
	    (a->action == CJ_ACT_ERRNO && a->err != b->err) ||
	    a->ncmp > b->ncmp)
		return false;
	for (unsigned i = 0; i < a->ncmp && i < CJ_MAX_CMP; i++) {
		bool found = false;

		for (unsigned j = 0; j < b->ncmp && j < CJ_MAX_CMP && !found;
		     j++)
			found = same_cmp(&a->cmp[i], &b->cmp[j]);
		if (!found)
			return false;
	}
	return true;
}

bool cj_cond_pair_unsafe(const struct cj_cond *a, const struct cj_cond *b,
			 unsigned *shared)
{
	struct cj_argcmp x[CJ_MAX_CMP], y[CJ_MAX_CMP];
	unsigned nx = a->ncmp < CJ_MAX_CMP ? a->ncmp : CJ_MAX_CMP;
	unsigned ny = b->ncmp < CJ_MAX_CMP ? b->ncmp : CJ_MAX_CMP, i = 0;
	bool ranged = false;

	memcpy(x, a->cmp, nx * sizeof(x[0]));
	memcpy(y, b->cmp, ny * sizeof(y[0]));
	qsort(x, nx, sizeof(x[0]), cmp_by_arg);
	qsort(y, ny, sizeof(y[0]), cmp_by_arg);
	for (; i < nx && i < ny && same_cmp(&x[i], &y[i]); i++)
		ranged |= x[i].op != CJ_CMP_EQ && x[i].op != CJ_CMP_MASKED_EQ;
	if (shared)
		*shared = i;
	return ranged && i < nx && i < ny;
}

/* "... begin with arg0 >= 0x5 and arg1 == 0x1 ...": why a pair is refused. */
static void unsafe_why(const struct cj_cond *a, unsigned shared,
		       const char *who, const char *advice, char *why,
		       size_t len)
{
	struct cj_cond s = *a;
	char list[256] = "";
	size_t used = 0;

	qsort(s.cmp, s.ncmp, sizeof(s.cmp[0]), cmp_by_arg);
	for (unsigned k = 0; k < shared && used < sizeof(list); k++) {
		char one[64];

		cmp_format(&s.cmp[k], one, sizeof(one));
		used += (size_t)snprintf(list + used, sizeof(list) - used,
					 "%s%s", k ? " and " : "", one);
	}
	snprintf(why, len,
		 "%s both begin with '%s' and then compare further; libseccomp "
		 "2.5 never finishes building a filter from two such rules "
		 "when a shared comparison is not == or masked ==; %s",
		 who, list, advice);
}

static int by_row(const void *x, const void *y)
{
	const struct cj_cond *a = *(const struct cj_cond *const *)x;
	const struct cj_cond *b = *(const struct cj_cond *const *)y;

	if (a->row != b->row)
		return (a->row > b->row) - (a->row < b->row);
	return (a > b) - (a < b); /* stable: policy order */
}

int cj_policy_check_rules(const struct cj_policy *p, int *row, char *why,
			  size_t len)
{
	/* An array of pointers to the rules, sorted by row. */
	const struct cj_cond **v = malloc(
	    (p->nconds + 1) * sizeof(*v)); // NOLINT(bugprone-sizeof-expression)
	int rc = 0;

	if (!v) {
		snprintf(why, len, "out of memory");
		return -ENOMEM;
	}
	for (size_t i = 0; i < p->nconds; i++)
		v[i] = &p->conds[i];
	qsort(v, p->nconds, sizeof(*v),
	      by_row); // NOLINT(bugprone-sizeof-expression)
	for (size_t i = 0; i < p->nconds && !rc; i++)
		for (size_t j = i + 1; j < p->nconds && !rc; j++) {
			unsigned shared;

			if (v[j]->row != v[i]->row)
				break;
			if (!cj_cond_pair_unsafe(v[i], v[j], &shared))
				continue;
			*row = v[i]->row;
			unsafe_why(v[i], shared, "two of its conditional rules",
				   "make the shared comparisons == or "
				   "'& MASK ==', or merge the rules",
				   why, len);
			rc = -EINVAL;
		}
	free(v);
	return rc;
}

/* How many rules ROW has in P. */
static size_t row_rules(const struct cj_policy *p, int row)
{
	size_t n = 0;

	for (size_t i = 0; i < p->nconds; i++)
		n += p->conds[i].row == row;
	return n;
}

/* Drop the rules of C's row that C covers. */
static void drop_covered(struct cj_policy *p, const struct cj_cond *c)
{
	size_t out = 0;

	for (size_t i = 0; i < p->nconds; i++)
		if (p->conds[i].row != c->row || !cond_covers(c, &p->conds[i]))
			p->conds[out++] = p->conds[i];
	p->nconds = out;
}

int cj_row_add_rule(struct cj_policy *p, const struct cj_cond *rule)
{
	struct cj_cond c = *rule;
	int rc;

	if (c.ncmp > CJ_MAX_CMP)
		return -EINVAL;
	qsort(c.cmp, c.ncmp, sizeof(c.cmp[0]), cmp_by_arg);
	for (size_t i = 0; i < p->nconds; i++) {
		const struct cj_cond *d = &p->conds[i];

		if (d->row != c.row)
			continue;
		if (cond_covers(d, &c))
			return 0;
		if (same_cmps(d, &c))
			return -EEXIST;
	}
	rc = cj_policy_reserve_conds(p, 1);
	if (rc)
		return rc;
	drop_covered(p, &c);
	if (row_rules(p, c.row) >= CJ_ROW_MAX_CONDS)
		return -ENOSPC;
	return cj_policy_add_cond(p, &c);
}

/* Why rule R and a piece of the new condition on ARG do not combine. */
static int not_one_cmp(const struct cj_cond *r, unsigned arg, char *why,
		       size_t len)
{
	char was[96] = "?";

	for (unsigned k = 0; k < r->ncmp && k < CJ_MAX_CMP; k++)
		if (r->cmp[k].arg == arg)
			cmp_format(&r->cmp[k], was, sizeof(was));
	snprintf(why, len,
		 "this rule and an earlier rule of the syscall (%s) both "
		 "compare arg%u, and together they are not one comparison per "
		 "argument, all a seccomp rule holds; compare the same bits "
		 "with a mask (arg%u & MASK == VALUE), or reset the syscall "
		 "first with allow, deny or errno without a condition",
		 was, arg, arg);
	return -EINVAL;
}

/* R narrowed to the calls outside the new condition (PIECES), into OUT. */
static int narrow_rule(const struct cj_cond *r, const struct piece *pieces,
		       size_t npieces, struct cj_policy *out, char *why,
		       size_t len)
{
	struct cj_cond m;

	for (size_t j = 0; j < npieces; j++) {
		int rc = intersect(r, &pieces[j], &m);

		if (rc < 0)
			return not_one_cmp(r, pieces[j].arg, why, len);
		if (rc == 0)
			continue;
		rc = cj_row_add_rule(out, &m);
		if (rc)
			return rc;
	}
	return 0;
}

/*
 * ROW's rules once calls matching COND get V, into OUT: the rule for COND,
 * the old rules of V as they are, every other old rule narrowed.
 */
static int restrict_rules(const struct cj_policy *p, int row,
			  const struct cj_cond *cond, struct cj_verdict v,
			  struct cj_policy *out, char *why, size_t len)
{
	struct piece pieces[CJ_MAX_CMP * 64];
	struct cj_cond base = { .row = row,
				.action = p->rows[row].action,
				.err = p->rows[row].err },
		       c = *cond;
	bool has = cj_policy_has_conds(p, row);
	size_t npieces;
	int rc;

	if (complement(cond, pieces, CJ_ARRAY_SIZE(pieces), &npieces)) {
		snprintf(why, len, "the condition cannot be negated");
		return -EINVAL;
	}
	c.row = row;
	c.action = v.action;
	c.err = v.err;
	rc = cj_verdict_same(v, p->fallback) ? 0 : cj_row_add_rule(out, &c);
	for (size_t i = 0; !rc && i < (has ? p->nconds : 1); i++) {
		const struct cj_cond *r = has ? &p->conds[i] : &base;
		struct cj_verdict rv = { r->action, r->err };

		/* Calls falling through get the fallback anyway. */
		if ((has && r->row != row) || cj_verdict_same(rv, p->fallback))
			continue;
		if (cj_verdict_same(rv, v))
			rc = cj_row_add_rule(out, r);
		else
			rc = narrow_rule(r, pieces, npieces, out, why, len);
	}
	return rc;
}

/* Why restrict_rules failed, in words; -EINVAL for a refused rule. */
static int restrict_why(int rc, char *why, size_t len)
{
	if (rc == -ENOSPC)
		snprintf(why, len,
			 "the syscall would need more than %d conditional "
			 "rules",
			 CJ_ROW_MAX_CONDS);
	else if (rc == -EEXIST)
		snprintf(why, len,
			 "the rule conflicts with an earlier rule of the same "
			 "comparisons");
	return rc == -ENOSPC || rc == -EEXIST ? -EINVAL : rc;
}

/* Would libseccomp hang on a pair of the new rules? -EINVAL with WHY. */
static int check_pairs(const struct cj_policy *rules, char *why, size_t len)
{
	for (size_t i = 0; i < rules->nconds; i++)
		for (size_t j = i + 1; j < rules->nconds; j++) {
			const struct cj_cond *a = &rules->conds[i];
			unsigned shared;

			if (!cj_cond_pair_unsafe(a, &rules->conds[j], &shared))
				continue;
			unsafe_why(a, shared,
				   "the syscall would get two rules that",
				   "compare with == or '& MASK ==', or reset "
				   "the syscall first with allow, deny or "
				   "errno without a condition",
				   why, len);
			return -EINVAL;
		}
	return 0;
}

/* ROW's rules become those of RULES: all or nothing. */
static int install_rules(struct cj_policy *p, int row,
			 const struct cj_policy *rules)
{
	/* Room first, so that nothing is half-applied on -ENOMEM. */
	int rc = cj_policy_reserve_conds(p, rules->nconds);

	if (rc)
		return rc;
	cj_policy_clear_conds(p, row);
	for (size_t i = 0; i < rules->nconds; i++)
		cj_policy_add_cond(p, &rules->conds[i]); /* cannot fail */
	if (rules->nconds == 0)
		p->rows[row] = p->fallback;
	return 0;
}

int cj_cond_restrict(struct cj_policy *p, int row, const struct cj_cond *cond,
		     struct cj_verdict v, char *why, size_t len)
{
	struct cj_policy out = { 0 }; /* ROW's new rules */
	int rc;

	if (why && len)
		why[0] = '\0';
	if (row < 0 || (size_t)row >= p->nrows || cond->ncmp == 0 ||
	    cond->ncmp > CJ_MAX_CMP) {
		snprintf(why, len, "invalid rule");
		return -EINVAL;
	}
	if (!cj_policy_has_conds(p, row) && cj_verdict_same(p->rows[row], v))
		return 0; /* every call already gets V */
	rc = restrict_why(restrict_rules(p, row, cond, v, &out, why, len), why,
			  len);
	if (!rc)
		rc = check_pairs(&out, why, len);
	if (!rc)
		rc = install_rules(p, row, &out);
	free(out.conds);
	return rc;
}
