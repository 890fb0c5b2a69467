/* SPDX-License-Identifier: MIT */
/*
 * The policy table keeps its promises: one row per syscall libseccomp
 * knows, sorted, explained, grouped; dangerous rows never allowed; the
 * original's blocked syscalls stay blocked unless a documented deviation;
 * equivalent calls share a verdict; argument rules are well formed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "capejail.h"
#include "policy_rules.h"

static const char *const groups[] = {
	"files",    "io",	  "memory", "processes",
	"identity", "signals",	  "time",   "ipc",
	"network",  "namespaces", "mount",  "debug",
	"security", "privileged", "kernel", "obsolete",
};

static void test_rows_sorted_unique_resolvable(void **state)
{
	size_t n;
	const struct cj_syscall *t = cj_table(&n);

	(void)state;
	assert_true(n > 300);
	for (size_t i = 0; i < n; i++) {
		bool group_ok = false;

		if (i)
			assert_true(strcmp(t[i - 1].name, t[i].name) < 0);
		if (cj_sysnr(t[i].name) < 0)
			fail_msg("row '%s' is unknown to libseccomp",
				 t[i].name);
		if (!t[i].why || strlen(t[i].why) < 40)
			fail_msg("row '%s' has no real rationale", t[i].name);
		for (size_t g = 0; g < sizeof(groups) / sizeof(*groups); g++)
			group_ok |= strcmp(groups[g], t[i].group) == 0;
		if (!group_ok)
			fail_msg("row '%s' has unknown group '%s'", t[i].name,
				 t[i].group);
		assert_int_equal(cj_table_index(t[i].name), (int)i);
	}
}

static void test_every_libseccomp_syscall_has_a_row(void **state)
{
	char name[64];

	(void)state;
	for (int nr = 0; nr < CJ_NR_LIMIT; nr++) {
		cj_sysname(nr, name, sizeof(name));
		if (strncmp(name, "syscall_0x", 10) == 0)
			continue;
		if (!cj_table_find(name))
			fail_msg(
			    "libseccomp knows '%s' (%d) but the table has "
			    "no row: write one in core/policy/syscalls.def",
			    name, nr);
	}
}

static void test_dangerous_never_allowed(void **state)
{
	size_t n;
	const struct cj_syscall *t = cj_table(&n);

	(void)state;
	for (size_t i = 0; i < n; i++)
		if ((t[i].flags & CJ_DANGEROUS) && t[i].action == CJ_ACT_ALLOW)
			fail_msg("dangerous row '%s' is allowed", t[i].name);
}

/* Blocked by the original capejail (its SYSCALLS.md). */
static const char *const original_blocked[] = {
	"accept",
	"accept4",
	"acct",
	"add_key",
	"adjtimex",
	"afs_syscall",
	"bpf",
	"capset",
	"chroot",
	"clock_adjtime",
	"clock_settime",
	"create_module",
	"delete_module",
	"epoll_pwait2",
	"finit_module",
	"fsconfig",
	"fsmount",
	"fsopen",
	"fspick",
	"futimesat",
	"futex_waitv",
	"get_kernel_syms",
	"getpmsg",
	"init_module",
	"ioperm",
	"io_pgetevents",
	"iopl",
	"kcmp",
	"kexec_file_load",
	"kexec_load",
	"keyctl",
	"landlock_add_rule",
	"landlock_create_ruleset",
	"landlock_restrict_self",
	"link",
	"linkat",
	"listen",
	"migrate_pages",
	"mknod",
	"mknodat",
	"mount",
	"mount_setattr",
	"move_mount",
	"move_pages",
	"nfsservctl",
	"open_tree",
	"perf_event_open",
	"pidfd_getfd",
	"pidfd_open",
	"pivot_root",
	"process_mrelease",
	"process_vm_readv",
	"process_vm_writev",
	"ptrace",
	"putpmsg",
	"query_module",
	"quotactl",
	"quotactl_fd",
	"reboot",
	"request_key",
	"seccomp",
	"security",
	"setfsgid",
	"setfsuid",
	"setgid",
	"setgroups",
	"sethostname",
	"setns",
	"setpriority",
	"setregid",
	"setresgid",
	"setresuid",
	"setreuid",
	"setrlimit",
	"setsockopt",
	"settimeofday",
	"setuid",
	"shutdown",
	"swapoff",
	"swapon",
	"symlink",
	"symlinkat",
	"sync",
	"sync_file_range",
	"syncfs",
	"_sysctl",
	"syslog",
	"tuxcall",
	"umount2",
	"vserver",
};

