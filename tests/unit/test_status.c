/* SPDX-License-Identifier: MIT */
/*
 * The status fd's JSON and the report's escaping (core/common/json.c), and
 * the one decision of how a jail ended (core/jail/ending.c): a limit only
 * when its counter shows it, a blocked syscall only after a notification.
 * Pure, no root.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "capejail.h"
#include "json.h"
#include "limits.h"

static void test_json_escape(void **state)
{
	char out[128];

	(void)state;
	cj_json_escape("a\"b\\c", out, sizeof(out));
	assert_string_equal(out, "a\\\"b\\\\c");
	cj_json_escape("\x1b[2J\r\n\t\x7f", out, sizeof(out));
	assert_string_equal(out, "\\u001b[2J\\u000d\\u000a\\u0009\\u007f");
	/* Bytes >= 0x80 as Latin-1 code points: ASCII out, always valid. */
	cj_json_escape("\xc3\xa9\xff", out, sizeof(out));
	assert_string_equal(out, "\\u00c3\\u00a9\\u00ff");
	/* Cut at a whole escape, never half of one. */
	cj_json_escape("ab\x01", out, 8);
	assert_string_equal(out, "ab");
}

static void test_text_escape(void **state)
{
	char out[128];

	(void)state;
	cj_text_escape("cat", out, sizeof(out));
	assert_string_equal(out, "cat");
	cj_text_escape("x\x1b]0;pwned\x07\rcapejail: \\", out, sizeof(out));
	assert_string_equal(out, "x\\x1b]0;pwned\\x07\\x0dcapejail: \\\\");
	cj_text_escape("\xc2\x9b"
		       "2J",
		       out, sizeof(out));
	assert_string_equal(out, "\\xc2\\x9b2J");
	cj_text_escape("ab\n", out, 5);
	assert_string_equal(out, "ab");
}

static void test_json_writer(void **state)
{
	char buf[256];
	struct cj_json j;

	(void)state;
	cj_json_init(&j, buf, sizeof(buf));
	cj_json_begin(&j, NULL);
	cj_json_int(&j, "a", -3);
	cj_json_str(&j, "s", "q\"");
	cj_json_begin_array(&j, "l");
	cj_json_uint(&j, NULL, 18446744073709551615ULL);
	cj_json_null(&j, NULL);
	cj_json_end_array(&j);
	cj_json_begin(&j, "o");
	cj_json_bool(&j, "t", true);
	cj_json_end(&j);
	cj_json_end(&j);
	assert_int_equal(cj_json_finish(&j), 0);
	assert_string_equal(buf, "{\"a\":-3,\"s\":\"q\\\"\",\"l\":"
				 "[18446744073709551615,null],"
				 "\"o\":{\"t\":true}}");
	cj_json_init(&j, buf, 4);
	cj_json_str(&j, NULL, "too long");
	assert_int_equal(cj_json_finish(&j), -1);
}

static struct cj_plan plan;
static struct cj_result res;

static void reset(void)
{
	memset(&plan, 0, sizeof(plan));
	memset(&res, 0, sizeof(res));
	plan.prog = "prog";
	plan.new_netns = true; /* the default jail: no network */
	plan.limits.cpu_s = CJ_LIMIT_NONE;
	plan.limits.fsize = CJ_LIMIT_NONE;
	plan.limits.time_ms = CJ_LIMIT_NONE;
	res.prog_cpu_ms = res.duration_ms = res.peak_memory = -1;
}

static void killed_by(int sig)
{
	res.have_status = true;
	res.wait_status = sig; /* WIFSIGNALED, WTERMSIG == sig */
}

static enum cj_ending_kind ending(struct cj_ending *e)
{
	cj_ending_of(&plan, &res, e);
	return e->kind;
}

static void test_self_raised_sigxcpu(void **state)
{
	struct cj_ending e;

	(void)state;
	reset();
	killed_by(SIGXCPU);
	res.prog_cpu_ms = 3;
	assert_int_equal(ending(&e), CJ_END_SIGNALED);
	assert_true(e.self_raised);
	assert_int_equal(e.status, 128 + SIGXCPU);
	/* A limit set, but the counter is far below it: still self-raised. */
	plan.limits.cpu_s = 5;
	assert_int_equal(ending(&e), CJ_END_SIGNALED);
	assert_true(e.self_raised);
	/* At the limit: the kernel's. */
	res.prog_cpu_ms = 5000;
	assert_int_equal(ending(&e), CJ_END_CPU_LIMIT);
	assert_false(e.self_raised);
	/* The hard limit's SIGKILL a second later. */
	killed_by(SIGKILL);
	res.prog_cpu_ms = 6000;
	assert_int_equal(ending(&e), CJ_END_CPU_LIMIT);
	res.prog_cpu_ms = 5000;
	assert_int_equal(ending(&e), CJ_END_SIGNALED);
}

static void test_sigsys_without_notification(void **state)
{
	struct cj_ending e;

	(void)state;
	reset();
	killed_by(SIGSYS);
	assert_int_equal(ending(&e), CJ_END_SIGNALED);
	res.blocked = true;
	assert_int_equal(ending(&e), CJ_END_BLOCKED);
	assert_false(e.have_wait);
	assert_int_equal(e.status, 128 + SIGSYS);
}

