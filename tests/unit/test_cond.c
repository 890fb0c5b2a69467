/* SPDX-License-Identifier: MIT */
/*
 * Adding a conditional rule to a row (core/policy/cond.c,
 * cj_row_add_rule), the one algorithm both importers use: covered rules
 * are dropped, conflicting ones refused, which comparison fields count.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cond.h"

#define ROW 7

static struct cj_policy p;

static int setup(void **state)
{
	(void)state;
	memset(&p, 0, sizeof(p));
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	free(p.conds);
	return 0;
}

/* A rule of ROW with verdict V and comparisons (arg, op, a, b). */
static struct cj_cond rule(enum cj_action v, unsigned n,
			   const struct cj_argcmp *cmp)
{
	struct cj_cond c = { .row = ROW, .action = v, .ncmp = n };

	memcpy(c.cmp, cmp, n * sizeof(*cmp));
	return c;
}

static struct cj_cond one(enum cj_action v, unsigned arg, enum cj_cmp op,
			  uint64_t a, uint64_t b)
{
	const struct cj_argcmp cmp = { arg, op, a, b };

	return rule(v, 1, &cmp);
}

static void add_ok(struct cj_cond c)
{
	assert_int_equal(cj_row_add_rule(&p, &c), 0);
}

static void test_covered_rule_is_dropped(void **state)
{
	const struct cj_argcmp two[] = { { 0, CJ_CMP_EQ, 1, 0 },
					 { 1, CJ_CMP_EQ, 2, 0 } };

	(void)state;
	add_ok(one(CJ_ACT_ALLOW, 0, CJ_CMP_EQ, 1, 0));
	add_ok(rule(CJ_ACT_ALLOW, 2, two)); /* covered: nothing added */
	assert_int_equal(p.nconds, 1);
	assert_int_equal(p.conds[0].ncmp, 1);
}

static void test_covering_rule_drops_the_covered(void **state)
{
	const struct cj_argcmp a[] = { { 0, CJ_CMP_EQ, 1, 0 },
				       { 1, CJ_CMP_EQ, 2, 0 } };
	const struct cj_argcmp b[] = { { 0, CJ_CMP_EQ, 1, 0 },
				       { 2, CJ_CMP_LE, 3, 0 } };

	(void)state;
	add_ok(rule(CJ_ACT_ALLOW, 2, a));
	add_ok(rule(CJ_ACT_ALLOW, 2, b));
	add_ok(rule(CJ_ACT_KILL, 1, a + 1)); /* arg1 == 2 */
	add_ok(one(CJ_ACT_ALLOW, 0, CJ_CMP_EQ, 1, 0));
	/* Both allow rules went; the kill stays; the new rule comes last. */
	assert_int_equal(p.nconds, 2);
	assert_int_equal(p.conds[0].action, CJ_ACT_KILL);
	assert_int_equal(p.conds[1].action, CJ_ACT_ALLOW);
	assert_int_equal(p.conds[1].ncmp, 1);
}

static void test_same_comparisons_other_verdict(void **state)
{
	(void)state;
	add_ok(one(CJ_ACT_ALLOW, 0, CJ_CMP_GE, 5, 0));
	{
		struct cj_cond c = one(CJ_ACT_ERRNO, 0, CJ_CMP_GE, 5, 0);

		c.err = EPERM;
		assert_int_equal(cj_row_add_rule(&p, &c), -EEXIST);
	}
	assert_int_equal(p.nconds, 1);
	/* Another row may hold the same comparisons with another verdict. */
	{
		struct cj_cond c = one(CJ_ACT_KILL, 0, CJ_CMP_GE, 5, 0);

		c.row = ROW + 1;
		assert_int_equal(cj_row_add_rule(&p, &c), 0);
	}
	assert_int_equal(p.nconds, 2);
}

/* b is the masked value of a masked ==; for the other operators it is
 * unused and never makes two comparisons different. */
