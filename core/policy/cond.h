/* SPDX-License-Identifier: MIT */
/*
 * Conditional rules of a policy row: the set algebra behind "allow|deny|
 * errno NAME if COND" in profiles.
 *
 * The filter model (policy.h): a row with conditional rules gets only those
 * rules; a call that matches none gets the policy's fallback verdict.
 * Profile edits (cj_cond_restrict) never leave two rules of one row with
 * different verdicts overlapping; an OCI profile can. Which rule the kernel
 * applies then is libseccomp's choice, not the rules' order (cond.c, "How
 * the kernel decides"); the one evaluator (eval.h) runs the compiled filter.
 */
#ifndef CAPEJAIL_COND_H
#define CAPEJAIL_COND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "policy.h"

/* At most this many conditional rules per row. */
#define CJ_ROW_MAX_CONDS 1024

/*
 * Copy C to OUT with comparisons that always hold dropped and the rest
 * sorted by argument. Returns 0, or -1 when a comparison can never hold
 * (OUT is then unspecified). C and OUT may be the same.
 */
int cj_cond_normalize(const struct cj_cond *c, struct cj_cond *out);

/*
 * Calls of ROW that match COND get verdict V from now on; every other call
 * keeps the verdict it had. COND must be normalized, with at least one
 * comparison. Returns 0, -ENOMEM, or -EINVAL with the reason in WHY (the
 * result would need two comparisons of one argument in one rule, which
 * libseccomp cannot express, or more than CJ_ROW_MAX_CONDS rules).
 * On error P is unchanged.
 */
int cj_cond_restrict(struct cj_policy *p, int row, const struct cj_cond *cond,
		     struct cj_verdict v, char *why, size_t len);

/*
 * Add RULE to its row of P the one way both importers do: dropped when a
 * rule of the row covers it (the same verdict, and all of that rule's
 * comparisons among its own), and the rules it covers
 * dropped, as libseccomp prunes them. Its comparisons are stored sorted by
 * argument. Returns 0, -EEXIST when a rule of the row has the same
 * comparisons (a and b of a masked ==, a of the others) and another
 * verdict (libseccomp refuses the pair), -ENOSPC past CJ_ROW_MAX_CONDS
 * rules, -EINVAL, -ENOMEM. On error P is unchanged.
 */
int cj_row_add_rule(struct cj_policy *p, const struct cj_cond *rule);

/* The same rule: row, verdict and comparisons (in the same order). */
bool cj_cond_same(const struct cj_cond *a, const struct cj_cond *b);

/*
 * libseccomp 2.5 never returns from adding the second of two rules of one
 * syscall that begin with the same comparisons, one of them not == or
 * masked ==, and that both go on comparing after them (found by fuzzing;
 * see docs/profiles.md). Is the pair A, B such a pair? *SHARED gets the
 * number of leading comparisons they share.
 */
bool cj_cond_pair_unsafe(const struct cj_cond *a, const struct cj_cond *b,
			 unsigned *shared);

/*
 * Check every row of P for such a pair. Returns 0, -ENOMEM, or -EINVAL
 * with the row in *ROW and the reason in WHY.
 */
int cj_policy_check_rules(const struct cj_policy *p, int *row, char *why,
			  size_t len);

#endif
