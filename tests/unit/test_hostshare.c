/* SPDX-License-Identifier: MIT */
/*
 * What a jail may take of the host (issue 14), the pure parts: the default
 * limits' rule for twenty concurrent jails (limits.c) and the init's memory
 * map read from /proc/self/stat (initname.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/prctl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "child.h"
#include "jail.h"
#include "limits.h"

static struct cj_limits defaults(void)
{
	return (struct cj_limits){
		.time_ms = CJ_LIMIT_DEFAULT,
		.memory = CJ_LIMIT_DEFAULT,
		.pids = CJ_LIMIT_DEFAULT,
		.cpu_s = CJ_LIMIT_DEFAULT,
		.fsize = CJ_LIMIT_DEFAULT,
		.nofile = CJ_LIMIT_DEFAULT,
		.tmp_size = CJ_LIMIT_DEFAULT,
	};
}

/* Twenty default jails at their limits hold at most half of the host. */
static void test_twenty_jails_fit(void **state)
{
	static const int64_t rams[] = { 4LL << 30, 23LL << 30, 64LL << 30,
					160LL << 30 };

	(void)state;
	for (size_t i = 0; i < CJ_ARRAY_SIZE(rams); i++) {
		struct cj_host h = { .ram = rams[i], .task_max = 32768 };
		struct cj_limits l = defaults();

		cj_limits_resolve_for(&l, &h);
		assert_true(l.memory >= CJ_DEFAULT_MEMORY_MIN);
		assert_true(l.memory <= CJ_DEFAULT_MEMORY_MAX);
		assert_true(CJ_CONCURRENT * l.memory <= rams[i] / 2);
		assert_true(CJ_CONCURRENT * l.pids <= h.task_max / 2);
		assert_true(2 * l.tmp_size <= l.memory / 2);
	}
}

static void test_small_pid_max(void **state)
{
	struct cj_host h = { .ram = 8LL << 30, .task_max = 4096 };
	struct cj_limits l = defaults();

	(void)state;
	cj_limits_resolve_for(&l, &h);
	assert_int_equal(l.pids, 4096 / 40);
	/* An explicit value is kept. */
	l = defaults();
	l.pids = 1000;
	l.memory = 1LL << 30;
	cj_limits_resolve_for(&l, &h);
	assert_int_equal(l.pids, 1000);
	assert_int_equal(l.memory, 1LL << 30);
	assert_int_equal(l.tmp_size, 256LL << 20);
}

static void test_parse_stat(void **state)
{
	/* A comm with spaces and a parenthesis, as the kernel allows. */
	const char *text =
	    "42 (a) b) S 1 42 42 0 -1 4194560 100 0 0 0 0 0 0 0 20 0 1 0 "
	    "123 1000 10 18446744073709551615 4096 8192 140000 0 0 0 0 0 0 0 "
	    "0 0 17 1 0 0 0 0 0 12288 16384 20480 140100 140200 140200 "
	    "140300 0\n";
	struct prctl_mm_map m;

	(void)state;
	assert_int_equal(cj_initname_parse_stat(text, &m), 0);
	assert_int_equal(m.start_code, 4096);
	assert_int_equal(m.end_code, 8192);
	assert_int_equal(m.start_stack, 140000);
	assert_int_equal(m.start_data, 12288);
	assert_int_equal(m.end_data, 16384);
	assert_int_equal(m.start_brk, 20480);
	assert_int_equal(m.arg_start, 140100);
	assert_int_equal(m.arg_end, 140200);
	assert_int_equal(m.env_start, 140200);
	assert_int_equal(m.env_end, 140300);
	assert_int_equal(m.exe_fd, (__u32)-1);
	assert_int_equal(cj_initname_parse_stat("42 (x) S 1 2", &m), -EINVAL);
	assert_int_equal(cj_initname_parse_stat("no paren", &m), -EINVAL);
}

static struct cj_bpf nocode_bpf;
static int garbage_fd = -1; /* an executable file the kernel cannot load */
static char arg0[] = "x";

/* fexecve's way: execveat on an fd with AT_EMPTY_PATH. */
static long c_execveat_fd(void)
{
	char *const argv[] = { arg0, NULL };

	return syscall(SYS_execveat, garbage_fd, "", argv, NULL, AT_EMPTY_PATH);
}
/* execveat with a path: refused by the kernel (ENOENT), not the filter. */
static long c_execveat_path(void)
{
	char *const argv[] = { arg0, NULL };

	return syscall(SYS_execveat, AT_FDCWD, "/nonexistent-capejail", argv,
		       NULL, 0);
}

