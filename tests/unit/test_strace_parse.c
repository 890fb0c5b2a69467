/* SPDX-License-Identifier: MIT */
/*
 * strace's output, line by line (tools/strace_parse.c): hand-written lines
 * for every form, then every line of the recorded fixtures
 * (tests/fixtures/strace, see record.sh there).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strace_parse.h"

static const char *fixture_dir(void)
{
	const char *d = getenv("CJ_FIXTURES");

	return d && *d ? d : "tests/fixtures/strace";
}

static struct sp_event ev;

static void parse_ok(const char *line)
{
	assert_int_equal(sp_parse_line(line, &ev), 0);
}

static void args_are(const char *want)
{
	assert_int_equal(ev.args_len, strlen(want));
	assert_memory_equal(ev.args, want, strlen(want));
}

static void test_complete_call(void **state)
{
	(void)state;
	parse_ok("4471  openat(AT_FDCWD, \"/etc/ld.so.cache\", "
		 "O_RDONLY|O_CLOEXEC) = 3\n");
	assert_int_equal(ev.kind, SP_CALL);
	assert_int_equal(ev.pid, 4471);
	assert_string_equal(ev.name, "openat");
	args_are("AT_FDCWD, \"/etc/ld.so.cache\", O_RDONLY|O_CLOEXEC");
	assert_true(ev.has_ret);
	assert_true(ev.ret_known);
	assert_int_equal(ev.ret, 3);
	assert_string_equal(ev.err, "");
}

static void test_pid_prefixes(void **state)
{
	(void)state;
	parse_ok("[pid  1234] getpid() = 1234");
	assert_int_equal(ev.pid, 1234);
	assert_string_equal(ev.name, "getpid");
	parse_ok("getpid()                                = 99");
	assert_int_equal(ev.pid, 0);
	assert_int_equal(ev.ret, 99);
	parse_ok("7 brk(NULL) = 0x55bf20a4a000");
	assert_int_equal(ev.pid, 7);
	assert_int_equal(ev.ret, 0x55bf20a4a000LL);
}

static void test_errors(void **state)
{
	(void)state;
	parse_ok("4570  syscall_0x1f4(0x1, 0x2, 0x3, 0, 0x7f4dabd086d0, "
		 "0x7ffd57c10e38) = -1 ENOSYS (Function not implemented)");
	assert_int_equal(ev.kind, SP_CALL);
	assert_string_equal(ev.name, "syscall_0x1f4");
	assert_int_equal(ev.ret, -1);
	assert_string_equal(ev.err, "ENOSYS");
	assert_int_equal(sp_unknown_nr(ev.name), 500);

	parse_ok("4638  <... read resumed>0x7ffc37e35257, 1) = ? ERESTARTSYS "
		 "(To be restarted if SA_RESTART is set)");
	assert_int_equal(ev.kind, SP_RESUMED);
	assert_string_equal(ev.name, "read");
	assert_true(ev.has_ret);
	assert_false(ev.ret_known);
	assert_string_equal(ev.err, "ERESTARTSYS");

	parse_ok("4472  exit_group(0)                     = ?");
	assert_true(ev.has_ret);
	assert_false(ev.ret_known);
	assert_string_equal(ev.err, "");
}

static void test_unfinished_resumed(void **state)
{
	(void)state;
	parse_ok("4538  clone3({flags=CLONE_VM|CLONE_THREAD, "
		 "stack_size=0x7fff80} <unfinished ...>");
	assert_int_equal(ev.kind, SP_UNFINISHED);
	assert_string_equal(ev.name, "clone3");
	args_are("{flags=CLONE_VM|CLONE_THREAD, stack_size=0x7fff80}");
	assert_false(ev.has_ret);

	parse_ok("4538  <... clone3 resumed> => {parent_tid=[4539]}, 88) = "
		 "4539");
	assert_int_equal(ev.kind, SP_RESUMED);
	assert_string_equal(ev.name, "clone3");
	assert_int_equal(ev.ret, 4539);

	parse_ok("4471  rt_sigprocmask(SIG_SETMASK, [],  <unfinished ...>");
	assert_int_equal(ev.kind, SP_UNFINISHED);
	args_are("SIG_SETMASK, [],");
	parse_ok("4472  <... set_robust_list resumed>)    = 0");
	assert_int_equal(ev.kind, SP_RESUMED);
	assert_int_equal(ev.ret, 0);
}

static void test_quotes(void **state)
{
	(void)state;
	/* The marker inside a string is text; the one outside is not. */
	parse_ok("22248 write(1, \"a <unfinished ...> b) = 0\\n\", 26 "
		 "<unfinished ...>");
	assert_int_equal(ev.kind, SP_UNFINISHED);
	args_are("1, \"a <unfinished ...> b) = 0\\n\", 26");

	parse_ok("22249 read(0, \"a <unfinished ...> b) = 0\\n\", 8192) = 26");
	assert_int_equal(ev.kind, SP_CALL);
	assert_int_equal(ev.ret, 26);
	args_are("0, \"a <unfinished ...> b) = 0\\n\", 8192");

	parse_ok("1 write(1, \"<unfinished ...>\", 16) = 16");
	assert_int_equal(ev.kind, SP_CALL);
	assert_int_equal(ev.ret, 16);

	/* Escaped quotes and a truncated string. */
	parse_ok("1 write(2, \"say \\\"hi\\\" (x) = \\\"\"..., 64) = 64");
	assert_int_equal(ev.kind, SP_CALL);
	assert_int_equal(ev.ret, 64);
}

