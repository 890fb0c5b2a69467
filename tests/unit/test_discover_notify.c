/* SPDX-License-Identifier: MIT */
/*
 * discover's notify engine, its pure half (tools/discover_notify_line.c):
 * the launcher's --discover-fd lines parsed, turned into the argument text
 * the argument checks read, and fed through trace_usage into the same
 * verdicts the strace engine reaches.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "argcheck.h"
#include "discover_diff.h"
#include "discover_notify.h"

static struct cj_policy policy;

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

static void parses_lines(void **state)
{
	struct dn_call c;

	(void)state;
	assert_int_equal(
	    dn_parse_line("4242 41 c000003e 10 80003 0 7ffd 0 0\n", &c), 0);
	assert_int_equal(c.pid, 4242);
	assert_int_equal(c.nr, 41);
	assert_int_equal(c.arch, 0xc000003e);
	assert_int_equal(c.args[0], 0x10);
	assert_int_equal(c.args[1], 0x80003);
	assert_int_equal(c.args[3], 0x7ffd);
	assert_false(c.has_flags);
	/* clone3 carries its clone_args.flags as a tenth field */
	assert_int_equal(
	    dn_parse_line("7 435 c000003e 7ffc 58 0 0 0 0 10000000", &c), 0);
	assert_true(c.has_flags);
	assert_int_equal(c.flags, 0x10000000);
}

static void refuses_malformed_lines(void **state)
{
	static const char *const bad[] = {
		"",
		"\n",
		"1 2 3",			       /* too few */
		"1 41 c000003e 1 2 3 4 5",	       /* five arguments */
		"1 41 c000003e 1 2 3 4 5 6 7 8",       /* eleven fields */
		"1 41 c000003e 1 2 3 4 5 zz",	       /* not hex */
		"x 41 c000003e 1 2 3 4 5 6",	       /* pid */
		"1 41 c000003e 1 2 3 4 5 6 trailing",  /* junk */
		"99999999999 41 c000003e 1 2 3 4 5 6", /* pid range */
		"1 41 1c000003e 1 2 3 4 5 6",	       /* arch range */
		"1 41 c000003e 1 2 3 4 5 10000000000000000", /* overflow */
	};
	struct dn_call c;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++)
		if (dn_parse_line(bad[i], &c) == 0)
			fail_msg("accepted '%s'", bad[i]);
}

static void event_text(const char *line, const char *name, const char *args)
{
	struct dn_call c;
	char n[64], a[256];

	assert_int_equal(dn_parse_line(line, &c), 0);
	assert_int_equal(dn_event(&policy, &c, n, sizeof(n), a, sizeof(a)), 0);
	assert_string_equal(n, name);
	assert_string_equal(a, args);
}

static void arguments_as_strace_prints_them(void **state)
{
	(void)state;
	/* socket's rules compare all three arguments; 0 as strace has it */
	event_text("1 41 c000003e 10 80003 0 7ffd 0 0", "socket",
		   "0x10, 0x80003, 0");
	/* setsockopt's compare arg1 and arg2: the optval pointer is left */
	event_text("1 54 c000003e 3 ff 1 7ffd 4 0", "setsockopt",
		   "0x3, 0xff, 0x1");
	/* no argument rules: no argument text (no pointers to tell apart) */
	event_text("1 323 c000003e 1 7ffd 0 0 0 0", "userfaultfd", "");
	/* clone3: its flags, held against clone's rules */
	event_text("1 435 c000003e 7ffc 58 0 0 0 0 10000000", "clone3",
		   "{flags=0x10000000}");
	event_text("1 435 c000003e 7ffc 58 0 0 0 0", "clone3", "");
	/* a number libseccomp has no name for, in strace's spelling */
	event_text("1 1000 c000003e 0 0 0 0 0 0", "syscall_0x3e8", "");
}

/* The lines' verdicts: what the strace engine concludes from its text. */
static void feeds_the_same_verdicts(void **state)
{
	static const char *const lines[] = {
		"5 323 c000003e 1 0 0 0 0 0",		   /* userfaultfd */
		"6 41 c000003e 10 3 0 0 0 0",		   /* netlink */
		"6 54 c000003e 3 ff 1 7ffd 4 0",	   /* SOL_RAW */
		"7 435 c000003e 7ffc 58 0 0 0 0 10000000", /* NEWUSER */
	};
	struct cj_eval ev;
	struct tu_usage u;
	struct dd_result r = { 0 };
	bool userfaultfd = false, socket = false, setsockopt = false,
	     clone3 = false;

	(void)state;
	assert_int_equal(cj_eval_init(&ev, &policy), 0);
	cj_eval_bind_ids(&ev, 0, 0);
	tu_init(&u, true, ac_classify, &ev);
	for (size_t i = 0; i < sizeof(lines) / sizeof(*lines); i++) {
		struct dn_call c;
		struct sp_event e = { .kind = SP_CALL, .pid = 1 };
		char a[256];

		assert_int_equal(dn_parse_line(lines[i], &c), 0);
		assert_int_equal(
		    dn_event(&policy, &c, e.name, sizeof(e.name), a, sizeof(a)),
		    0);
		e.args = a;
		e.args_len = strlen(a);
		assert_int_equal(tu_feed(&u, &e), 0);
	}
	tu_finish(&u);
	assert_int_equal(dd_compute(&policy, &u, &r), 0);
	for (size_t i = 0; i < r.n; i++) {
		const struct dd_entry *e = &r.v[i];

		if (strcmp(e->name, "userfaultfd") == 0)
			userfaultfd = e->cls == DD_KILL && e->blocks;
		if (strcmp(e->name, "socket") == 0)
			socket = e->cls == DD_COND && e->failed == 1 &&
				 !e->killed && !e->blocks;
		if (strcmp(e->name, "setsockopt") == 0)
			setsockopt =
			    e->cls == DD_COND && e->killed == 1 && e->blocks;
		if (strcmp(e->name, "clone3") == 0)
			clone3 = true;
	}
	assert_true(userfaultfd);
	assert_true(socket);
	assert_true(setsockopt);
	assert_true(clone3);
	assert_int_equal(dd_status(&r), 1);
	dd_free(&r);
	tu_free(&u);
	cj_eval_free(&ev);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parses_lines),
		cmocka_unit_test(refuses_malformed_lines),
		cmocka_unit_test(arguments_as_strace_prints_them),
		cmocka_unit_test(feeds_the_same_verdicts),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