/* Allowed on purpose; each row's rationale says why (SYSCALLS.md). */
static const char *const documented_deviations[] = {
	"shutdown",
	"setrlimit",
	"setpriority",
	"epoll_pwait2",
	"futex_waitv",
	"io_pgetevents",
	"process_mrelease",
	"landlock_add_rule",
	"landlock_create_ruleset",
	"landlock_restrict_self",
	"symlink",
	"symlinkat",
	"link",
	"linkat",
	"pidfd_open",
	/* Servers: the default jail has a private network namespace. */
	"accept",
	"accept4",
	"listen",
	/* allowed with the process's own ids only (argument rules) */
	"setuid",
	"setgid",
	"setreuid",
	"setregid",
	"setresuid",
	"setresgid",
	"setfsuid",
	"setfsgid",
	/* the kernel lets it only empty sets that are already empty */
	"capset",
};

static bool is_deviation(const char *name)
{
	for (size_t i = 0;
	     i < sizeof(documented_deviations) / sizeof(*documented_deviations);
	     i++)
		if (strcmp(documented_deviations[i], name) == 0)
			return true;
	return false;
}

static void test_original_blocked_stay_blocked(void **state)
{
	(void)state;
	for (size_t i = 0;
	     i < sizeof(original_blocked) / sizeof(*original_blocked); i++) {
		const struct cj_syscall *row =
		    cj_table_find(original_blocked[i]);

		if (!row)
			fail_msg("'%s' missing from the table",
				 original_blocked[i]);
		if (is_deviation(row->name))
			continue;
		if (row->action == CJ_ACT_ALLOW)
			fail_msg("'%s' was blocked by the original and is now "
				 "allowed without a documented reason",
				 row->name);
	}
}

/* Calls that do the same thing must share a verdict. */
static const char *const equivalent[][6] = {
	{ "setrlimit", "prlimit64" },
	{ "chmod", "fchmod", "fchmodat" },
	{ "getresuid", "getresgid" },
	{ "stat", "lstat", "fstat", "newfstatat", "statx" },
	{ "setuid", "setreuid", "setresuid", "setfsuid" },
	{ "setgid", "setregid", "setresgid", "setfsgid" },
	{ "epoll_wait", "epoll_pwait", "epoll_pwait2" },
	{ "accept", "accept4" },
	{ "link", "linkat" },
	{ "symlink", "symlinkat" },
	{ "mknod", "mknodat" },
	{ "mount", "umount2", "pivot_root", "chroot" },
	{ "process_vm_readv", "process_vm_writev", "ptrace" },
	{ "unshare", "setns" },
	{ "init_module", "finit_module", "delete_module" },
	{ "kexec_load", "kexec_file_load" },
	{ "io_uring_setup", "io_uring_enter", "io_uring_register" },
	{ "open_by_handle_at", "name_to_handle_at" },
	{ "open", "openat",
	  "creat" }, /* openat2: ENOSYS, its mode unreadable */
	{ "read", "readv", "pread64", "preadv", "preadv2" },
	{ "write", "writev", "pwrite64", "pwritev", "pwritev2" },
};

