/* SPDX-License-Identifier: MIT */
/*
 * discover's command line (tools/discover_opts.c) and the strace command
 * line it builds (tools/discover_run.c): pure, no strace needed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "discover_opts.h"
#include "discover_run.h"

static struct dopts o;
static char err[256];

static int parse(const char *first, ...)
{
	static char *argv[64];
	int argc = 0;
	va_list ap;

	argv[argc++] = (char *)"discover";
	va_start(ap, first);
	for (const char *w = first; w; w = va_arg(ap, const char *))
		argv[argc++] = (char *)w;
	va_end(ap);
	argv[argc] = NULL;
	return dopts_parse(&o, argc, argv, err, sizeof(err));
}

static void test_host_defaults(void **state)
{
	(void)state;
	assert_int_equal(parse("--", "ping", "-c", "1", NULL), 0);
	assert_false(dopts_jail(&o));
	assert_false(o.full);
	assert_false(o.all);
	assert_false(o.json);
	assert_int_equal(o.emit, DOPT_EMIT_NONE);
	assert_string_equal(o.argv[0], "ping");
	assert_string_equal(o.argv[1], "-c");
	assert_null(o.argv[3]);
	/* options after PROG belong to PROG, even without "--" */
	assert_int_equal(parse("ls", "--all", NULL), 0);
	assert_false(o.all);
	assert_string_equal(o.argv[1], "--all");
}

static void test_jail_options(void **state)
{
	(void)state;
	assert_int_equal(parse("-r", "/srv/root", "-u", "jailuser", "-d",
			       "/tmp", "-e", "A=1", "--env", "B=2", "-n", "--",
			       "prog", NULL),
			 0);
	assert_true(dopts_jail(&o));
	assert_string_equal(o.root, "/srv/root");
	assert_string_equal(o.user, "jailuser");
	assert_string_equal(o.dir, "/tmp");
	assert_int_equal(o.nenv, 2);
	assert_string_equal(o.env[1], "B=2");
	assert_true(o.no_network);
	assert_int_equal(parse("--user", "nobody", "--", "prog", NULL), 0);
	assert_true(dopts_jail(&o));
}

static void test_report_options(void **state)
{
	(void)state;
	assert_int_equal(parse("--all", "--", "p", NULL), 0);
	assert_true(o.all);
	assert_true(o.full);
	assert_int_equal(parse("--full", "--json", "--", "p", NULL), 0);
	assert_true(o.full);
	assert_false(o.all);
	assert_true(o.json);
	assert_int_equal(parse("--emit", "allow", "--", "p", NULL), 0);
	assert_int_equal(o.emit, DOPT_EMIT_ALLOW);
	assert_int_equal(
	    parse("--emit=profile", "--log", "/tmp/x", "--", "p", NULL), 0);
	assert_int_equal(o.emit, DOPT_EMIT_PROFILE);
	assert_string_equal(o.log, "/tmp/x");
	assert_int_equal(parse("-h", NULL), 0);
	assert_true(o.help);
}

static void test_errors(void **state)
{
	(void)state;
	assert_int_equal(parse(NULL), CJ_EX_USAGE);
	assert_non_null(strstr(err, "no program"));
	assert_int_equal(parse("--all", "--", NULL), CJ_EX_USAGE);
	assert_int_equal(parse("--emit", "yaml", "--", "p", NULL), CJ_EX_USAGE);
	assert_non_null(strstr(err, "yaml"));
	assert_int_equal(parse("--bogus", "--", "p", NULL), CJ_EX_USAGE);
	assert_non_null(strstr(err, "--bogus"));
	assert_int_equal(parse("-r", NULL), CJ_EX_USAGE);
	assert_non_null(strstr(err, "missing argument"));
	assert_int_equal(parse("-e", "NOEQUALS", "--", "p", NULL), CJ_EX_USAGE);
	assert_int_equal(parse("--json", "--emit", "allow", "--", "p", NULL),
			 CJ_EX_USAGE);
}

static size_t argc_of(char **v)
{
	size_t n = 0;

	while (v[n])
		n++;
	return n;
}

/* Where WORD is in V, or -1. */
static int find(char **v, const char *word)
{
	for (int i = 0; v[i]; i++)
		if (strcmp(v[i], word) == 0)
			return i;
	return -1;
}

static void test_strace_argv_host(void **state)
{
	char *prog[] = { (char *)"ping", (char *)"-c", (char *)"1", NULL };
	struct drun r = { .strace = "/usr/bin/strace",
			  .seccomp_bpf = true,
			  .pidns = true,
			  .trace = "trace=?execve,?capset",
			  .raw = "raw=?socket",
			  .log = "/tmp/x/strace.log",
			  .argv = prog };
	char **v = drun_argv(&r);
	int dd;

	(void)state;
	assert_non_null(v);
	assert_string_equal(v[0], "/usr/bin/strace");
	assert_true(find(v, "-f") > 0);
	assert_string_equal(v[find(v, "-o") + 1], "/tmp/x/strace.log");
	assert_true(find(v, "--seccomp-bpf") > 0);
	assert_true(find(v, "trace=?execve,?capset") > 0);
	assert_true(find(v, "raw=?socket") > 0);
	assert_true(find(v, "--decode-pids=pidns") > 0);
	dd = find(v, "--");
	assert_true(dd > 0);
	assert_string_equal(v[dd + 1], "ping");
	assert_string_equal(v[dd + 3], "1");
	assert_int_equal(argc_of(v), (size_t)dd + 4);
	free(v);

	/* full tracing: no filter, no trace list */
	r.seccomp_bpf = false;
	r.pidns = false;
	v = drun_argv(&r);
	assert_int_equal(find(v, "--seccomp-bpf"), -1);
	assert_int_equal(find(v, "trace=?execve,?capset"), -1);
	assert_int_equal(find(v, "--decode-pids=pidns"), -1);
	free(v);
}

