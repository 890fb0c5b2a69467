/* SPDX-License-Identifier: MIT */
/*
 * One argument rule knocked out of a default policy (policy.h), for the
 * test build's knock-outs: the calls the rule refuses become allowed.
 *
 * An errno rule refuses its values: they are allowed instead. An allow
 * rule (ALLOW_IN, DENY_IN, ALLOW_EACH, ALLOW_PAIRS, ALLOW_SOCKETS) refuses
 * what it does not allow, which the fallback kills: its conditions go and
 * the row allows every call its other rules do not decide. Those other
 * rules are, in argrules.def, one masked argument each (socket's
 * AF_NETLINK errno, chmod's setuid errno): the row then allows the
 * complement of their values. A row left with no rule is allowed outright.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cond.h"
#include "policy.h"
#include "policy_rules.h"

/* Is every condition of OLD (N of them) among P's conditions of TAG? */
static bool all_kept(const struct cj_policy *p, unsigned tag,
		     const struct cj_cond *old, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		bool found = false;

		for (size_t j = 0; j < p->nconds && !found; j++)
			found = p->conds[j].argrule == tag &&
				cj_cond_same(&p->conds[j], &old[i]);
		if (!found)
			return false;
	}
	return true;
}

static size_t count_tag(const struct cj_policy *p, unsigned tag)
{
	size_t n = 0;

	for (size_t i = 0; i < p->nconds; i++)
		n += p->conds[i].argrule == tag;
	return n;
}

/* An errno rule: its values are allowed. */
static void allow_errno_values(struct cj_policy *p, unsigned tag, bool *changed)
{
	for (size_t i = 0; i < p->nconds; i++) {
		if (p->conds[i].argrule != tag ||
		    p->conds[i].action == CJ_ACT_ALLOW)
			continue;
		p->conds[i].action = CJ_ACT_ALLOW;
		p->conds[i].err = 0;
		*changed = true;
	}
}

/*
 * The values the row's other rules decide, when they are one masked
 * argument: *ARG, *MASK and up to MAX values in VALUES. Their count, or
 * -ENOTSUP.
 */
static int other_values(const struct cj_policy *p, int row, unsigned tag,
			unsigned *arg, uint64_t *mask, uint64_t *values,
			size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < p->nconds; i++) {
		const struct cj_cond *c = &p->conds[i];

		if (c->row != row || c->argrule == tag)
			continue;
		if (c->ncmp != 1 || c->cmp[0].op != CJ_CMP_MASKED_EQ ||
		    n == max ||
		    (n && (c->cmp[0].arg != *arg || c->cmp[0].a != *mask)))
			return -ENOTSUP;
		*arg = c->cmp[0].arg;
		*mask = c->cmp[0].a;
		values[n++] = c->cmp[0].b;
	}
	return (int)n;
}

/* An allow rule: what it refused and the other rules leave is allowed. */
static int allow_the_rest(struct cj_policy *p, int row, unsigned tag,
			  bool *changed)
{
	uint64_t values[64], mask = 0, om[256], ov[256];
	size_t nold = count_tag(p, tag), kept = 0;
	struct cj_cond *old = calloc(nold ? nold : 1, sizeof(*old));
	unsigned arg = 0;
	int nvalues, npieces, rc = 0;

	if (!old)
		return -ENOMEM;
	nvalues = other_values(p, row, tag, &arg, &mask, values,
			       sizeof(values) / sizeof(values[0]));
	npieces = nvalues <= 0
		      ? nvalues
		      : cj_complement(mask, values, (size_t)nvalues, om, ov,
				      sizeof(om) / sizeof(om[0]));
	if (npieces < 0) {
		free(old);
		return npieces;
	}
	for (size_t i = 0, k = 0; i < p->nconds; i++) {
		if (p->conds[i].argrule == tag)
			old[k++] = p->conds[i];
		else
			p->conds[kept++] = p->conds[i];
	}
	p->nconds = kept;
	if (nvalues == 0) {
		/* No other rule: the row is allowed outright. */
		p->rows[row] = (struct cj_verdict){ CJ_ACT_ALLOW, 0 };
		*changed = true;
		free(old);
		return 0;
	}
	rc = cj_policy_reserve_conds(p, (size_t)npieces);
	for (int i = 0; i < npieces && !rc; i++) {
		struct cj_cond c = {
			.row = row,
			.action = CJ_ACT_ALLOW,
			.ncmp = 1,
			.cmp = { { arg, CJ_CMP_MASKED_EQ, om[i], ov[i] } },
			.argrule = tag,
		};

		rc = cj_policy_add_cond(p, &c);
	}
	if (!rc)
		*changed =
		    (size_t)npieces != nold || !all_kept(p, tag, old, nold);
	free(old);
	return rc;
}

int cj_policy_knock_out_rule(struct cj_policy *p, size_t rule, bool *changed)
{
	size_t n;
	const struct cj_argrule *rules = cj_argrules(&n);
	unsigned tag = (unsigned)rule + 1;
	int row;

	*changed = false;
	if (rule >= n || (row = cj_table_index(rules[rule].name)) < 0)
		return -ENOENT;
	if (rules[rule].kind == CJ_ARG_ERRNO_IN) {
		allow_errno_values(p, tag, changed);
		return 0;
	}
	return allow_the_rest(p, row, tag, changed);
}
