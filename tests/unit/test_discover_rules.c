/* SPDX-License-Identifier: MIT */
/*
 * discover's narrowest rule (tools/discover_rules.c, discover_emit.c),
 * built from recorded strace logs (tests/fixtures/strace): conditional
 * rules from the arguments seen, never an unconditional allow of a row
 * with argument rules, an errno where --minimize proved one is enough, and
 * profiles the launcher's parser takes and that leave nothing blocked.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "argcheck.h"
#include "discover_diff.h"
#include "discover_report.h"
#include "discover_rules.h"
#include "profile.h"

static struct cj_policy policy;
static const char *const argv0[] = { "python3", NULL };

static int setup(void **state)
{
	(void)state;
	return cj_policy_default(&policy);
}

static int teardown(void **state)
{
	(void)state;
	cj_policy_free(&policy);
	return 0;
}

static void load(struct tu_usage *u, const char *file, struct cj_policy *p)
{
	const char *d = getenv("CJ_FIXTURES");
	char path[512], *line = NULL;
	struct cj_eval ev;
	size_t cap = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s",
		 d && *d ? d : "tests/fixtures/strace", file);
	f = fopen(path, "r");
	if (!f)
		fail_msg("cannot open fixture %s", path);
	assert_int_equal(cj_eval_init(&ev, p), 0);
	cj_eval_bind_ids(&ev, 0, 0); /* recorded as root on the host */
	tu_init(u, true, ac_classify, &ev);
	while (getline(&line, &cap, f) > 0)
		assert_int_equal(tu_feed_line(u, line), 0);
	tu_finish(u);
	u->ctx = NULL;
	cj_eval_free(&ev);
	free(line);
	fclose(f);
}

static const struct dd_entry *entry(const struct dd_result *r, const char *name)
{
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->v[i].name, name) == 0)
			return &r->v[i];
	return NULL;
}

/* The builder: one rule per distinct killed (level, option) pair. */
static void test_rules_from_trace(void **state)
{
	struct tu_usage u;
	struct dd_result r;
	const struct dd_entry *e;
	char lines[8][256];

	(void)state;
	load(&u, "sockopts-fast.strace", &policy);
	assert_int_equal(dd_compute(&policy, &u, &r), 0);
	assert_int_equal(
	    drl_compared_args(&policy, cj_table_index("setsockopt")),
	    (1u << 1) | (1u << 2));
	e = entry(&r, "setsockopt");
	assert_non_null(e);
	assert_int_equal(e->cls, DD_COND);
	/* two sockets, so two texts of SO_BROADCAST, one of SO_OOBINLINE */
	assert_int_equal(e->killed, 3);
	assert_int_equal(e->nfails, 3);
	assert_int_equal(drl_build(&policy, e, lines, 8), 2);
	assert_string_equal(lines[0], "allow setsockopt if arg1 == 1 and "
				      "arg2 == 6");
	assert_string_equal(lines[1], "allow setsockopt if arg1 == 1 and "
				      "arg2 == 10");
	/* MAX is respected */
	assert_int_equal(drl_build(&policy, e, lines, 1), 1);
	dd_free(&r);
	tu_free(&u);
}

/* Unreadable arguments give no rule, never a wider one. */
static void test_unreadable_arguments(void **state)
{
	static char *fails[] = { (char *)"?" };
	struct dd_entry e = { .name = "setsockopt", .cls = DD_COND };
	char lines[2][256];

	(void)state;
	e.row = cj_table_index("setsockopt");
	e.fails = fails;
	e.nfails = 1;
	assert_int_equal(drl_build(&policy, &e, lines, 2), 0);
}

static char *emit(const struct dd_result *r, const int *errnos)
{
	struct dr_meta m = { .argv = (char *const *)argv0,
			     .policy = &policy,
			     .errnos = errnos };
	char *buf = NULL;
	size_t len;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	dr_emit_profile(f, r, &m);
	fclose(f);
	return buf;
}

static void quiet(void *ctx, const char *msg)
{
	(void)ctx;
	(void)msg;
}

/* The profile takes every rule, and then nothing blocks. */
static void assert_profile_clears(const char *text)
{
	struct cj_profile_src src = { .name = (char *)"t.profile",
				      .key = (char *)"t.profile",
				      .text = (char *)text,
				      .len = strlen(text) };
	struct cj_profile_ops ops = { .warn = quiet };
	struct cj_policy edited;
	struct dd_result again;
	struct tu_usage u;
	char err[256];

	assert_int_equal(cj_policy_copy(&edited, &policy), 0);
	if (cj_profile_parse(&edited, &src, &ops, err, sizeof(err)))
		fail_msg("profile rejected: %s\n%s", err, text);
	/* setsockopt keeps its table rules: still conditional */
	assert_true(cj_policy_has_conds(&edited, cj_table_index("setsockopt")));
	load(&u, "sockopts-fast.strace", &edited);
	assert_int_equal(dd_compute(&edited, &u, &again), 0);
	assert_int_equal(dd_status(&again), 0);
	dd_free(&again);
	tu_free(&u);
	cj_policy_free(&edited);
}

static void test_profile_is_narrow(void **state)
{
	struct tu_usage u;
	struct dd_result r;
	char *text;

	(void)state;
	load(&u, "sockopts-fast.strace", &policy);
	assert_int_equal(dd_compute(&policy, &u, &r), 0);
	text = emit(&r, NULL);
	assert_null(strstr(text, "allow setsockopt\n"));
	assert_non_null(strstr(text, "allow setsockopt if arg1 == 1 and "
				     "arg2 == 6\n"));
	/* the dangerous row is named with its rationale */
	assert_non_null(strstr(text, "# userfaultfd [memory] DANGEROUS"));
	assert_non_null(strstr(text, "page faults"));
	assert_non_null(strstr(text, "\nallow userfaultfd\n"));
	assert_profile_clears(text);
	free(text);
	dd_free(&r);
	tu_free(&u);
}

/* What --minimize proved: the errno replaces the allow. */
static void test_profile_with_errno(void **state)
{
	struct tu_usage u;
	struct dd_result r;
	int *errnos;
	char *text;

	(void)state;
	load(&u, "sockopts-fast.strace", &policy);
	assert_int_equal(dd_compute(&policy, &u, &r), 0);
	errnos = calloc(r.n, sizeof(*errnos));
	assert_non_null(errnos);
	for (size_t i = 0; i < r.n; i++)
		if (strcmp(r.v[i].name, "userfaultfd") == 0)
			errnos[i] = ENOSYS;
	text = emit(&r, errnos);
	assert_non_null(strstr(text, "\nerrno ENOSYS userfaultfd\n"));
	assert_null(strstr(text, "allow userfaultfd"));
	assert_profile_clears(text);
	free(text);
	free(errnos);
	dd_free(&r);
	tu_free(&u);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rules_from_trace),
		cmocka_unit_test(test_unreadable_arguments),
		cmocka_unit_test(test_profile_is_narrow),
		cmocka_unit_test(test_profile_with_errno),
	};

	return cmocka_run_group_tests_name("discover_rules", tests, setup,
					   teardown);
}