static void test_nested_parens(void **state)
{
	(void)state;
	parse_ok("4595  <... wait4 resumed>[{WIFEXITED(s) && WEXITSTATUS(s) == "
		 "0}], 0, NULL) = 4596");
	assert_int_equal(ev.kind, SP_RESUMED);
	assert_int_equal(ev.ret, 4596);
	parse_ok("1 poll([{fd=3, events=POLLIN}], 1, 0) = 0 (Timeout)");
	assert_int_equal(ev.ret, 0);
	assert_string_equal(ev.err, "");
	parse_ok("1 poll([{fd=3, events=POLLIN}], 1, -1) = 1 ([{fd=3, "
		 "revents=POLLIN}])");
	assert_int_equal(ev.ret, 1);
}

static void test_restart_syscall(void **state)
{
	(void)state;
	parse_ok("4623  restart_syscall(<... resuming interrupted "
		 "clock_nanosleep ...>) = 0");
	assert_int_equal(ev.kind, SP_CALL);
	assert_string_equal(ev.name, "restart_syscall");
	assert_int_equal(ev.ret, 0);
	parse_ok("22391 restart_syscall(<... resuming interrupted "
		 "clock_nanosleep ...> <unfinished ...>");
	assert_int_equal(ev.kind, SP_UNFINISHED);
	assert_string_equal(ev.name, "restart_syscall");
	parse_ok("22391 <... clock_nanosleep resumed>NULL) = ? "
		 "ERESTART_RESTARTBLOCK (Interrupted by signal)");
	assert_string_equal(ev.err, "ERESTART_RESTARTBLOCK");
}

static void test_signals_and_exits(void **state)
{
	(void)state;
	parse_ok("4471  --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, "
		 "si_pid=4472, si_uid=0, si_status=0} ---");
	assert_int_equal(ev.kind, SP_SIGNAL);
	assert_string_equal(ev.name, "SIGCHLD");
	parse_ok("4623  --- stopped by SIGSTOP ---");
	assert_int_equal(ev.kind, SP_SIGNAL);
	assert_string_equal(ev.name, "SIGSTOP");
	parse_ok("4472  +++ exited with 3 +++");
	assert_int_equal(ev.kind, SP_EXITED);
	assert_int_equal(ev.status, 3);
	parse_ok("4574  +++ killed by SIGSYS +++");
	assert_int_equal(ev.kind, SP_KILLED);
	assert_string_equal(ev.name, "SIGSYS");
	assert_false(ev.core_dumped);
	parse_ok("[pid 9] +++ killed by SIGSEGV (core dumped) +++");
	assert_int_equal(ev.kind, SP_KILLED);
	assert_int_equal(ev.pid, 9);
	assert_true(ev.core_dumped);
	parse_ok("100 +++ superseded by execve in pid 101 +++");
	assert_int_equal(ev.kind, SP_SUPERSEDED);
	assert_int_equal(ev.pid, 100);
	assert_int_equal(ev.status, 101);
}

