/* SPDX-License-Identifier: MIT */
/* Option parsing: every flag, combinations, errors. Pure, no root. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <string.h>

#include "capejail.h"

static struct cj_opts o;
static char err[512];

/* Parse a NULL-terminated list of words. */
static int parse(const char *first, ...)
{
	static char *argv[64];
	int argc = 0;
	va_list ap;

	argv[argc++] = (char *)"capejail";
	va_start(ap, first);
	for (const char *w = first; w; w = va_arg(ap, const char *))
		argv[argc++] = (char *)w;
	va_end(ap);
	argv[argc] = NULL;
	return cj_opts_parse(&o, argc, argv, err, sizeof(err));
}

static void test_short_flags(void **state)
{
	(void)state;
	assert_int_equal(parse("-r", "/root", "-u", "jailuser", "-d", "/tmp",
			       "-e", "A=1", "-e", "B=2", "-n", "-I", "-q", "--",
			       "prog", "arg", NULL),
			 0);
	assert_string_equal(o.root, "/root");
	assert_string_equal(o.user, "jailuser");
	assert_string_equal(o.dir, "/tmp");
	assert_int_equal(o.nenv, 2);
	assert_string_equal(o.env[1], "B=2");
	assert_true(o.no_network);
	assert_true(o.insecure);
	assert_true(o.quiet);
	assert_int_equal(o.argc, 2);
	assert_string_equal(o.argv[0], "prog");
	assert_string_equal(o.argv[1], "arg");
}

static void test_long_flags(void **state)
{
	(void)state;
	assert_int_equal(parse("--root", "/r", "--user", "7", "--dir", "/d",
			       "--env", "K=V", "--no-network", "--insecure",
			       "--verbose", "--hostname", "box", "--", "p",
			       NULL),
			 0);
	assert_string_equal(o.root, "/r");
	assert_string_equal(o.user, "7");
	assert_string_equal(o.dir, "/d");
	assert_string_equal(o.env[0], "K=V");
	assert_true(o.no_network && o.insecure && o.verbose);
	assert_string_equal(o.hostname, "box");
}

static void test_defaults(void **state)
{
	(void)state;
	assert_int_equal(parse("prog", NULL), 0);
	assert_null(o.root);
	assert_null(o.user);
	assert_null(o.dir);
	assert_false(o.no_network || o.insecure || o.quiet);
	assert_int_equal(o.limits.pids, CJ_LIMIT_DEFAULT);
	assert_int_equal(o.limits.memory, CJ_LIMIT_DEFAULT);
}

static void test_program_options_not_ours(void **state)
{
	(void)state;
	/* Everything after the program belongs to it, even without --. */
	assert_int_equal(parse("-n", "bash", "-c", "-r", NULL), 0);
	assert_int_equal(o.argc, 3);
	assert_string_equal(o.argv[2], "-r");
	assert_null(o.root);
}

static void test_help_version(void **state)
{
	(void)state;
	assert_int_equal(parse("-h", NULL), 0);
	assert_true(o.help);
	assert_int_equal(parse("--version", NULL), 0);
	assert_true(o.version);
	assert_non_null(strstr(cj_usage, "--no-network"));
}

static void test_errors(void **state)
{
	(void)state;
	assert_int_equal(parse(NULL), CJ_EX_USAGE);
	assert_non_null(strstr(err, "no program"));
	assert_int_equal(parse("--", NULL), CJ_EX_USAGE);
	assert_int_equal(parse("-x", "p", NULL), CJ_EX_USAGE);
	assert_non_null(strstr(err, "-x"));
	assert_int_equal(parse("--bogus", "p", NULL), CJ_EX_USAGE);
	assert_non_null(strstr(err, "--bogus"));
	assert_int_equal(parse("-r", NULL), CJ_EX_USAGE);
	assert_non_null(strstr(err, "argument"));
	assert_int_equal(parse("-e", "NOEQUALS", "p", NULL), CJ_EX_USAGE);
	assert_int_equal(parse("-e", "=x", "p", NULL), CJ_EX_USAGE);
	assert_int_equal(parse("-e", "1A=x", "p", NULL), CJ_EX_USAGE);
	assert_int_equal(parse("-e", "A-B=x", "p", NULL), CJ_EX_USAGE);
	assert_int_equal(parse("-d", "relative", "p", NULL), CJ_EX_USAGE);
	assert_int_equal(parse("-r", "", "p", NULL), CJ_EX_USAGE);
	assert_int_equal(parse("-u", "", "p", NULL), CJ_EX_USAGE);
	assert_int_equal(parse("-q", "-v", "p", NULL), CJ_EX_USAGE);
	assert_int_equal(parse("--allow", "", "p", NULL), CJ_EX_USAGE);
	assert_int_equal(parse("", NULL), CJ_EX_USAGE);
}