static void test_strace_argv_jail(void **state)
{
	char *prog[] = { (char *)"/bin/sh", (char *)"-c", (char *)"x", NULL };
	const char *env[] = { "A=1", "B=2" };
	struct drun r = { .strace = "strace",
			  .log = "L",
			  .capejail = "/opt/capejail",
			  .root = "/srv/root",
			  .user = "jailuser",
			  .dir = "/tmp",
			  .env = env,
			  .nenv = 2,
			  .no_network = true,
			  .argv = prog };
	char **v = drun_argv(&r);
	int cj;

	(void)state;
	assert_non_null(v);
	cj = find(v, "/opt/capejail");
	assert_true(cj > 0);
	assert_string_equal(v[cj - 1], "--");
	/* the jail as capejail builds it, seccomp off, quiet */
	assert_string_equal(v[cj + 1], "-I");
	assert_string_equal(v[cj + 2], "--quiet");
	assert_string_equal(v[find(v, "-r") + 1], "/srv/root");
	assert_string_equal(v[find(v, "-u") + 1], "jailuser");
	assert_string_equal(v[find(v, "-d") + 1], "/tmp");
	assert_true(find(v, "-n") > cj);
	assert_string_equal(v[find(v, "A=1") - 1], "-e");
	assert_string_equal(v[find(v, "B=2") - 1], "-e");
	assert_string_equal(v[find(v, "/bin/sh") - 1], "--");
	assert_string_equal(v[argc_of(v) - 1], "x");
	free(v);
}

/* Is "?NAME" one of the comma-separated entries after "PREFIX"? */
static bool in_list(const char *list, const char *prefix, const char *name)
{
	size_t plen = strlen(prefix), nlen = strlen(name);
	const char *p;

	assert_true(strncmp(list, prefix, plen) == 0);
	for (p = list + plen; p && *p;
	     p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL)
		if (p[0] == '?' && strncmp(p + 1, name, nlen) == 0 &&
		    (p[nlen + 1] == ',' || p[nlen + 1] == '\0'))
			return true;
	return false;
}

/* The fast path's lists, from the default policy. */
static void test_trace_lists(void **state)
{
	static const char *const tracking[] = {
		"execve", "execveat", "clone", "clone3", "fork", "vfork",
	};
	struct cj_policy p;
	char *trace, *raw;
	size_t n;
	const struct cj_syscall *t = cj_table(&n);

	(void)state;
	assert_int_equal(cj_policy_default(&p), 0);
	assert_int_equal(drun_lists(&p, &trace, &raw), 0);
	for (size_t i = 0; i < n; i++) {
		bool conds = cj_policy_has_conds(&p, (int)i);
		bool want = conds || p.rows[i].action != CJ_ACT_ALLOW;

		for (size_t k = 0; k < sizeof(tracking) / sizeof(*tracking);
		     k++)
			want |= strcmp(t[i].name, tracking[k]) == 0;
		if (want != in_list(trace, "trace=", t[i].name))
			fail_msg("%s: expected %sin the trace list", t[i].name,
				 want ? "" : "not ");
		/* clone stays decoded: its pidns comment carries the pid */
		assert_int_equal(in_list(raw, "raw=", t[i].name),
				 conds && strcmp(t[i].name, "clone") != 0);
	}
	assert_true(in_list(trace, "trace=", "chroot"));
	assert_false(in_list(trace, "trace=", "read"));
	/* no name twice */
	for (size_t i = 0; i < n; i++) {
		char word[80];
		const char *first;

		snprintf(word, sizeof(word), "?%s,", t[i].name);
		first = strstr(trace, word);
		if (first && (first[-1] == ',' || first[-1] == '='))
			for (const char *s = first + 1; (s = strstr(s, word));
			     s++)
				assert_false(s[-1] == ',');
	}
	free(trace);
	free(raw);
	cj_policy_free(&p);
}

/* Every option of discover's --help is in the man page (skipped when
 * not run from the repository). */
static void test_man_page(void **state)
{
	FILE *f = fopen("docs/capejail-syscalls.1", "r");
	char *man = NULL, *line = NULL;
	size_t len = 0, cap = 0;
	FILE *m;
	size_t checked = 0;

	(void)state;
	if (!f)
		skip();
	m = open_memstream(&man, &len);
	while (getline(&line, &cap, f) > 0)
		fputs(line, m);
	fclose(m);
	fclose(f);
	free(line);
	for (const char *p = dopts_usage; (p = strstr(p, " --")); p++) {
		char roff[64];
		size_t k = 0;

		for (const char *q = p + 1;
		     (*q == '-' || (*q >= 'a' && *q <= 'z')) &&
		     k < sizeof(roff) - 3;
		     q++) {
			if (*q == '-')
				roff[k++] = '\\';
			roff[k++] = *q;
		}
		roff[k] = '\0';
		if (!strstr(man, roff))
			fail_msg("%s is not in docs/capejail-syscalls.1", roff);
		checked++;
	}
	assert_true(checked >= 8);
	free(man);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_host_defaults),
		cmocka_unit_test(test_jail_options),
		cmocka_unit_test(test_report_options),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_strace_argv_host),
		cmocka_unit_test(test_strace_argv_jail),
		cmocka_unit_test(test_trace_lists),
		cmocka_unit_test(test_man_page),
	};

	return cmocka_run_group_tests_name("discover_cmdline", tests, NULL,
					   NULL);
}
