/* SPDX-License-Identifier: MIT */
/*
 * Which syscalls count as the program's (tools/trace_usage.c): counts on
 * the recorded fixtures, the launcher's own set-up left out, children
 * printed before their parent's clone returned, pid namespaces.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trace_usage.h"

static const char *fixture_dir(void)
{
	const char *d = getenv("CJ_FIXTURES");

	return d && *d ? d : "tests/fixtures/strace";
}

static void load(struct tu_usage *u, const char *file, bool host)
{
	char path[512], *line = NULL;
	size_t cap = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", fixture_dir(), file);
	f = fopen(path, "r");
	if (!f)
		fail_msg("cannot open fixture %s", path);
	assert_int_equal(tu_init(u, host, NULL, NULL), 0);
	while (getline(&line, &cap, f) > 0)
		assert_int_equal(tu_feed_line(u, line), 0);
	assert_int_equal(tu_finish(u), 0);
	free(line);
	fclose(f);
}

static unsigned long count(const struct tu_usage *u, const char *name)
{
	const struct tu_stat *st = tu_find(u, name);

	return st ? st->count : 0;
}

/* Calls started in a fixture (complete or unfinished lines), by name. */
static unsigned long naive(const char *file, const char *name)
{
	char path[512], *line = NULL;
	size_t cap = 0;
	unsigned long n = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", fixture_dir(), file);
	f = fopen(path, "r");
	assert_non_null(f);
	while (getline(&line, &cap, f) > 0) {
		struct sp_event ev;

		if (sp_parse_line(line, &ev) == 0 &&
		    (ev.kind == SP_CALL || ev.kind == SP_UNFINISHED) &&
		    strcmp(ev.name, name) == 0)
			n++;
	}
	free(line);
	fclose(f);
	return n;
}

/* Host mode: every pid descends from the program, so all calls count. */
static void test_host_counts_everything(void **state)
{
	static const char *const files[] = {
		"python3-threads.strace",  "bash-pipeline.strace",
		"killed-by-signal.strace", "interrupt.strace",
		"enosys.strace",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(files) / sizeof(*files); i++) {
		struct tu_usage u;

		load(&u, files[i], true);
		assert_true(u.nstats > 5);
		for (size_t k = 0; k < u.nstats; k++)
			if (u.stats[k].count !=
			    naive(files[i], u.stats[k].name))
				fail_msg("%s: %s counted %lu, the log has %lu",
					 files[i], u.stats[k].name,
					 u.stats[k].count,
					 naive(files[i], u.stats[k].name));
		assert_int_equal(u.dropped, 0);
		assert_int_equal(u.ignored, 0);
		assert_true(u.prog_started);
		tu_free(&u);
	}
}

static void test_python_threads(void **state)
{
	struct tu_usage u;

	(void)state;
	load(&u, "python3-threads.strace", true);
	assert_int_equal(count(&u, "clone3"), 4);
	assert_int_equal(count(&u, "execve"), 1);
	assert_true(u.root_done);
	assert_false(u.root_killed);
	assert_int_equal(u.root_status, 0);
	tu_free(&u);
}

static void test_exit_and_kill(void **state)
{
	struct tu_usage u;

	(void)state;
	load(&u, "killed-by-signal.strace", true);
	assert_true(u.root_done);
	assert_true(u.root_killed);
	assert_string_equal(u.root_signal, "SIGSEGV");
	tu_free(&u);

	load(&u, "sigsys.strace", true);
	assert_true(u.root_killed);
	assert_string_equal(u.root_signal, "SIGSYS");
	assert_int_equal(u.sigsys, 1);
	tu_free(&u);
}

static void test_enosys(void **state)
{
	struct tu_usage u;
	const struct tu_stat *st;

	(void)state;
	load(&u, "enosys.strace", true);
	st = tu_find(&u, "syscall_0x1f4");
	assert_non_null(st);
	assert_int_equal(st->count, 1);
	assert_int_equal(st->enosys, 1);
	st = tu_find(&u, "syscall_0x1c4");
	assert_non_null(st);
	assert_int_equal(st->enosys, 0);
	tu_free(&u);
}

static void test_interrupted_calls_count_again(void **state)
{
	struct tu_usage u;

	(void)state;
	load(&u, "interrupt.strace", true);
	/* restart_syscall is a syscall of its own that seccomp sees */
	assert_int_equal(count(&u, "restart_syscall"),
			 naive("interrupt.strace", "restart_syscall"));
	assert_true(count(&u, "restart_syscall") >= 1);
	assert_true(count(&u, "read") >= 2); /* ERESTARTSYS, then again */
	tu_free(&u);
}

/* Jail mode on a shell: the root's own calls do not count, its exec'd
 * children do. */
static void test_jail_mode_skips_the_launcher(void **state)
{
	struct tu_usage u;

	(void)state;
	load(&u, "bash-pipeline.strace", false);
	/* tr, sort, wc and sleep: each exec counts once, bash's does not */
	assert_int_equal(count(&u, "execve"), 4);
	assert_true(u.dropped > 0);
	assert_true(u.prog_started);
	assert_int_equal(u.root_status, 0);
	tu_free(&u);
}

