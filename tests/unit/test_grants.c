/* SPDX-License-Identifier: MIT */
/*
 * --grant-read and --grant-write, their pure half (grant_rules.c): what a
 * grant may be, which grant a path a program names falls under (and the
 * rest the kernel resolves beneath it), which flags a grant allows, and
 * the broker's address text. No root.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <string.h>

#include "capejail.h"

static void test_parse(void **state)
{
	static const char *const bad[] = {
		"data",	    "/",	  "/data/",  "/data//x", "/data/./x",
		"/data/..", "/data/../x", "/data/.", "",
	};
	struct cj_grant g;
	char err[256];

	(void)state;
	assert_int_equal(
	    cj_grant_parse("/srv/data", false, &g, err, sizeof(err)), 0);
	assert_string_equal(g.path, "/srv/data");
	assert_false(g.write);
	assert_int_equal(
	    cj_grant_parse("/srv/out.log", true, &g, err, sizeof(err)), 0);
	assert_true(g.write);
	/* names that merely start with dots are names */
	assert_int_equal(
	    cj_grant_parse("/srv/..data/.x", false, &g, err, sizeof(err)), 0);
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		err[0] = '\0';
		if (cj_grant_parse(bad[i], false, &g, err, sizeof(err)) !=
		    CJ_EX_USAGE)
			fail_msg("accepted '%s'", bad[i]);
		assert_non_null(strstr(err, "--grant-read"));
	}
}

static struct cj_grant grants[3];

static int setup(void **state)
{
	char err[256];

	(void)state;
	return cj_grant_parse("/srv/data", false, &grants[0], err,
			      sizeof(err)) ||
	       cj_grant_parse("/srv/data/out", true, &grants[1], err,
			      sizeof(err)) ||
	       cj_grant_parse("/etc/app.conf", false, &grants[2], err,
			      sizeof(err));
}

static void match(const char *path, int want, const char *want_rest)
{
	char rest[4096] = "unset";
	int got = cj_grant_match(grants, 3, path, rest, sizeof(rest));

	if (got != want)
		fail_msg("%s: grant %d, expected %d", path, got, want);
	if (want >= 0 && strcmp(rest, want_rest) != 0)
		fail_msg("%s: rest '%s', expected '%s'", path, rest, want_rest);
}

static void test_match(void **state)
{
	(void)state;
	match("/srv/data", 0, "");
	match("/srv/data/a.csv", 0, "a.csv");
	match("/srv/data/sub/b", 0, "sub/b");
	match("/srv//data/./sub//b/", 0, "sub/b");
	match("/srv/data/.", 0, "");
	match("/srv/data/../secret", 0, "../secret"); /* RESOLVE_BENEATH */
	match("/srv/data/out/log", 1, "log");	      /* the longest */
	match("/srv/data/outside", 0, "outside");
	match("/etc/app.conf", 2, "");
	match("/etc/app.conf/x", 2, "x"); /* a file grant refuses it later */
	match("/srv/dat", -1, NULL);
	match("/srv/database", -1, NULL);
	match("/etc/app.conf.bak", -1, NULL);
	match("srv/data/a", -1, NULL); /* relative: the jail's own */
	match("data/a", -1, NULL);
	match("/", -1, NULL);
	match("/proc/self/root/srv/data/a", -1, NULL);
}

static void test_match_lengths(void **state)
{
	char rest[8], path[6000];

	(void)state;
	assert_int_equal(cj_grant_match(grants, 3, "/srv/data/0123456789", rest,
					sizeof(rest)),
			 -ENAMETOOLONG);
	memset(path, 'a', sizeof(path));
	memcpy(path, "/srv/data/", 10);
	path[sizeof(path) - 1] = '\0';
	assert_int_equal(cj_grant_match(grants, 3, path, rest, sizeof(rest)),
			 -ENAMETOOLONG);
}

static void test_flags(void **state)
{
	(void)state;
	assert_int_equal(cj_grant_flags_verdict(false, O_RDONLY), 0);
	assert_int_equal(cj_grant_flags_verdict(false, O_RDONLY | O_CLOEXEC |
							   O_NONBLOCK |
							   O_NOFOLLOW),
			 0);
	assert_int_equal(cj_grant_flags_verdict(false, O_WRONLY), -EACCES);
	assert_int_equal(cj_grant_flags_verdict(false, O_RDWR), -EACCES);
	assert_int_equal(cj_grant_flags_verdict(false, O_RDONLY | O_TRUNC),
			 -EACCES);
	assert_int_equal(cj_grant_flags_verdict(false, O_RDONLY | O_CREAT),
			 -EACCES);
	assert_int_equal(cj_grant_flags_verdict(false, O_RDONLY | O_APPEND),
			 -EACCES);
	assert_int_equal(
	    cj_grant_flags_verdict(true, O_RDWR | O_CREAT | O_TRUNC), 0);
	assert_int_equal(cj_grant_flags_verdict(true, O_WRONLY | O_APPEND), 0);
	/* never a host directory, nor a descriptor of no open file */
	for (int w = 0; w < 2; w++) {
		assert_int_equal(cj_grant_flags_verdict(w, O_PATH), -ENOENT);
		assert_int_equal(cj_grant_flags_verdict(w, O_DIRECTORY),
				 -ENOENT);
		assert_int_equal(cj_grant_flags_verdict(w, O_TMPFILE | O_RDWR),
				 -ENOENT);
	}
}

static void test_connect_text(void **state)
{
	struct sockaddr_storage ss = { 0 };
	struct sockaddr_in *in = (struct sockaddr_in *)&ss;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&ss;
	char buf[64];

	(void)state;
	in->sin_family = AF_INET;
	in->sin_port = htons(8080);
	in->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_string_equal(cj_connect_text(&ss, sizeof(*in), buf, sizeof(buf)),
			    "127.0.0.1:8080");
	memset(&ss, 0, sizeof(ss));
	in6->sin6_family = AF_INET6;
	in6->sin6_port = htons(443);
	in6->sin6_addr = in6addr_loopback;
	assert_string_equal(
	    cj_connect_text(&ss, sizeof(*in6), buf, sizeof(buf)), "[::1]:443");
	/* too short for its family: said, not read past */
	assert_string_equal(cj_connect_text(&ss, 4, buf, sizeof(buf)),
			    "family 10");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_match),
		cmocka_unit_test(test_match_lengths),
		cmocka_unit_test(test_flags),
		cmocka_unit_test(test_connect_text),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