/*
 * --no-new-code's rule, loaded: execveat on a descriptor fails with
 * EACCES, whatever the file; with a path it still reaches the kernel. The
 * file is executable garbage, so the kernel's own answer is ENOEXEC: the
 * control (no filter) gets that, the jail EACCES.
 */
static void test_nocode_execveat(void **state)
{
	char path[] = "/tmp/capejail-unit-nocode.XXXXXX";
	struct cj_policy p;
	int err = 0, w = mkstemp(path);

	(void)state;
	assert_true(w >= 0);
	assert_int_equal(write(w, "\1\2\3\4", 4), 4);
	assert_int_equal(fchmod(w, 0755), 0);
	close(w);
	garbage_fd = open(path, O_RDONLY | O_CLOEXEC);
	unlink(path);
	assert_true(garbage_fd >= 0);
	assert_int_equal(run_in_child(NULL, c_execveat_fd, &err), FAILED);
	assert_int_equal(err, ENOEXEC);
	assert_int_equal(cj_policy_default(&p), 0);
	assert_int_equal(cj_nocode_policy(&p, false), 0);
	assert_int_equal(cj_filter_build(&p, false, &nocode_bpf), 0);
	cj_policy_free(&p);
	assert_int_equal(run_in_child(&nocode_bpf, c_execveat_path, &err),
			 FAILED);
	assert_int_equal(err, ENOENT);
	assert_int_equal(run_in_child(&nocode_bpf, c_execveat_fd, &err),
			 FAILED);
	assert_int_equal(err, EACCES);
	cj_bpf_free(&nocode_bpf);
	close(garbage_fd);
}

/* The rule is not added over an edit that already decided execveat. */
static void test_nocode_respects_edits(void **state)
{
	struct cj_policy p;
	int row = cj_table_index("execveat");

	(void)state;
	assert_int_equal(cj_policy_default(&p), 0);
	assert_int_equal(cj_policy_set(&p, "execveat",
				       (struct cj_verdict){ CJ_ACT_KILL, 0 }),
			 0);
	assert_int_equal(cj_nocode_policy(&p, false), 0);
	assert_false(cj_policy_has_conds(&p, row));
	cj_policy_free(&p);
	assert_int_equal(cj_policy_default(&p), 0);
	assert_int_equal(cj_nocode_policy(&p, false), 0);
	assert_true(cj_policy_has_conds(&p, row));
	cj_policy_free(&p);
}

static long c_memfd_plain(void)
{
	return syscall(SYS_memfd_create, "cj", 0x0001U /* MFD_CLOEXEC */);
}

static long c_memfd_sealed(void)
{
	return syscall(SYS_memfd_create, "cj", 0x0001U | 0x0008U);
}

static long c_memfd_exec(void)
{
	return syscall(SYS_memfd_create, "cj", 0x0001U | 0x0010U);
}

/*
 * Rootless --no-new-code: memfd_create only with MFD_NOEXEC_SEAL (and
 * never MFD_EXEC). The control makes each kind of memfd unfiltered.
 */
static void test_nocode_rootless_memfd(void **state)
{
	struct cj_bpf bpf;
	struct cj_policy p;
	int err = 0;

	(void)state;
	assert_int_equal(run_in_child(NULL, c_memfd_plain, &err), RAN);
	assert_int_equal(run_in_child(NULL, c_memfd_exec, &err), RAN);
	if (run_in_child(NULL, c_memfd_sealed, &err) != RAN) {
		print_message("skip: MFD_NOEXEC_SEAL needs Linux 6.3 (%d)\n",
			      err);
		return;
	}
	assert_int_equal(cj_policy_default(&p), 0);
	assert_int_equal(cj_nocode_policy(&p, true), 0);
	assert_int_equal(cj_filter_build(&p, false, &bpf), 0);
	cj_policy_free(&p);
	assert_int_equal(run_in_child(&bpf, c_memfd_sealed, &err), RAN);
	assert_int_equal(run_in_child(&bpf, c_memfd_plain, &err), FAILED);
	assert_int_equal(err, EACCES);
	assert_int_equal(run_in_child(&bpf, c_memfd_exec, &err), FAILED);
	assert_int_equal(err, EACCES);
	cj_bpf_free(&bpf);
	/* As root the knob does it: the filter leaves memfd_create alone. */
	assert_int_equal(cj_policy_default(&p), 0);
	assert_int_equal(cj_nocode_policy(&p, false), 0);
	assert_false(cj_policy_has_conds(&p, cj_table_index("memfd_create")));
	cj_policy_free(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_twenty_jails_fit),
		cmocka_unit_test(test_small_pid_max),
		cmocka_unit_test(test_parse_stat),
		cmocka_unit_test(test_nocode_execveat),
		cmocka_unit_test(test_nocode_respects_edits),
		cmocka_unit_test(test_nocode_rootless_memfd),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