static void test_pidns_comment(void **state)
{
	(void)state;
	parse_ok("20119 <... clone resumed>, child_tidptr=0x7f6ef3863a10) = 3 "
		 "/* 20128 in strace's PID NS */");
	assert_int_equal(ev.ret, 3);
	assert_int_equal(ev.ret_pidns, 20128);
	parse_ok("20109 clone(child_stack=NULL, flags=CLONE_NEWPID|SIGCHLD) = "
		 "20111");
	assert_int_equal(ev.ret_pidns, 0);
}

static void test_ignored(void **state)
{
	(void)state;
	assert_int_equal(sp_parse_line("", &ev), -1);
	assert_int_equal(ev.kind, SP_IGNORED);
	assert_int_equal(sp_parse_line("strace: Process 12 attached", &ev), -1);
	assert_int_equal(
	    sp_parse_line("[ Process PID=1 runs in 32 bit mode. ]", &ev), -1);
	assert_int_equal(sp_parse_line("12 ", &ev), -1);
	assert_int_equal(sp_parse_line("[pid x] read(0) = 0", &ev), -1);
	assert_int_equal(sp_parse_line("12 +++ exited +++", &ev), -1);
	assert_int_equal(sp_parse_line("12 123abc(0) = 0", &ev), -1);
}

static void test_raw_args(void **state)
{
	uint64_t v[6];
	const char *a = "0x3, 0xff, 0x1, 0x7ffdae88cfe8, 0x4";

	(void)state;
	assert_int_equal(sp_raw_args(a, strlen(a), v, 6), 5);
	assert_int_equal(v[0], 3);
	assert_int_equal(v[1], 0xff);
	assert_int_equal(v[3], 0x7ffdae88cfe8ULL);
	a = "3, TCGETS, 0x7ffd";
	assert_int_equal(sp_raw_args(a, strlen(a), v, 6), 1);
	a = "0, 0x3, 0";
	assert_int_equal(sp_raw_args(a, strlen(a), v, 2), 2);
	assert_int_equal(sp_raw_args("", 0, v, 6), 0);
	assert_int_equal(sp_unknown_nr("syscall_0x1c4"), 452);
	assert_int_equal(sp_unknown_nr("syscall_0x"), -1);
	assert_int_equal(sp_unknown_nr("syscall_0x1cq"), -1);
	assert_int_equal(sp_unknown_nr("read"), -1);
}

/* Every line of every fixture parses; unfinished calls pair up. */
struct pending {
	int pid;
	char name[SP_NAME_MAX];
};