static void test_sigxfsz_never_claimed(void **state)
{
	struct cj_ending e;

	(void)state;
	reset();
	killed_by(SIGXFSZ);
	assert_int_equal(ending(&e), CJ_END_SIGNALED);
	assert_false(e.maybe_fsize);
	plan.limits.fsize = 1 << 20;
	assert_int_equal(ending(&e), CJ_END_SIGNALED);
	assert_true(e.maybe_fsize);
}

static void test_exit_codes_and_limits(void **state)
{
	struct cj_ending e;

	(void)state;
	reset();
	res.have_status = true;
	res.wait_status = 159 << 8; /* exit(159): not a kill */
	assert_int_equal(ending(&e), CJ_END_EXITED);
	assert_int_equal(e.status, 159);
	killed_by(SIGKILL);
	assert_int_equal(ending(&e), CJ_END_SIGNALED);
	res.limit_hit = CJ_HIT_MEMORY;
	assert_int_equal(ending(&e), CJ_END_MEMORY_LIMIT);
	res.limit_hit = CJ_HIT_PIDS;
	res.wait_status = 1 << 8;
	assert_int_equal(ending(&e), CJ_END_PIDS_LIMIT);
	res.wait_status = 0;
	assert_int_equal(ending(&e), CJ_END_EXITED);
	res.time_limit = true;
	assert_int_equal(ending(&e), CJ_END_TIME_LIMIT);
	assert_int_equal(e.status, CJ_EX_TIMEOUT);
	reset();
	assert_int_equal(ending(&e), CJ_END_NO_STATUS);
	res.setup_failed = true;
	res.setup_code = CJ_EX_NOTFOUND;
	assert_int_equal(ending(&e), CJ_END_SETUP_FAILED);
	assert_int_equal(e.status, CJ_EX_NOTFOUND);
}

static void test_status_json(void **state)
{
	char buf[4096];

	(void)state;
	reset();
	killed_by(SIGXCPU);
	res.prog_cpu_ms = 7;
	res.duration_ms = 12;
	assert_int_equal(cj_status_json(&plan, &res, buf, sizeof(buf)), 0);
	assert_string_equal(
	    buf, "{\"version\":1,\"ending\":\"signaled\",\"exit_status\":152,"
		 "\"program\":{\"signal\":24,\"signal_name\":\"SIGXCPU\","
		 "\"self_raised\":true},\"limits_hit\":[],"
		 "\"duration_ms\":12,\"peak_memory_bytes\":null,"
		 "\"cpu_ms\":7}\n");
	/* --share-net: the broker's bind and listen records are listed */
	plan.new_netns = false;
	assert_int_equal(cj_status_json(&plan, &res, buf, sizeof(buf)), 0);
	assert_non_null(
	    strstr(buf, "\"broker\":[],\"broker_unlisted_actions\":0}"));
	plan.new_netns = true;
	assert_int_equal(
	    cj_status_json_error(66, "no \x1b root", buf, sizeof(buf)), 0);
	assert_string_equal(buf, "{\"version\":1,\"ending\":\"error\","
				 "\"exit_status\":66,\"message\":"
				 "\"no \\u001b root\"}\n");
	assert_int_equal(cj_status_json(&plan, &res, buf, 16), -1);
}

/* --audit: the report and the status object list what was let through. */
static void test_audit(void **state)
{
	struct cj_report rep;
	char buf[8192];
	bool seen = false;

	(void)state;
	reset();
	plan.audit = true;
	res.have_status = true;
	res.wait_status = 0; /* exited 0 */
	res.naudit = 2;
	res.audit[0] =
	    (struct cj_audit_entry){ .nr = 161, .count = 3, .pid_jail = 2 };
	snprintf(res.audit[0].comm, sizeof(res.audit[0].comm), "x\x1by");
	res.audit[1] =
	    (struct cj_audit_entry){ .nr = 166, .count = 1, .pid_jail = 3 };
	assert_int_equal(cj_result_describe(&plan, &res, &rep), 0);
	for (size_t i = 0; i < rep.nlines; i++) {
		/* the program names itself: its bytes are escaped */
		assert_null(strchr(rep.lines[i].text, '\x1b'));
		if (strstr(rep.lines[i].text,
			   "audit: chroot (161) x3, first by 'x\\x1by' "
			   "(pid 2): "))
			seen = true;
	}
	assert_true(seen);
	assert_string_equal(rep.lines[1].text,
			    "audit: 2 syscalls the policy blocks, allowed by "
			    "--audit:");
	assert_int_equal(cj_status_json(&plan, &res, buf, sizeof(buf)), 0);
	assert_non_null(strstr(buf, "\"audit\":[{\"name\":\"chroot\","
				    "\"number\":161,\"count\":3,"));
	assert_non_null(strstr(buf, "{\"name\":\"umount2\",\"number\":166,"
				    "\"count\":1,"));
	assert_non_null(strstr(buf, "\"audit_unlisted_calls\":0}"));
	/* without --audit: no audit key, whatever the result holds */
	plan.audit = false;
	assert_int_equal(cj_status_json(&plan, &res, buf, sizeof(buf)), 0);
	assert_null(strstr(buf, "audit"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json_escape),
		cmocka_unit_test(test_text_escape),
		cmocka_unit_test(test_json_writer),
		cmocka_unit_test(test_self_raised_sigxcpu),
		cmocka_unit_test(test_sigsys_without_notification),
		cmocka_unit_test(test_sigxfsz_never_claimed),
		cmocka_unit_test(test_exit_codes_and_limits),
		cmocka_unit_test(test_status_json),
		cmocka_unit_test(test_audit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
