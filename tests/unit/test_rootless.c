/* SPDX-License-Identifier: MIT */
/*
 * Rootless mode's pure part: which host setting refused a user namespace,
 * named in the error with what to do, and capejail's own exit status.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "exit.h"
#include "rootless.h"

static const struct cj_userns_knobs open_host = { 15000, -1, -1 };

static void expect(const char *what, int err, struct cj_userns_knobs k,
		   const char *in_msg, const char *in_hint)
{
	struct cj_err e;

	assert_int_equal(cj_userns_refusal(what, err, &k, &e), CJ_EX_NOPERM);
	if (!strstr(e.msg, in_msg) || !strstr(e.hint, in_hint))
		fail_msg("msg '%s' hint '%s': expected '%s' and '%s'", e.msg,
			 e.hint, in_msg, in_hint);
	assert_non_null(strstr(e.msg, what));
	assert_non_null(strstr(e.hint, "root"));
}

static void test_switched_off(void **state)
{
	struct cj_userns_knobs k = open_host;

	(void)state;
	k.max_user_namespaces = 0;
	expect("unshare(CLONE_NEWUSER | CLONE_NEWNS)", ENOSPC, k,
	       "user.max_user_namespaces is 0", "sysctl -w");
	/* Not 0: the limit is reached, not switched off. */
	expect("unshare", ENOSPC, open_host, "limit of user namespaces",
	       "end other sandboxes");
}

static void test_debian_knob(void **state)
{
	struct cj_userns_knobs k = open_host;

	(void)state;
	k.unprivileged_clone = 0;
	expect("unshare", EPERM, k, "kernel.unprivileged_userns_clone is 0",
	       "unprivileged_userns_clone=1");
	/* Switched on, it is not the reason. */
	k.unprivileged_clone = 1;
	expect("unshare", EPERM, k, "security policy around capejail",
	       "container");
}

static void test_apparmor(void **state)
{
	struct cj_userns_knobs k = open_host;

	(void)state;
	k.apparmor_restrict = 1;
	/* Ubuntu: the unshare works, writing the map is refused. */
	expect("write /proc/self/uid_map", EACCES, k, "AppArmor restricts",
	       "'userns,' rule");
}

static void test_no_userns(void **state)
{
	(void)state;
	expect("unshare", EINVAL, open_host, "CONFIG_USER_NS", "sudo");
	expect("unshare", ENOMEM, open_host, strerror(ENOMEM), "sudo");
}

static int lookup(const char *text, const char *name, uint32_t id,
		  struct cj_subid_range *r)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	int rc;

	assert_non_null(f);
	rc = cj_subid_lookup(f, name, id, r);
	fclose(f);
	return rc;
}

static void test_subid_lookup(void **state)
{
	const char *etc = "# comment\n"
			  "alice:100000:65536\n"
			  "bob:165536:0\n"
			  "bob:231072:65536\n"
			  "1003:296608:1000\n"
			  "carol:x:1\n";
	struct cj_subid_range r = { 0, 0 };

	(void)state;
	assert_int_equal(lookup(etc, "alice", 1001, &r), 0);
	assert_int_equal(r.start, 100000);
	assert_int_equal(r.count, 65536);
	/* an empty range is skipped: the next of the user's counts */
	assert_int_equal(lookup(etc, "bob", 1002, &r), 0);
	assert_int_equal(r.start, 231072);
	/* by number, for a user whose line names the uid */
	assert_int_equal(lookup(etc, "dave", 1003, &r), 0);
	assert_int_equal(r.start, 296608);
	assert_int_equal(r.count, 1000);
	assert_int_equal(lookup(etc, NULL, 1003, &r), 0);
	assert_int_equal(lookup(etc, "erin", 1004, &r), -ENOENT);
	/* the user's own malformed line is an error, not skipped */
	assert_int_equal(lookup(etc, "carol", 1005, &r), -EINVAL);
	assert_int_equal(lookup("eve:4294967295:2\n", "eve", 9, &r), -EINVAL);
	assert_int_equal(lookup("", "alice", 1001, &r), -ENOENT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_switched_off),
		cmocka_unit_test(test_debian_knob),
		cmocka_unit_test(test_apparmor),
		cmocka_unit_test(test_no_userns),
		cmocka_unit_test(test_subid_lookup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