static void sweep(const char *file, size_t *nlines)
{
	char path[512], *line = NULL;
	size_t cap = 0, n = 0, npend = 0;
	struct pending pend[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", fixture_dir(), file);
	f = fopen(path, "r");
	if (!f)
		fail_msg("cannot open fixture %s", path);
	while (getline(&line, &cap, f) > 0) {
		n++;
		if (sp_parse_line(line, &ev))
			fail_msg("%s:%zu: not parsed: %s", file, n, line);
		assert_true(ev.pid > 0);
		if (ev.kind == SP_CALL && !ev.has_ret)
			fail_msg("%s:%zu: no return value: %s", file, n, line);
		if (ev.kind == SP_UNFINISHED) {
			for (size_t i = 0; i < npend; i++)
				if (pend[i].pid == ev.pid)
					fail_msg("%s:%zu: pid %d has two "
						 "unfinished calls",
						 file, n, ev.pid);
			assert_true(npend < 256);
			pend[npend].pid = ev.pid;
			memcpy(pend[npend].name, ev.name, SP_NAME_MAX);
			npend++;
		} else if (ev.kind == SP_RESUMED || ev.kind == SP_EXITED ||
			   ev.kind == SP_KILLED) {
			size_t i = 0;

			while (i < npend && pend[i].pid != ev.pid)
				i++;
			if (ev.kind == SP_RESUMED && i == npend)
				fail_msg("%s:%zu: resumed without an "
					 "unfinished call: %s",
					 file, n, line);
			if (ev.kind == SP_RESUMED)
				assert_string_equal(pend[i].name, ev.name);
			if (i < npend)
				pend[i] = pend[--npend];
		}
	}
	free(line);
	fclose(f);
	*nlines = n;
}

static void test_fixtures(void **state)
{
	static const char *const files[] = {
		"python3-threads.strace",
		"bash-pipeline.strace",
		"killed-by-signal.strace",
		"enosys.strace",
		"sigsys.strace",
		"interrupt.strace",
		"int80.strace",
		"ping-fast.strace",
		"capejail-jail.strace",
	};
	size_t total = 0;

	(void)state;
	for (size_t i = 0; i < sizeof(files) / sizeof(*files); i++) {
		size_t n;

		sweep(files[i], &n);
		assert_true(n > 0);
		total += n;
	}
	assert_true(total > 2000);
}

/* The forms the fixtures promise to contain are really there. */
static void test_fixture_coverage(void **state)
{
	static const struct {
		const char *file, *needle;
		enum sp_kind kind;
	} want[] = {
		{ "python3-threads.strace", "clone3", SP_UNFINISHED },
		{ "python3-threads.strace", "clone3", SP_RESUMED },
		{ "bash-pipeline.strace", "write", SP_UNFINISHED },
		{ "killed-by-signal.strace", "SIGKILL", SP_KILLED },
		{ "killed-by-signal.strace", "SIGSEGV", SP_KILLED },
		{ "sigsys.strace", "SIGSYS", SP_KILLED },
		{ "enosys.strace", "syscall_0x1f4", SP_CALL },
		{ "enosys.strace", "syscall_0x1c4", SP_CALL },
		{ "interrupt.strace", "restart_syscall", SP_CALL },
		{ "interrupt.strace", "SIGSTOP", SP_SIGNAL },
		{ "int80.strace", "_llseek", SP_CALL },
		{ "ping-fast.strace", "setsockopt", SP_CALL },
		{ "capejail-jail.strace", "clone", SP_RESUMED },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(want) / sizeof(*want); i++) {
		char path[512], *line = NULL;
		size_t cap = 0;
		bool found = false;
		FILE *f;

		snprintf(path, sizeof(path), "%s/%s", fixture_dir(),
			 want[i].file);
		f = fopen(path, "r");
		assert_non_null(f);
		while (!found && getline(&line, &cap, f) > 0)
			found = sp_parse_line(line, &ev) == 0 &&
				ev.kind == want[i].kind &&
				strcmp(ev.name, want[i].needle) == 0;
		free(line);
		fclose(f);
		if (!found)
			fail_msg("%s has no %s line of kind %d", want[i].file,
				 want[i].needle, want[i].kind);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_complete_call),
		cmocka_unit_test(test_pid_prefixes),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_unfinished_resumed),
		cmocka_unit_test(test_quotes),
		cmocka_unit_test(test_nested_parens),
		cmocka_unit_test(test_restart_syscall),
		cmocka_unit_test(test_signals_and_exits),
		cmocka_unit_test(test_pidns_comment),
		cmocka_unit_test(test_ignored),
		cmocka_unit_test(test_raw_args),
		cmocka_unit_test(test_fixtures),
		cmocka_unit_test(test_fixture_coverage),
	};

	return cmocka_run_group_tests_name("strace_parse", tests, NULL, NULL);
}