static void test_edits_in_order(void **state)
{
	(void)state;
	assert_int_equal(parse("--allow", "a,b", "--profile", "f", "--deny",
			       "c", "--seccomp-profile", "j.json", "p", NULL),
			 0);
	assert_int_equal(o.nedits, 4);
	assert_int_equal(o.edits[0].kind, CJ_EDIT_ALLOW);
	assert_string_equal(o.edits[0].arg, "a,b");
	assert_int_equal(o.edits[1].kind, CJ_EDIT_PROFILE);
	assert_int_equal(o.edits[2].kind, CJ_EDIT_DENY);
	assert_int_equal(o.edits[3].kind, CJ_EDIT_OCI);
}

static void test_status_fd(void **state)
{
	(void)state;
	assert_int_equal(parse("prog", NULL), 0);
	assert_int_equal(o.status_fd, -1);
	assert_null(o.status_file);
	assert_int_equal(parse("--status-fd", "3", "--", "prog", NULL), 0);
	assert_int_equal(o.status_fd, 3);
	assert_int_equal(parse("--status-file", "/run/s.json", "prog", NULL),
			 0);
	assert_string_equal(o.status_file, "/run/s.json");
	/* 0, 1 and 2 are the program's too: refused. */
	assert_int_equal(parse("--status-fd", "2", "prog", NULL), CJ_EX_USAGE);
	assert_non_null(strstr(err, "3 or more"));
	assert_int_equal(parse("--status-fd", "3x", "prog", NULL), CJ_EX_USAGE);
	assert_int_equal(parse("--status-fd", "", "prog", NULL), CJ_EX_USAGE);
	assert_int_equal(parse("--status-fd", "99999999999", "prog", NULL),
			 CJ_EX_USAGE);
	assert_int_equal(parse("--status-file", "", "prog", NULL), CJ_EX_USAGE);
	assert_false(o.pty);
	assert_int_equal(parse("--pty", "prog", NULL), 0);
	assert_true(o.pty);
	assert_int_equal(
	    parse("--status-fd", "3", "--status-file", "f", "prog", NULL),
	    CJ_EX_USAGE);
}

static void test_limits(void **state)
{
	(void)state;
	assert_int_equal(parse("--time-limit", "10s", "--memory", "512M",
			       "--pids", "64", "--cpu-time", "5s",
			       "--file-size", "100M", "--nofile", "256",
			       "--tmp-size", "1G", "p", NULL),
			 0);
	assert_int_equal(o.limits.time_ms, 10000);
	assert_int_equal(o.limits.memory, 512LL << 20);
	assert_int_equal(o.limits.pids, 64);
	assert_int_equal(o.limits.cpu_s, 5);
	assert_int_equal(o.limits.fsize, 100LL << 20);
	assert_int_equal(o.limits.nofile, 256);
	assert_int_equal(o.limits.tmp_size, 1LL << 30);
	assert_int_equal(
	    parse("--pids", "unlimited", "--memory", "none", "p", NULL), 0);
	assert_int_equal(o.limits.pids, CJ_LIMIT_NONE);
	assert_int_equal(o.limits.memory, CJ_LIMIT_NONE);
	/* CPU time rounds up to whole seconds. */
	assert_int_equal(parse("--cpu-time", "1500ms", "p", NULL), 0);
	assert_int_equal(o.limits.cpu_s, 2);
	assert_int_equal(parse("--pids", "64K", "p", NULL), CJ_EX_USAGE);
	assert_int_equal(parse("--pids", "0", "p", NULL), CJ_EX_USAGE);
	/* Minimums that keep a limit meaningful, each with its reason. */
	assert_int_equal(parse("--pids", "1", "p", NULL), CJ_EX_USAGE);
	assert_non_null(strstr(err, "init"));
	assert_int_equal(parse("--pids", "2", "p", NULL), 0);
	assert_int_equal(parse("--nofile", "15", "p", NULL), CJ_EX_USAGE);
	assert_int_equal(parse("--nofile", "16", "p", NULL), 0);
	assert_int_equal(parse("--tmp-size", "0", "p", NULL), CJ_EX_USAGE);
	assert_non_null(strstr(err, "tmpfs"));
	assert_int_equal(parse("--time-limit", "0", "p", NULL), CJ_EX_USAGE);
	assert_int_equal(parse("--cpu-time", "0ms", "p", NULL), CJ_EX_USAGE);
	assert_int_equal(parse("--cpu-time", "1ms", "p", NULL), 0);
	assert_int_equal(o.limits.cpu_s, 1);
	assert_int_equal(parse("--memory", "0", "p", NULL), 0);
	assert_int_equal(parse("--memory", "12Q", "p", NULL), CJ_EX_USAGE);
	assert_int_equal(parse("--time-limit", "-1s", "p", NULL), CJ_EX_USAGE);
	assert_int_equal(parse("--memory", "99999999999999999999", "p", NULL),
			 CJ_EX_USAGE);
	assert_non_null(strstr(err, "too large"));
	assert_int_equal(parse("--memory", "9000000000T", "p", NULL),
			 CJ_EX_USAGE);
}

