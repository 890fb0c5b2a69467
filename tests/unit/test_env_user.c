/* SPDX-License-Identifier: MIT */
/* Environment building and user lookup. Pure, no root. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <string.h>

#include "capejail.h"

#define PASSWD "tests/fixtures/passwd"

static const char *get(char **env, const char *key)
{
	size_t n = strlen(key);

	for (char **p = env; *p; p++)
		if (strncmp(*p, key, n) == 0 && (*p)[n] == '=')
			return *p + n + 1;
	return NULL;
}

static size_t count(char **env)
{
	size_t n = 0;

	while (env[n])
		n++;
	return n;
}

static void test_env_default(void **state)
{
	struct cj_user u = { .uid = 1000,
			     .gid = 1000,
			     .name = "jailuser",
			     .home = "/home/jailuser",
			     .shell = "/bin/bash" };
	char **env = cj_env_build(&u, "xterm", NULL, 0);

	(void)state;
	assert_non_null(env);
	assert_int_equal(count(env), 6);
	assert_string_equal(get(env, "HOME"), "/home/jailuser");
	assert_string_equal(get(env, "USER"), "jailuser");
	assert_string_equal(get(env, "LOGNAME"), "jailuser");
	assert_string_equal(get(env, "SHELL"), "/bin/bash");
	assert_string_equal(get(env, "TERM"), "xterm");
	assert_non_null(strstr(get(env, "PATH"), "/usr/bin"));
	cj_env_free(env);
}

static void test_env_extra_overrides(void **state)
{
	struct cj_user u = { .name = "x" };
	const char *extra[] = { "FOO=bar", "HOME=/x", "FOO=baz", "E=" };
	char **env = cj_env_build(&u, NULL, extra, 4);

	(void)state;
	assert_non_null(env);
	assert_null(get(env, "TERM"));
	assert_string_equal(get(env, "HOME"), "/x");
	assert_string_equal(get(env, "FOO"), "baz");
	assert_string_equal(get(env, "E"), "");
	assert_string_equal(get(env, "SHELL"), "/bin/sh");
	assert_int_equal(count(env), 7);
	cj_env_free(env);
}

static void test_env_entry_valid(void **state)
{
	(void)state;
	assert_true(cj_env_entry_valid("A=1"));
	assert_true(cj_env_entry_valid("_a9=x=y"));
	assert_false(cj_env_entry_valid("A"));
	assert_false(cj_env_entry_valid("=1"));
	assert_false(cj_env_entry_valid("9A=1"));
	assert_false(cj_env_entry_valid("A B=1"));
}

static void test_user_by_name(void **state)
{
	struct cj_user u;

	(void)state;
	assert_int_equal(cj_user_lookup_file("jailuser", PASSWD, &u), 0);
	assert_int_equal(u.uid, 1000);
	assert_int_equal(u.gid, 1000);
	assert_string_equal(u.home, "/home/jailuser");
	assert_string_equal(u.shell, "/bin/bash");
	assert_int_equal(cj_user_lookup_file("noshell", PASSWD, &u), 0);
	assert_int_equal(u.gid, 1002);
	assert_string_equal(u.shell, "/bin/sh");
}

static void test_user_by_uid(void **state)
{
	struct cj_user u;

	(void)state;
	assert_int_equal(cj_user_lookup_file("65534", PASSWD, &u), 0);
	assert_string_equal(u.name, "nobody");
	/* A bare uid without an entry: gid == uid. */
	assert_int_equal(cj_user_lookup_file("4242", PASSWD, &u), 0);
	assert_int_equal(u.uid, 4242);
	assert_int_equal(u.gid, 4242);
	assert_string_equal(u.home, "/");
}

static void test_user_errors(void **state)
{
	struct cj_user u;

	(void)state;
	assert_int_equal(cj_user_lookup_file("nosuchuser", PASSWD, &u),
			 -ENOENT);
	assert_int_equal(cj_user_lookup_file("jailuser", "/nonexistent", &u),
			 -ENOENT);
	assert_int_equal(cj_user_lookup_file("", PASSWD, &u), -EINVAL);
	assert_int_equal(cj_user_lookup_file("4294967295", PASSWD, &u),
			 -EINVAL);
	assert_int_equal(
	    cj_user_lookup_file("99999999999999999999", PASSWD, &u), -EINVAL);
}

/* -d's check: the search bit the kernel would look at, nothing else. */
static void test_user_may_enter(void **state)
{
	struct cj_user u = { .uid = 1000, .gid = 1000 };
	struct cj_user root = { .uid = 0, .gid = 0 };

	(void)state;
	assert_true(cj_user_may_enter(&u, 0700, 1000, 0));
	assert_false(cj_user_may_enter(&u, 0077, 1000, 1000));
	assert_true(cj_user_may_enter(&u, 0710, 0, 1000));
	assert_false(cj_user_may_enter(&u, 0701, 0, 1000));
	assert_true(cj_user_may_enter(&u, 0701, 0, 0));
	assert_false(cj_user_may_enter(&u, 0770, 0, 0));
	/* The jail's uid 0 has no capabilities: no override. */
	assert_false(cj_user_may_enter(&root, 0750, 1000, 1000));
	assert_true(cj_user_may_enter(&root, 0700, 0, 0));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_env_default),
		cmocka_unit_test(test_env_extra_overrides),
		cmocka_unit_test(test_env_entry_valid),
		cmocka_unit_test(test_user_by_name),
		cmocka_unit_test(test_user_by_uid),
		cmocka_unit_test(test_user_errors),
		cmocka_unit_test(test_user_may_enter),
	};

	return cmocka_run_group_tests_name("env_user", tests, NULL, NULL);
}