/* strace -f -- capejail -I ... -- /bin/sh -c 'echo hi | cat' */
static void test_capejail_wrapped(void **state)
{
	struct tu_usage u;

	(void)state;
	load(&u, "capejail-jail.strace", false);
	/* the launcher's set-up is not the program's */
	assert_int_equal(count(&u, "mount"), 0);
	assert_int_equal(count(&u, "pivot_root"), 0);
	assert_int_equal(count(&u, "capset"), 0);
	assert_int_equal(count(&u, "setresuid"), 0);
	assert_int_equal(count(&u, "seccomp"), 0);
	/* sh and cat were exec'd; the echo subshell only forked */
	assert_int_equal(count(&u, "execve"), 2);
	assert_int_equal(count(&u, "clone"), 2);
	/* the subshell's write ("hi") counts: found through the pidns pid */
	assert_true(count(&u, "write") >= 2);
	assert_true(count(&u, "exit_group") >= 3);
	assert_true(u.dropped > 50);
	tu_free(&u);
}

static void feed_all(struct tu_usage *u, const char *const *lines)
{
	for (; *lines; lines++)
		assert_int_equal(tu_feed_line(u, *lines), 0);
	assert_int_equal(tu_finish(u), 0);
}

/* A child printed before its parent's clone returned, even one that
 * exited before that: held, then counted with the parent. */
static void test_child_before_parent(void **state)
{
	static const char *const lines[] = {
		"10 execve(\"/bin/x\", [\"x\"], 0x1 /* 1 var */) = 0",
		"10 clone(child_stack=NULL, flags=SIGCHLD <unfinished ...>",
		"11 getpid( <unfinished ...>",
		"11 <... getpid resumed>) = 11",
		"11 exit_group(0) = ?",
		"11 +++ exited with 0 +++",
		"10 <... clone resumed>) = 11",
		"10 exit_group(0) = ?",
		"10 +++ exited with 0 +++",
		NULL,
	};
	struct tu_usage u;

	(void)state;
	tu_init(&u, false, NULL, NULL);
	feed_all(&u, lines);
	/* jail mode: pid 10's exec is the launcher's, so nothing counts */
	assert_int_equal(count(&u, "getpid"), 0);
	assert_int_equal(u.dropped,
			 5); /* execve, clone, exit_group x2, getpid */
	tu_free(&u);

	tu_init(&u, true, NULL, NULL);
	feed_all(&u, lines);
	assert_int_equal(count(&u, "getpid"), 1);
	assert_int_equal(count(&u, "clone"), 1);
	assert_int_equal(count(&u, "exit_group"), 2);
	tu_free(&u);
}

/* Grandchildren of an unresolved child follow it when it resolves. */
static void test_chain_resolution(void **state)
{
	static const char *const lines[] = {
		"1 execve(\"/launcher\", [], 0x1) = 0",
		"1 clone(child_stack=NULL, flags=SIGCHLD <unfinished ...>",
		"2 execve(\"/prog\", [], 0x1) = 0",
		"2 clone(child_stack=NULL, flags=SIGCHLD <unfinished ...>",
		"3 getuid() = 0",
		"2 <... clone resumed>) = 3",
		"1 <... clone resumed>) = 2",
		"3 +++ exited with 0 +++",
		"2 +++ exited with 0 +++",
		"1 +++ exited with 0 +++",
		NULL,
	};
	struct tu_usage u;

	(void)state;
	tu_init(&u, false, NULL, NULL);
	feed_all(&u, lines);
	/* pid 2 exec'd the program: its clone and its child count */
	assert_int_equal(count(&u, "execve"), 1);
	assert_int_equal(count(&u, "clone"), 1);
	assert_int_equal(count(&u, "getuid"), 1);
	tu_free(&u);
}

/* A child of a not-yet-counting pid, cloned before that pid's exec,
 * inherits what the pid was then, not what it became. */
static void test_pre_exec_children(void **state)
{
	static const char *const lines[] = {
		"1 execve(\"/launcher\", [], 0x1) = 0",
		"1 clone(child_stack=NULL, flags=SIGCHLD) = 2",
		"2 clone(child_stack=NULL, flags=SIGCHLD) = 3",
		"3 mount(\"x\", \"y\", NULL, 0, NULL) = 0",
		"2 execve(\"/prog\", [], 0x1) = 0",
		"2 getuid() = 0",
		"3 +++ exited with 0 +++",
		NULL,
	};
	struct tu_usage u;

	(void)state;
	tu_init(&u, false, NULL, NULL);
	feed_all(&u, lines);
	assert_int_equal(count(&u, "mount"), 0);
	assert_int_equal(count(&u, "clone"), 0);
	assert_int_equal(count(&u, "getuid"), 1);
	assert_int_equal(count(&u, "execve"), 1);
	tu_free(&u);
}