/* The network options: -n is kept and changes nothing; --allow-bind. */
static void test_network(void **state)
{
	(void)state;
	assert_int_equal(parse("-n", "p", NULL), 0);
	assert_false(o.share_net);
	assert_int_equal(parse("--share-net", "p", NULL), 0);
	assert_true(o.share_net);
	assert_int_equal(o.nbind, 0);
	assert_int_equal(parse("--share-net", "--allow-bind", "8080",
			       "--allow-bind", "53", "--allow-bind", "8080",
			       "p", NULL),
			 0);
	assert_int_equal(o.nbind, 2);
	assert_int_equal(o.allow_bind[0], 8080);
	assert_int_equal(o.allow_bind[1], 53);
	assert_int_equal(parse("--allow-bind", "8080", "p", NULL), CJ_EX_USAGE);
	assert_non_null(strstr(err, "needs --share-net"));
	assert_int_equal(parse("--share-net", "--allow-bind", "0", "p", NULL),
			 CJ_EX_USAGE);
	assert_non_null(strstr(err, "1 to 65535"));
	assert_int_equal(
	    parse("--share-net", "--allow-bind", "65536", "p", NULL),
	    CJ_EX_USAGE);
	assert_int_equal(
	    parse("--share-net", "--allow-bind", "99999999999999", "p", NULL),
	    CJ_EX_USAGE);
	assert_int_equal(parse("--share-net", "--allow-bind", "80x", "p", NULL),
			 CJ_EX_USAGE);
	assert_int_equal(parse("--share-net", "--allow-bind", "", "p", NULL),
			 CJ_EX_USAGE);
	assert_int_equal(
	    parse("--share-net", "--allow-bind", "65535", "p", NULL), 0);
}

static void test_sizes_and_durations(void **state)
{
	int64_t v;

	(void)state;
	assert_int_equal(cj_parse_size("4096", &v), 0);
	assert_int_equal(v, 4096);
	assert_int_equal(cj_parse_size("64K", &v), 0);
	assert_int_equal(v, 65536);
	assert_int_equal(cj_parse_size("1G", &v), 0);
	assert_int_equal(v, 1LL << 30);
	assert_int_equal(cj_parse_size("1.5G", &v), -EINVAL);
	assert_int_equal(cj_parse_size("", &v), -EINVAL);
	assert_int_equal(cj_parse_size("M", &v), -EINVAL);
	assert_int_equal(cj_parse_duration_ms("500ms", &v), 0);
	assert_int_equal(v, 500);
	assert_int_equal(cj_parse_duration_ms("2m", &v), 0);
	assert_int_equal(v, 120000);
	assert_int_equal(cj_parse_duration_ms("1h", &v), 0);
	assert_int_equal(v, 3600000);
	assert_int_equal(cj_parse_duration_ms("7", &v), 0);
	assert_int_equal(v, 7000);
	assert_int_equal(cj_parse_duration_ms("10x", &v), -EINVAL);
	assert_int_equal(cj_parse_duration_ms("9223372036854775807s", &v),
			 -ERANGE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_short_flags),
		cmocka_unit_test(test_long_flags),
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_program_options_not_ours),
		cmocka_unit_test(test_help_version),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_edits_in_order),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_status_fd),
		cmocka_unit_test(test_sizes_and_durations),
		cmocka_unit_test(test_network),
	};

	return cmocka_run_group_tests_name("cli", tests, NULL, NULL);
}
