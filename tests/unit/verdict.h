/* SPDX-License-Identifier: MIT */
/*
 * One question to the one evaluator (eval.h): compile P, ask for the
 * verdict of one call of ROW, free. A policy that does not compile fails
 * the test: everything the parsers accept must load. Include after
 * <cmocka.h>.
 */
#ifndef CAPEJAIL_TEST_VERDICT_H
#define CAPEJAIL_TEST_VERDICT_H

#include <string.h>

#include "eval.h"

static inline struct cj_verdict verdict_of(const struct cj_policy *p, int row,
					   const uint64_t args[6])
{
	struct cj_eval ev;
	struct cj_verdict v;
	int rc = cj_eval_init(&ev, p);

	if (rc)
		fail_msg("the policy does not compile: %s", strerror(-rc));
	v = cj_policy_eval(&ev, row, args, 6, NULL);
	cj_eval_free(&ev);
	return v;
}

#endif