/* Without any tie to the program (jail mode): dropped at the end. */
static void test_orphans_dropped_in_jail_mode(void **state)
{
	static const char *const lines[] = {
		"1 execve(\"/launcher\", [], 0x1) = 0",
		"5 getuid() = 0",
		"1 +++ exited with 3 +++",
		NULL,
	};
	struct tu_usage u;

	(void)state;
	tu_init(&u, false, NULL, NULL);
	feed_all(&u, lines);
	assert_int_equal(count(&u, "getuid"), 0);
	assert_false(u.prog_started);
	assert_int_equal(u.root_status, 3);
	tu_free(&u);
	tu_init(&u, true, NULL, NULL);
	feed_all(&u, lines);
	assert_int_equal(count(&u, "getuid"), 1);
	tu_free(&u);
}

/* Failed execs (PATH search) do not start counting. */
static void test_failed_exec(void **state)
{
	static const char *const lines[] = {
		"1 execve(\"/launcher\", [], 0x1) = 0",
		"1 clone(child_stack=NULL, flags=SIGCHLD) = 2",
		"2 execve(\"/usr/local/bin/p\", [], 0x1) = -1 ENOENT (No such "
		"file or directory)",
		"2 getuid() = 0",
		"2 execve(\"/usr/bin/p\", [], 0x1) = 0",
		"2 getgid() = 0",
		NULL,
	};
	struct tu_usage u;

	(void)state;
	tu_init(&u, false, NULL, NULL);
	feed_all(&u, lines);
	assert_int_equal(count(&u, "getuid"), 0);
	assert_int_equal(count(&u, "getgid"), 1);
	assert_int_equal(count(&u, "execve"), 1);
	tu_free(&u);
}

/* A pid number used again after its process exited is a new process. */
static void test_pid_reuse(void **state)
{
	static const char *const lines[] = {
		"1 execve(\"/launcher\", [], 0x1) = 0",
		"1 clone(child_stack=NULL, flags=SIGCHLD) = 2",
		"2 execve(\"/prog\", [], 0x1) = 0",
		"2 +++ exited with 0 +++",
		"1 clone(child_stack=NULL, flags=SIGCHLD) = 2",
		"2 getuid() = 0",
		NULL,
	};
	struct tu_usage u;

	(void)state;
	tu_init(&u, false, NULL, NULL);
	feed_all(&u, lines);
	/* the second pid 2 is the launcher's child again, before any exec */
	assert_int_equal(count(&u, "getuid"), 0);
	tu_free(&u);
}

/* The classifier's buckets and the first failing call's arguments. */
static int classify(void *ctx, const char *name, const char *args, size_t len)
{
	(void)ctx;
	if (strcmp(name, "socket") != 0)
		return 0;
	return len >= 4 && memcmp(args, "0x11", 4) == 0 ? 1 : 0;
}

static void test_buckets(void **state)
{
	static const char *const lines[] = {
		"1 socket(0x2, 0x1, 0) = 3",
		"1 socket(0x11, 0x3, 0x300 <unfinished ...>",
		"1 <... socket resumed>) = 4",
		"1 socket(0x11, 0x2, 0) = 5",
		NULL,
	};
	struct tu_usage u;
	const struct tu_stat *st;

	(void)state;
	tu_init(&u, true, classify, NULL);
	feed_all(&u, lines);
	st = tu_find(&u, "socket");
	assert_non_null(st);
	assert_int_equal(st->count, 3);
	assert_int_equal(st->bucket[0], 1);
	assert_int_equal(st->bucket[1], 2);
	assert_string_equal(st->sample, "0x11, 0x3, 0x300");
	tu_free(&u);
}

/* Many pids and names: the hash tables grow. */
static void test_many(void **state)
{
	struct tu_usage u;
	char line[128];

	(void)state;
	tu_init(&u, true, NULL, NULL);
	for (int pid = 1; pid < 3000; pid++) {
		snprintf(line, sizeof(line),
			 "%d clone(child_stack=NULL, flags=SIGCHLD) = %d", pid,
			 pid + 1);
		assert_int_equal(tu_feed_line(&u, line), 0);
		snprintf(line, sizeof(line), "%d call_%d() = 0", pid + 1,
			 pid % 700);
		assert_int_equal(tu_feed_line(&u, line), 0);
	}
	assert_int_equal(tu_finish(&u), 0);
	assert_int_equal(count(&u, "clone"), 2999);
	assert_int_equal(u.nstats, 701);
	assert_int_equal(count(&u, "call_5"), 5);
	tu_free(&u);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_host_counts_everything),
		cmocka_unit_test(test_python_threads),
		cmocka_unit_test(test_exit_and_kill),
		cmocka_unit_test(test_enosys),
		cmocka_unit_test(test_interrupted_calls_count_again),
		cmocka_unit_test(test_jail_mode_skips_the_launcher),
		cmocka_unit_test(test_capejail_wrapped),
		cmocka_unit_test(test_child_before_parent),
		cmocka_unit_test(test_chain_resolution),
		cmocka_unit_test(test_pre_exec_children),
		cmocka_unit_test(test_orphans_dropped_in_jail_mode),
		cmocka_unit_test(test_failed_exec),
		cmocka_unit_test(test_pid_reuse),
		cmocka_unit_test(test_buckets),
		cmocka_unit_test(test_many),
	};

	return cmocka_run_group_tests_name("discover_usage", tests, NULL, NULL);
}