static void test_which_fields_count(void **state)
{
	(void)state;
	add_ok(one(CJ_ACT_ALLOW, 1, CJ_CMP_EQ, 1, 0));
	assert_int_equal(
	    cj_row_add_rule(
		&p, &(struct cj_cond){ .row = ROW,
				       .action = CJ_ACT_KILL,
				       .ncmp = 1,
				       .cmp = { { 1, CJ_CMP_EQ, 1, 7 } } }),
	    -EEXIST);
	add_ok(one(CJ_ACT_ALLOW, 1, CJ_CMP_EQ, 1, 7)); /* covered */
	assert_int_equal(p.nconds, 1);

	add_ok(one(CJ_ACT_ALLOW, 2, CJ_CMP_MASKED_EQ, 0xff, 1));
	add_ok(one(CJ_ACT_KILL, 2, CJ_CMP_MASKED_EQ, 0xff, 2));
	add_ok(one(CJ_ACT_KILL, 2, CJ_CMP_MASKED_EQ, 0xf, 2));
	assert_int_equal(p.nconds, 4);
	assert_int_equal(
	    cj_row_add_rule(&p,
			    &(struct cj_cond){
				.row = ROW,
				.action = CJ_ACT_ALLOW,
				.ncmp = 1,
				.cmp = { { 2, CJ_CMP_MASKED_EQ, 0xf, 2 } } }),
	    -EEXIST);
	assert_int_equal(p.nconds, 4);
}

static void test_comparisons_sorted_by_argument(void **state)
{
	const struct cj_argcmp backwards[] = { { 2, CJ_CMP_EQ, 3, 0 },
					       { 0, CJ_CMP_NE, 1, 0 } };
	const struct cj_argcmp forwards[] = { { 0, CJ_CMP_NE, 1, 0 },
					      { 2, CJ_CMP_EQ, 3, 0 } };
	struct cj_cond c = rule(CJ_ACT_KILL, 2, forwards);

	(void)state;
	add_ok(rule(CJ_ACT_ALLOW, 2, backwards));
	assert_int_equal(p.conds[0].cmp[0].arg, 0);
	assert_int_equal(p.conds[0].cmp[1].arg, 2);
	assert_int_equal(cj_row_add_rule(&p, &c), -EEXIST);
}

static void test_rules_per_row_limit(void **state)
{
	struct cj_argcmp two[] = { { 0, CJ_CMP_EQ, 0, 0 },
				   { 1, CJ_CMP_EQ, 0, 0 } };

	(void)state;
	for (unsigned i = 0; i < CJ_ROW_MAX_CONDS; i++) {
		two[0].a = i;
		add_ok(rule(CJ_ACT_ALLOW, 2, two));
	}
	two[0].a = 99999;
	{
		struct cj_cond c = rule(CJ_ACT_ALLOW, 2, two);

		assert_int_equal(cj_row_add_rule(&p, &c), -ENOSPC);
	}
	assert_int_equal(p.nconds, CJ_ROW_MAX_CONDS);
	/* A rule that covers one makes room for itself. */
	add_ok(one(CJ_ACT_ALLOW, 0, CJ_CMP_EQ, 5, 0));
	assert_int_equal(p.nconds, CJ_ROW_MAX_CONDS);
	/* One that covers them all leaves itself alone. */
	add_ok(one(CJ_ACT_ALLOW, 1, CJ_CMP_EQ, 0, 0));
	assert_int_equal(p.nconds, 2); /* arg0 == 5 does not compare arg1 */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_covered_rule_is_dropped,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_covering_rule_drops_the_covered, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_same_comparisons_other_verdict, setup, teardown),
		cmocka_unit_test_setup_teardown(test_which_fields_count, setup,
						teardown),
		cmocka_unit_test_setup_teardown(
		    test_comparisons_sorted_by_argument, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rules_per_row_limit, setup,
						teardown),
	};

	return cmocka_run_group_tests_name("cond", tests, NULL, NULL);
}