static void test_equivalent_share_verdict(void **state)
{
	(void)state;
	for (size_t g = 0; g < sizeof(equivalent) / sizeof(*equivalent); g++) {
		const struct cj_syscall *first =
		    cj_table_find(equivalent[g][0]);

		assert_non_null(first);
		for (size_t i = 1; i < 6 && equivalent[g][i]; i++) {
			const struct cj_syscall *r =
			    cj_table_find(equivalent[g][i]);

			assert_non_null(r);
			if (r->action != first->action)
				fail_msg("'%s' and '%s' differ", first->name,
					 r->name);
		}
	}
}

static void test_key_verdicts(void **state)
{
	(void)state;
	assert_int_equal(cj_table_find("clone3")->action, CJ_ACT_ERRNO);
	assert_int_equal(cj_table_find("clone3")->err, ENOSYS);
	assert_int_equal(cj_table_find("read")->action, CJ_ACT_ALLOW);
	/* probe-and-fall-back features answer ENOSYS, and stay DANGEROUS */
	assert_int_equal(cj_table_find("io_uring_setup")->action, CJ_ACT_ERRNO);
	assert_int_equal(cj_table_find("io_uring_setup")->err, ENOSYS);
	assert_true(cj_table_find("io_uring_setup")->flags & CJ_DANGEROUS);
	assert_int_equal(cj_table_find("setgroups")->action, CJ_ACT_KILL);
	assert_true(cj_table_find("chroot")->flags & CJ_DANGEROUS);
}

static void test_argrules_well_formed(void **state)
{
	size_t n;
	const struct cj_argrule *r = cj_argrules(&n);

	(void)state;
	assert_true(n >= 5);
	for (size_t i = 0; i < n; i++) {
		const struct cj_syscall *row = cj_table_find(r[i].name);

		assert_non_null(row);
		assert_true(r[i].arg < 6 && r[i].nvalues > 0);
		assert_true(strlen(r[i].why) > 40);
		assert_true(r[i].mask != 0);
	}
}

static void test_default_policy_conds(void **state)
{
	struct cj_policy p;

	(void)state;
	assert_int_equal(cj_policy_default(&p), 0);
	assert_true(cj_policy_has_conds(&p, cj_table_index("clone")));
	assert_true(cj_policy_has_conds(&p, cj_table_index("ioctl")));
	assert_true(cj_policy_has_conds(&p, cj_table_index("socket")));
	assert_false(cj_policy_has_conds(&p, cj_table_index("read")));
	assert_int_equal(p.fallback.action, CJ_ACT_KILL);
	assert_int_equal(p.unknown.action, CJ_ACT_ERRNO);
	assert_int_equal(p.unknown.err, ENOSYS);
	/* An edit replaces the verdict and drops the argument rules. */
	assert_int_equal(
	    cj_policy_set(&p, "ioctl", (struct cj_verdict){ CJ_ACT_KILL, 0 }),
	    0);
	assert_false(cj_policy_has_conds(&p, cj_table_index("ioctl")));
	assert_true(cj_policy_has_conds(&p, cj_table_index("clone")));
	assert_int_equal(
	    cj_policy_set(&p, "nosuch", (struct cj_verdict){ CJ_ACT_KILL, 0 }),
	    -ENOENT);
	cj_policy_free(&p);
}

/* Does the union of masked-equality pieces contain X? */
static bool covered(uint64_t x, const uint64_t *m, const uint64_t *v, int n)
{
	for (int i = 0; i < n; i++)
		if ((x & m[i]) == v[i])
			return true;
	return false;
}

/* Every range of 0..40 is covered exactly, by disjoint aligned blocks. */
static void test_range_pieces(void **state)
{
	uint64_t m[130], v[130];

	(void)state;
	for (uint64_t lo = 0; lo <= 40; lo++)
		for (uint64_t hi = lo; hi <= 40; hi++) {
			int n = cj_range_pieces(lo, hi, m, v, 130);

			assert_true(n > 0);
			for (uint64_t x = 0; x <= 64; x++) {
				int hits = 0;

				for (int i = 0; i < n; i++)
					hits += (x & m[i]) == v[i];
				assert_int_equal(hits, x >= lo && x <= hi);
			}
		}
	/* The 32-bit protocol space above 58: one block per bit. */
	assert_int_equal(cj_range_pieces(64, 0xffffffffu, m, v, 130), 26);
	assert_int_equal(cj_range_pieces(1, 5, m, v, 1), -ENOSPC);
	assert_int_equal(cj_range_pieces(5, 1, m, v, 1), 0);
}

