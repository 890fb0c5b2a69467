/* SPDX-License-Identifier: MIT */
/*
 * One question to the one evaluator (eval.h): compile P, ask for the
 * verdict of one call of ROW, free. A policy that does not compile fails
 * the test: everything the parsers accept must load. And the checks the
 * profile and OCI tests share. Include after <cmocka.h>.
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

/* NAME's unconditional verdict in P. */
static inline struct cj_verdict row_verdict(const struct cj_policy *p,
					    const char *name)
{
	return p->rows[cj_table_index(name)];
}

/* The verdict of NAME(A0, A1, A2, 0, 0, 0) under P. */
static inline struct cj_verdict call_verdict(const struct cj_policy *p,
					     const char *name, uint64_t a0,
					     uint64_t a1, uint64_t a2)
{
	const uint64_t args[6] = { a0, a1, a2, 0, 0, 0 };

	return verdict_of(p, cj_table_index(name), args);
}

#define assert_verdict(v, act, e)                    \
	do {                                         \
		struct cj_verdict v_ = (v);          \
		assert_int_equal(v_.action, act);    \
		if ((act) == CJ_ACT_ERRNO)           \
			assert_int_equal(v_.err, e); \
	} while (0)

/* P compiles with libseccomp, with and without notification. */
static inline void assert_compiles(const struct cj_policy *p)
{
	struct cj_bpf bpf;

	assert_int_equal(cj_filter_build(p, false, &bpf), 0);
	cj_bpf_free(&bpf);
	assert_int_equal(cj_filter_build(p, true, &bpf), 0);
	cj_bpf_free(&bpf);
}

#endif
