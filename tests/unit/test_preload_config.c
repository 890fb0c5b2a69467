/* SPDX-License-Identifier: MIT */
/*
 * The preload library's environment (core/preload/config.c): every bad
 * value is an error naming the variable, every good one the policy it
 * says, checked through the one evaluator (the compiled filter).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "exit.h"
#include "verdict.h"

static const struct cj_verdict allow = { CJ_ACT_ALLOW, 0 };
static const struct cj_verdict killed = { CJ_ACT_KILL, 0 };

/* Build ENV's policy into P; the status, with the error in E. */
static int build(const struct cj_preload_env *env, struct cj_policy *p,
		 enum cj_preload_why **why, struct cj_err *e)
{
	size_t n;

	cj_table(&n);
	*why = calloc(n, sizeof(**why));
	assert_non_null(*why);
	memset(e, 0, sizeof(*e));
	return cj_preload_policy(env, p, *why, NULL, NULL, NULL, e);
}

static void expect_error(const struct cj_preload_env *env, const char *text)
{
	enum cj_preload_why *why;
	struct cj_policy p;
	struct cj_err e;

	assert_int_equal(build(env, &p, &why, &e), CJ_EX_USAGE);
	if (!strstr(e.msg, text))
		fail_msg("'%s' does not say '%s'", e.msg, text);
	free(why);
}

static void bad_values(void **state)
{
	(void)state;
	expect_error(&(struct cj_preload_env){ 0 }, "nothing to enforce");
	expect_error(&(struct cj_preload_env){ .allow = "" },
		     "SECCOMP_SYSCALL_ALLOW='': the list is empty");
	expect_error(&(struct cj_preload_env){ .deny = "" },
		     "SECCOMP_SYSCALL_DENY='': the list is empty");
	expect_error(&(struct cj_preload_env){ .allow = "read::write" },
		     "an element of the list is empty");
	expect_error(&(struct cj_preload_env){ .allow = "read:" },
		     "an element of the list is empty");
	expect_error(&(struct cj_preload_env){ .allow = ":read" },
		     "an element of the list is empty");
	expect_error(&(struct cj_preload_env){ .deny = "uname:frobnicate" },
		     "SECCOMP_SYSCALL_DENY: unknown syscall 'frobnicate'");
	expect_error(&(struct cj_preload_env){ .allow = "read,write" },
		     "unknown syscall 'read,write'");
	expect_error(
	    &(struct cj_preload_env){
		.allow =
		    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
		    "xxxxxxxxxxxxxxxxx" },
	    "too long");
	expect_error(
	    &(struct cj_preload_env){ .allow = "read", .deny = "uname" },
	    "cannot be combined");
	expect_error(
	    &(struct cj_preload_env){ .allow = "read", .policy = "default" },
	    "cannot be combined");
	expect_error(&(struct cj_preload_env){ .policy = "strict" },
		     "CAPEJAIL_POLICY='strict': unknown policy");
	expect_error(&(struct cj_preload_env){ .profile = "" },
		     "CAPEJAIL_PROFILE='': the path is empty");
	expect_error(
	    &(struct cj_preload_env){ .deny = "uname", .verbose = "yes" },
	    "CAPEJAIL_VERBOSE='yes': not 0 or 1");
}

static void allow_list(void **state)
{
	const struct cj_preload_env env = {
		.allow = "exit_group:newfstatat:uname:write"
	};
	enum cj_preload_why *why;
	struct cj_policy p;
	struct cj_err e;

	(void)state;
	assert_int_equal(build(&env, &p, &why, &e), 0);
	assert_true(cj_verdict_same(call_verdict(&p, "uname", 0, 0, 0), allow));
	assert_true(cj_verdict_same(call_verdict(&p, "write", 1, 0, 0), allow));
	assert_true(cj_verdict_same(call_verdict(&p, "read", 0, 0, 0), killed));
	assert_true(
	    cj_verdict_same(call_verdict(&p, "execve", 0, 0, 0), killed));
	assert_int_equal(why[cj_table_index("read")], CJ_WHY_NOT_ALLOWED);
	assert_int_equal(why[cj_table_index("uname")], CJ_WHY_NONE);
	/* rt_sigaction was not listed: blocked, no guard needed. */
	assert_true(cj_verdict_same(
	    call_verdict(&p, "rt_sigaction", SIGINT, 0, 0), killed));
	cj_policy_free(&p);
	free(why);
}

static void deny_list(void **state)
{
	const struct cj_preload_env env = { .deny = "uname:execve" };
	enum cj_preload_why *why;
	struct cj_policy p;
	struct cj_err e;

	(void)state;
	assert_int_equal(build(&env, &p, &why, &e), 0);
	assert_true(
	    cj_verdict_same(call_verdict(&p, "uname", 0, 0, 0), killed));
	assert_true(
	    cj_verdict_same(call_verdict(&p, "execve", 0, 0, 0), killed));
	/* On allow-all, even what capejail's default blocks. */
	assert_true(
	    cj_verdict_same(call_verdict(&p, "chroot", 0, 0, 0), allow));
	assert_int_equal(why[cj_table_index("uname")], CJ_WHY_DENIED);
	cj_policy_free(&p);
	free(why);
}

static void deny_on_default(void **state)
{
	const struct cj_preload_env env = { .deny = "uname",
					    .policy = "default" };
	enum cj_preload_why *why;
	struct cj_policy p;
	struct cj_err e;

	(void)state;
	assert_int_equal(build(&env, &p, &why, &e), 0);
	assert_true(
	    cj_verdict_same(call_verdict(&p, "uname", 0, 0, 0), killed));
	assert_true(
	    cj_verdict_same(call_verdict(&p, "chroot", 0, 0, 0), killed));
	assert_true(cj_verdict_same(call_verdict(&p, "read", 0, 0, 0), allow));
	cj_policy_free(&p);
	free(why);
}

/* Installing a SIGSYS handler fails; querying it and other signals work. */
static void sigsys_guard(void **state)
{
	const struct cj_verdict eperm = { CJ_ACT_ERRNO, EPERM };
	const struct cj_preload_env envs[] = {
		{ .deny = "uname" },
		{ .policy = "default" },
		{ .allow = "rt_sigaction:exit_group" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(envs) / sizeof(envs[0]); i++) {
		enum cj_preload_why *why;
		struct cj_policy p;
		struct cj_err e;

		assert_int_equal(build(&envs[i], &p, &why, &e), 0);
		assert_true(cj_verdict_same(
		    call_verdict(&p, "rt_sigaction", SIGSYS, 0x1000, 0),
		    eperm));
		assert_true(cj_verdict_same(
		    call_verdict(&p, "rt_sigaction", SIGSYS, 0, 0x1000),
		    allow));
		assert_true(cj_verdict_same(
		    call_verdict(&p, "rt_sigaction", SIGINT, 0x1000, 0),
		    allow));
		cj_policy_free(&p);
		free(why);
	}
}

static void profile_missing(void **state)
{
	const struct cj_preload_env env = {
		.profile = "/nonexistent/capejail.profile"
	};
	enum cj_preload_why *why;
	struct cj_policy p;
	struct cj_err e;

	(void)state;
	assert_int_equal(build(&env, &p, &why, &e), CJ_EX_PROFILE);
	assert_non_null(strstr(e.msg, "/nonexistent/capejail.profile"));
	free(why);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bad_values),
		cmocka_unit_test(allow_list),
		cmocka_unit_test(deny_list),
		cmocka_unit_test(deny_on_default),
		cmocka_unit_test(sigsys_guard),
		cmocka_unit_test(profile_missing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