static void test_complement_exhaustive_small(void **state)
{
	uint64_t m[512], v[512], vals[8];

	(void)state;
	srand(7);
	for (int round = 0; round < 200; round++) {
		size_t nv = (size_t)(rand() % 6);
		uint64_t mask = (uint64_t)(rand() % 256) | 1;
		int n;

		for (size_t i = 0; i < nv; i++)
			vals[i] = (uint64_t)(rand() % 512);
		n = cj_complement(mask, vals, nv, m, v, 512);
		assert_true(n >= 0);
		for (uint64_t x = 0; x < 1024; x++) {
			bool forbidden = false;

			for (size_t i = 0; i < nv; i++)
				forbidden |= (x & mask) == (vals[i] & mask);
			if (forbidden == covered(x, m, v, n))
				fail_msg("round %d: x=%llu wrong", round,
					 (unsigned long long)x);
		}
	}
}

static void test_complement_ignores_upper_half(void **state)
{
	const uint64_t vals[] = { 0x5412, 0x541c };
	uint64_t m[128], v[128];
	int n = cj_complement(0xffffffffu, vals, 2, m, v, 128);

	(void)state;
	assert_true(n > 0 && n <= 64);
	/* Garbage above bit 31 must not slip TIOCSTI through. */
	assert_false(covered(0x5412, m, v, n));
	assert_false(covered(0xdead00005412ULL, m, v, n));
	assert_false(covered(0x10000541cULL, m, v, n));
	assert_true(covered(0x5401, m, v, n)); /* TCGETS */
	assert_true(covered(0x100005401ULL, m, v, n));
	assert_int_equal(cj_complement(0xff, vals, 2, m, v, 1), -ENOSPC);
}

static void test_suggest(void **state)
{
	const char *out[5];
	size_t n = cj_table_suggest("chrot", out, 5);

	(void)state;
	assert_true(n >= 1);
	assert_string_equal(out[0], "chroot");
	n = cj_table_suggest("setsockop", out, 5);
	assert_true(n >= 1);
	assert_string_equal(out[0], "setsockopt");
}

/* Every option that takes a syscall name takes its native number too. */
static void test_index_by_number(void **state)
{
	char near[256];

	(void)state;
	assert_int_equal(cj_table_index_arg("161"), cj_table_index("chroot"));
	assert_int_equal(cj_table_index_arg("0"), cj_table_index("read"));
	assert_int_equal(cj_table_index_arg("chroot"),
			 cj_table_index("chroot"));
	assert_int_equal(cj_table_index_arg("99999"), -1);
	assert_int_equal(cj_table_index_arg("999999999999"), -1);
	assert_int_equal(cj_table_index_arg(""), -1);
	cj_table_suggest_text("99999", near, sizeof(near));
	assert_non_null(strstr(near, "number 99999"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rows_sorted_unique_resolvable),
		cmocka_unit_test(test_every_libseccomp_syscall_has_a_row),
		cmocka_unit_test(test_dangerous_never_allowed),
		cmocka_unit_test(test_original_blocked_stay_blocked),
		cmocka_unit_test(test_equivalent_share_verdict),
		cmocka_unit_test(test_key_verdicts),
		cmocka_unit_test(test_argrules_well_formed),
		cmocka_unit_test(test_default_policy_conds),
		cmocka_unit_test(test_complement_exhaustive_small),
		cmocka_unit_test(test_range_pieces),
		cmocka_unit_test(test_complement_ignores_upper_half),
		cmocka_unit_test(test_suggest),
		cmocka_unit_test(test_index_by_number),
	};

	return cmocka_run_group_tests_name("policy", tests, NULL, NULL);
}
