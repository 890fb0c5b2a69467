/* SPDX-License-Identifier: MIT */
/*
 * Knocking one argument rule out of the default policy (knockout.c): the
 * calls it refused are allowed, the row's other rules stay, and a rule
 * whose refusals another rule answers first leaves the filter unchanged.
 * Every knocked-out policy still compiles.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <string.h>

#include "capejail.h"
#include "filter.h"
#include "policy_rules.h"
#include "verdict.h"

/* The index of NAME's rule of KIND in argrules.def. */
static size_t rule_of(const char *name, enum cj_argrule_kind kind)
{
	size_t n;
	const struct cj_argrule *r = cj_argrules(&n);

	for (size_t i = 0; i < n; i++)
		if (strcmp(r[i].name, name) == 0 && r[i].kind == kind)
			return i;
	fail_msg("no %s rule of kind %d", name, (int)kind);
	return 0;
}

/* The default policy with NAME's rule of KIND knocked out. */
static void knock_out(struct cj_policy *p, const char *name,
		      enum cj_argrule_kind kind, bool want_changed)
{
	bool changed = !want_changed;

	assert_int_equal(cj_policy_default(p), 0);
	assert_int_equal(
	    cj_policy_knock_out_rule(p, rule_of(name, kind), &changed), 0);
	assert_int_equal(changed, want_changed);
	assert_compiles(p);
}

static void test_errno_rule_allows_its_values(void **state)
{
	struct cj_policy p;

	(void)state;
	knock_out(&p, "chmod", CJ_ARG_ERRNO_IN, true);
	assert_verdict(call_verdict(&p, "chmod", 0, 04755, 0), CJ_ACT_ALLOW, 0);
	assert_verdict(call_verdict(&p, "chmod", 0, 0644, 0), CJ_ACT_ALLOW, 0);
	/* The other rows keep their rules. */
	assert_verdict(call_verdict(&p, "fchmod", 0, 04755, 0), CJ_ACT_ERRNO,
		       EPERM);
	cj_policy_free(&p);
}

static void test_shadowed_rule_changes_nothing(void **state)
{
	struct cj_policy p;

	(void)state;
	knock_out(&p, "chmod", CJ_ARG_DENY_IN, false);
	assert_verdict(call_verdict(&p, "chmod", 0, 04755, 0), CJ_ACT_ERRNO,
		       EPERM);
	assert_verdict(call_verdict(&p, "chmod", 0, 0644, 0), CJ_ACT_ALLOW, 0);
	cj_policy_free(&p);
}

static void test_lone_allow_rule_allows_the_row(void **state)
{
	struct cj_policy p;

	(void)state;
	knock_out(&p, "clone", CJ_ARG_ALLOW_IN, true);
	assert_verdict(
	    call_verdict(&p, "clone", 0x10000000 /* NEWUSER */, 0, 0),
	    CJ_ACT_ALLOW, 0);
	assert_false(cj_policy_has_conds(&p, cj_table_index("clone")));
	cj_policy_free(&p);
}

static void test_allow_rule_keeps_the_other_rule(void **state)
{
	struct cj_policy p;

	(void)state;
	knock_out(&p, "socket", CJ_ARG_ALLOW_SOCKETS, true);
	assert_verdict(call_verdict(&p, "socket", 17 /* AF_PACKET */, 3, 0),
		       CJ_ACT_ALLOW, 0);
	assert_verdict(call_verdict(&p, "socket", 2, 3 /* SOCK_RAW */, 1),
		       CJ_ACT_ALLOW, 0);
	assert_verdict(call_verdict(&p, "socket", 16 /* AF_NETLINK */, 3, 0),
		       CJ_ACT_ERRNO, EAFNOSUPPORT);
	cj_policy_free(&p);
}

/* Every rule can be knocked out, and the result compiles. */
static void test_every_rule(void **state)
{
	size_t n;

	(void)state;
	cj_argrules(&n);
	for (size_t i = 0; i < n; i++) {
		struct cj_policy p;
		bool changed;

		assert_int_equal(cj_policy_default(&p), 0);
		assert_int_equal(cj_policy_knock_out_rule(&p, i, &changed), 0);
		assert_compiles(&p);
		cj_policy_free(&p);
	}
}

static void test_unknown_rule(void **state)
{
	struct cj_policy p;
	size_t n;
	bool changed = true;

	(void)state;
	cj_argrules(&n);
	assert_int_equal(cj_policy_default(&p), 0);
	assert_int_equal(cj_policy_knock_out_rule(&p, n, &changed), -ENOENT);
	assert_false(changed);
	cj_policy_free(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_errno_rule_allows_its_values),
		cmocka_unit_test(test_shadowed_rule_changes_nothing),
		cmocka_unit_test(test_lone_allow_rule_allows_the_row),
		cmocka_unit_test(test_allow_rule_keeps_the_other_rule),
		cmocka_unit_test(test_every_rule),
		cmocka_unit_test(test_unknown_rule),
	};

	return cmocka_run_group_tests_name("knockout", tests, NULL, NULL);
}
