/* SPDX-License-Identifier: MIT */
/*
 * discover --emit env-late's counting (trace_usage's after-filter mode)
 * and the SECCOMP_SYSCALL_ALLOW line (tools/discover_env.c), on strace
 * lines as strace -f prints them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "discover_env.h"
#include "trace_usage.h"

static void feed(struct tu_usage *u, const char *const *lines)
{
	for (; *lines; lines++)
		assert_int_equal(tu_feed_line(u, *lines), 0);
	assert_int_equal(tu_finish(u), 0);
}

static const char *const late_log[] = {
	"100 execve(\"./x\", [\"./x\"], 0x7ffd /* 3 vars */) = 0",
	"100 openat(AT_FDCWD, \"/lib/libc.so.6\", O_RDONLY|O_CLOEXEC) = 3",
	"100 clone(child_stack=NULL, flags=SIGCHLD) = 99",
	"99 getpid() = 99",
	"100 seccomp(SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC, "
	"{len=20, filter=0x55}) = 0",
	"100 uname({sysname=\"Linux\", ...}) = 0",
	"100 clone(child_stack=NULL, flags=SIGCHLD <unfinished ...>",
	"101 execve(\"/bin/ls\", [\"ls\"], 0x7ffd /* 3 vars */) = 0",
	"100 <... clone resumed>) = 101",
	"101 mmap(NULL, 8192, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = "
	"0x7f00",
	"101 +++ exited with 0 +++",
	"100 write(1, \"x\\n\", 2) = 2",
	"100 exit_group(0) = ?",
	"100 +++ exited with 0 +++",
	NULL,
};

static void after_filter_counts_from_the_marker(void **state)
{
	struct tu_usage u;
	char line[256];
	size_t unknown;

	(void)state;
	tu_init(&u, true, NULL, NULL);
	u.after_filter = true;
	feed(&u, late_log);
	assert_true(u.prog_started);
	/* start-up, the child forked before the filter, the marker: no */
	assert_null(tu_find(&u, "openat"));
	assert_null(tu_find(&u, "getpid"));
	assert_null(tu_find(&u, "seccomp"));
	/* after it, the later child's exec and calls included: yes */
	assert_non_null(tu_find(&u, "uname"));
	assert_non_null(tu_find(&u, "mmap"));
	assert_non_null(tu_find(&u, "write"));
	assert_int_equal(tu_find(&u, "execve")->count, 1);
	assert_int_equal(denv_allow_line(&u, line, sizeof(line), &unknown), 6);
	assert_string_equal(line, "SECCOMP_SYSCALL_ALLOW=clone:execve:"
				  "exit_group:mmap:uname:write");
	assert_int_equal(unknown, 0);
	assert_int_equal(denv_allow_line(&u, line, 20, &unknown), -1);
	tu_free(&u);
}

static void no_marker_no_program(void **state)
{
	static const char *const static_log[] = {
		"7 execve(\"./s\", [\"./s\"], 0x7ffd /* 3 vars */) = 0",
		"7 uname({sysname=\"Linux\", ...}) = 0",
		"7 +++ exited with 0 +++",
		NULL,
	};
	struct tu_usage u;

	(void)state;
	tu_init(&u, true, NULL, NULL);
	u.after_filter = true;
	feed(&u, static_log);
	assert_false(u.prog_started);
	assert_int_equal(u.nstats, 0);
	tu_free(&u);
}

static void host_mode_counts_everything(void **state)
{
	struct tu_usage u;

	(void)state;
	tu_init(&u, true, NULL, NULL);
	feed(&u, late_log);
	assert_non_null(tu_find(&u, "openat"));
	assert_non_null(tu_find(&u, "seccomp"));
	assert_non_null(tu_find(&u, "getpid"));
	tu_free(&u);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(after_filter_counts_from_the_marker),
		cmocka_unit_test(no_marker_no_program),
		cmocka_unit_test(host_mode_counts_everything),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
