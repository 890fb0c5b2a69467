/* SPDX-License-Identifier: MIT */
/*
 * The filter built from the default policy, loaded for real in forked
 * children (no root needed: no_new_privs is set first). Each case makes one
 * call and the parent checks the outcome: it ran, it failed with an errno
 * without running, or the child was killed by SIGSYS.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/sysmacros.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "capejail.h"
#include "default_filter.h"
#include "child.h"
#include "gen/fingerprint.h"
#include "grantopens.h"
#include "sharenet.h"

static struct cj_bpf bpf;

static enum outcome run(call_fn fn, int *err)
{
	return run_in_child(&bpf, fn, err);
}

static void expect_ran(call_fn fn, const char *what)
{
	int err = 0;
	enum outcome o = run(fn, &err);

	if (o == KILLED)
		fail_msg("%s: killed, expected to run", what);
	/* It may fail, but not with ENOSYS from the filter. */
	if (o == FAILED && err == ENOSYS)
		fail_msg("%s: ENOSYS, expected to reach the kernel", what);
}

static void expect_errno(call_fn fn, int want, const char *what)
{
	int err = 0;
	enum outcome o = run(fn, &err);

	if (o != FAILED || err != want)
		fail_msg("%s: outcome %d errno %d, expected errno %d", what, o,
			 err, want);
}

static void expect_killed(call_fn fn, const char *what)
{
	int err = 0;

	switch (run(fn, &err)) {
	case KILLED:
		return;
	case FAULTED:
		fail_msg("%s: faulted with signal %d, expected SIGSYS", what,
			 err);
		return;
	case RAN:
	case FAILED:
		break;
	}
	fail_msg("%s: not killed (errno %d)", what, err);
}

static long c_getppid(void)
{
	return syscall(SYS_getppid);
}
static long c_read(void)
{
	char c;
	return read(open("/dev/zero", O_RDONLY), &c, 1);
}
static long c_chroot(void)
{
	return syscall(SYS_chroot, "/");
}
static long c_mount(void)
{
	return syscall(SYS_mount, "x", "/", "tmpfs", 0, 0);
}
static long c_unshare(void)
{
	return syscall(SYS_unshare, 0x10000000);
}
static long c_setns(void)
{
	return syscall(SYS_setns, -1, 0);
}
static long c_ptrace(void)
{
	return syscall(SYS_ptrace, 0x10, 1, 0, 0);
}
static long c_mknod_chr(void)
{
	return syscall(SYS_mknodat, AT_FDCWD, "/nonexistent/x", S_IFCHR | 0600,
		       makedev(1, 3));
}
static long c_mknod_fifo(void)
{
	return syscall(SYS_mknodat, AT_FDCWD, "/nonexistent/x", S_IFIFO | 0600,
		       0);
}
static long c_clone3(void)
{
	return syscall(435, NULL, 0);
}
static long c_clone_newuser(void)
{
	/* Killed before it can run; if it ran, the child exits at once. */
	long r = syscall(SYS_clone, 0x10000000 | SIGCHLD, 0, 0, 0, 0);
	if (r == 0)
		_exit(0);
	return r;
}
static long c_clone_plain(void)
{
	long r = syscall(SYS_clone, SIGCHLD, 0, 0, 0, 0);
	if (r == 0)
		_exit(0);
	return r;
}
static long c_ioctl_tiocsti(void)
{
	/* Garbage in the upper half must not help. */
	return syscall(SYS_ioctl, 0, 0xdead00005412UL, "x");
}
static long c_ioctl_tioclinux(void)
{
	return syscall(SYS_ioctl, 0, TIOCLINUX, "x");
}
static long c_ioctl_tiocsetd(void)
{
	int ldisc = 0;
	return syscall(SYS_ioctl, 0, TIOCSETD, &ldisc);
}
static long c_ioctl_tcgets(void)
{
	struct termios *t[8];
	return syscall(SYS_ioctl, 0, TCGETS, t);
}
static long c_io_uring(void)
{
	return syscall(425, 1, NULL);
}
static long c_unknown_nr(void)
{
	return syscall(CJ_NR_LIMIT - 1);
}
static long c_high_nr(void)
{
	return syscall(1000);
}
/* A raw syscall's result (-errno on failure) as libc would return it. */
static long raw_result(long r)
{
	if (r < 0 && r > -4096) {
		errno = (int)-r;
		return -1;
	}
	return r;
}

static long c_x32(void)
{
	long r;

	__asm__ volatile("syscall"
			 : "=a"(r)
			 : "a"(0x40000000L | 39)
			 : "rcx", "r11", "memory");
	return raw_result(r);
}
static long c_int80(void)
{
	long r;

	__asm__ volatile("int $0x80" : "=a"(r) : "a"(20L) : "memory");
	return raw_result(r);
}
static long c_netlink(void)
{
	return socket(AF_NETLINK, SOCK_RAW, 0);
}
static long c_packet(void)
{
	return socket(AF_PACKET, SOCK_RAW, 0);
}
static long c_inet(void)
{
	return socket(AF_INET, SOCK_STREAM, 0);
}
static long c_unix_seqpacket(void)
{
	return socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
}
static long c_udp6(void)
{
	return socket(AF_INET6, SOCK_DGRAM | SOCK_NONBLOCK, IPPROTO_UDP);
}
static long c_mptcp(void)
{
	return socket(AF_INET, SOCK_STREAM, 262 /* IPPROTO_MPTCP */);
}
static long c_udplite(void)
{
	return socket(AF_INET6, SOCK_DGRAM, 136 /* IPPROTO_UDPLITE */);
}
static long c_inet_raw(void)
{
	return socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);
}
static long c_tcp_hi_garbage(void)
{
	/* TCP in the low 32 bits, garbage above: refused, never allowed. */
	return syscall(SYS_socket, AF_INET, SOCK_STREAM, 0x100000006UL);
}
static long c_io_setup(void)
{
	unsigned long ctx = 0;

	return syscall(SYS_io_setup, 1, &ctx);
}
static long c_nodelay(void)
{
	int one = 1, fd = socket(AF_INET, SOCK_STREAM, 0);
	return setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
}
static long c_reuseaddr(void)
{
	int one = 1, fd = socket(AF_INET, SOCK_STREAM, 0);
	return setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
}
static long c_bindtodevice(void)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	return setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, "lo", 3);
}
static long c_setuid_own(void)
{
	return syscall(SYS_setuid, getuid());
}
static long c_setuid_other(void)
{
	return syscall(SYS_setuid, getuid() + 1);
}
static long c_setresuid_own(void)
{
	return syscall(SYS_setresuid, -1, getuid(), -1);
}
static long c_setresuid_mixed(void)
{
	return syscall(SYS_setresuid, getuid(), getuid() + 1, -1);
}
static long c_setgid_own_hibits(void)
{
	/* The kernel reads 32 bits: garbage above must not matter. */
	return syscall(SYS_setgid, 0xdead00000000UL | getgid());
}
static long c_setgid_other(void)
{
	return syscall(SYS_setgid, getgid() + 1);
}
static long c_setgroups(void)
{
	return syscall(SYS_setgroups, 0, NULL);
}
static long c_listen(void)
{
	return listen(0, 1);
}
static long c_accept4(void)
{
	return accept4(0, NULL, NULL, 0);
}
static long c_bind(void)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	return bind(0, (struct sockaddr *)&sa, sizeof(sa));
}
static long c_persona_query(void)
{
	return syscall(SYS_personality, 0xffffffffUL);
}
static long c_persona_bad(void)
{
	return syscall(SYS_personality, ADDR_NO_RANDOMIZE);
}
static long c_prlimit_other(void)
{
	return syscall(SYS_prlimit64, 1, RLIMIT_NOFILE, NULL, NULL);
}
static long c_prlimit_self(void)
{
	struct rlimit r;
	return syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, NULL, &r);
}
static long c_afs(void)
{
	return syscall(SYS_afs_syscall);
}

static void test_allowed(void **state)
{
	(void)state;
	expect_ran(c_getppid, "getppid");
	expect_ran(c_read, "read");
	expect_ran(c_clone_plain, "clone without namespace flags");
	expect_ran(c_ioctl_tcgets, "ioctl TCGETS");
	expect_ran(c_mknod_fifo, "mknodat FIFO");
	expect_ran(c_inet, "socket AF_INET");
	expect_ran(c_unix_seqpacket, "socket AF_UNIX SOCK_SEQPACKET");
	expect_ran(c_udp6, "socket AF_INET6 UDP, with flags");
	expect_ran(c_nodelay, "setsockopt TCP_NODELAY");
	expect_ran(c_reuseaddr, "setsockopt SO_REUSEADDR");
	expect_ran(c_listen, "listen (private network namespace)");
	expect_ran(c_accept4, "accept4 (private network namespace)");
	expect_ran(c_bind, "bind (private network namespace)");
	expect_ran(c_persona_query, "personality query");
	expect_ran(c_prlimit_self, "prlimit64 on itself");
}

static void test_killed(void **state)
{
	(void)state;
	expect_killed(c_chroot, "chroot");
	expect_killed(c_mount, "mount");
	expect_killed(c_unshare, "unshare");
	expect_killed(c_setns, "setns");
	expect_killed(c_ptrace, "ptrace");
	expect_killed(c_mknod_chr, "mknodat char device");
	expect_killed(c_clone_newuser, "clone CLONE_NEWUSER");
	expect_killed(c_ioctl_tiocsti, "ioctl TIOCSTI (upper bits set)");
	expect_killed(c_ioctl_tioclinux, "ioctl TIOCLINUX");
	expect_killed(c_ioctl_tiocsetd, "ioctl TIOCSETD");
	expect_killed(c_packet, "socket AF_PACKET");
	expect_killed(c_bindtodevice, "setsockopt SO_BINDTODEVICE");
	expect_killed(c_setgroups, "setgroups");
	expect_killed(c_persona_bad, "personality ADDR_NO_RANDOMIZE");
	expect_killed(c_prlimit_other, "prlimit64 on another pid");
	expect_killed(c_high_nr, "syscall 1000");
}

/* --share-net: bind and listen stop (the supervisor decides), accept runs. */
static void test_sharenet(void **state)
{
	struct cj_bpf dflt = bpf;
	struct cj_policy p;

	(void)state;
	assert_int_equal(cj_policy_default(&p), 0);
	assert_int_equal(cj_policy_share_net(&p), 0);
	assert_int_equal(cj_filter_build(&p, false, &bpf), 0);
	cj_policy_free(&p);
	expect_killed(c_listen, "listen under --share-net");
	expect_killed(c_bind, "bind under --share-net");
	expect_ran(c_accept4, "accept4 under --share-net");
	expect_ran(c_inet, "socket AF_INET under --share-net");
	cj_bpf_free(&bpf);
	bpf = dflt;
}

/*
 * x32 (syscall numbers with bit 30 set): the filter must kill them whether
 * or not this kernel has the x32 ABI, so the control only says which case
 * was tested.
 */
static void test_x32_killed(void **state)
{
	int err = 0;
	enum outcome control = run_in_child(NULL, c_x32, &err);

	(void)state;
	print_message("control: x32 getpid unfiltered: %s\n",
		      control == RAN ? "ran (x32 ABI enabled)"
				     : "failed (x32 ABI disabled)");
	expect_killed(c_x32, "x32 getpid");
}

/*
 * i386 (int 0x80): the positive control first. Without IA-32 emulation
 * (ia32_emulation=0, CONFIG_IA32_EMULATION off) int 0x80 faults before any
 * syscall is made, so there is nothing for the filter to stop: skip.
 */
static void test_int80_killed(void **state)
{
	int err = 0;
	enum outcome control = run_in_child(NULL, c_int80, &err);

	(void)state;
	if (control == FAULTED) {
		print_message("SKIP int 0x80: IA-32 emulation is disabled on "
			      "this kernel (int 0x80 raised signal %d "
			      "unfiltered)\n",
			      err);
		skip();
	}
	if (control != RAN)
		fail_msg("control: int 0x80 getpid unfiltered: outcome %d "
			 "errno %d, expected to run",
			 control, err);
	expect_killed(c_int80, "int 0x80 getpid");
}

static void test_errno_verdicts(void **state)
{
	(void)state;
	expect_errno(c_clone3, ENOSYS, "clone3");
	expect_errno(c_io_uring, ENOSYS, "io_uring_setup");
	expect_errno(c_netlink, EAFNOSUPPORT, "socket AF_NETLINK");
	expect_errno(c_mptcp, EPROTONOSUPPORT, "socket MPTCP");
	expect_errno(c_udplite, EPROTONOSUPPORT, "socket UDP-Lite");
	expect_errno(c_inet_raw, EPROTONOSUPPORT, "socket AF_INET SOCK_RAW");
	expect_errno(c_tcp_hi_garbage, EPROTONOSUPPORT,
		     "socket TCP with garbage in the upper half");
	expect_errno(c_io_setup, ENOSYS, "io_setup (host-wide AIO pool)");
	expect_errno(c_afs, ENOSYS, "afs_syscall");
	expect_errno(c_unknown_nr, ENOSYS, "a number libseccomp does not know");
}

/*
 * The uid and gid calls: allowed with the process's own ids once the
 * launcher has bound them into the filter, killed with any other id, and
 * killed with every real id while unbound.
 */
static void test_own_ids(void **state)
{
	struct cj_bpf own;

	(void)state;
	expect_killed(c_setuid_own, "setuid(own uid), filter unbound");
	assert_int_equal(cj_bpf_copy(&own, &bpf), 0);
	assert_true(cj_bpf_bind_ids(&own, getuid(), getgid()) > 0);
	/* every placeholder was bound: none is left */
	assert_int_equal(cj_bpf_bind_ids(&own, 1, 1), 0);
	{
		int err = 0;
		enum outcome o;

		o = run_in_child(&own, c_setuid_own, &err);
		assert_int_equal(o == RAN || (o == FAILED && err != ENOSYS),
				 true);
		o = run_in_child(&own, c_setresuid_own, &err);
		assert_int_equal(o == RAN || (o == FAILED && err != ENOSYS),
				 true);
		o = run_in_child(&own, c_setgid_own_hibits, &err);
		assert_int_equal(o == RAN || (o == FAILED && err != ENOSYS),
				 true);
		assert_int_equal(run_in_child(&own, c_setuid_other, &err),
				 KILLED);
		assert_int_equal(run_in_child(&own, c_setresuid_mixed, &err),
				 KILLED);
		assert_int_equal(run_in_child(&own, c_setgid_other, &err),
				 KILLED);
	}
	cj_bpf_free(&own);
}

/* The precompiled program is the one the tree's policy compiles to. */
static void test_precompiled_default_matches_a_compile(void **state)
{
	struct cj_policy p;
	struct cj_bpf fresh;

	(void)state;
	assert_int_equal(cj_policy_default(&p), 0);
	assert_int_equal(cj_filter_build(&p, true, &fresh), 0);
	if (fresh.len != cj_default_filter.len ||
	    memcmp(fresh.insns, cj_default_filter.insns, fresh.len * 8))
		fail_msg("build/gen/default_filter.c differs from a compile of "
			 "the default policy: rebuild (make)");
	cj_bpf_free(&fresh);
	cj_policy_free(&p);
}

/* The same for --share-net's program, and it differs where it should. */
static void test_precompiled_sharenet_matches_a_compile(void **state)
{
	struct cj_policy p;
	struct cj_bpf fresh;

	(void)state;
	assert_int_equal(cj_policy_default(&p), 0);
	assert_int_equal(cj_policy_share_net(&p), 0);
	assert_int_equal(p.rows[cj_table_index("listen")].action, CJ_ACT_KILL);
	assert_int_equal(p.rows[cj_table_index("bind")].action, CJ_ACT_KILL);
	assert_int_equal(p.rows[cj_table_index("accept4")].action,
			 CJ_ACT_ALLOW);
	assert_int_equal(cj_filter_build(&p, true, &fresh), 0);
	if (fresh.len != cj_sharenet_filter.len ||
	    memcmp(fresh.insns, cj_sharenet_filter.insns, fresh.len * 8))
		fail_msg("build/gen/default_filter.c's cj_sharenet_filter "
			 "differs from a compile of the --share-net policy: "
			 "rebuild (make)");
	assert_false(
	    fresh.len == cj_default_filter.len &&
	    memcmp(fresh.insns, cj_default_filter.insns, fresh.len * 8) == 0);
	cj_bpf_free(&fresh);
	cj_policy_free(&p);
}

/*
 * --discover-fd's precompiled program is the default policy with every
 * kill and errno verdict a notification: a fresh compile of it, and
 * neither of the jail's programs.
 */
static void test_precompiled_discover_matches_a_compile(void **state)
{
	struct cj_policy p;
	struct cj_bpf fresh;

	(void)state;
	assert_int_equal(cj_policy_default(&p), 0);
	assert_int_equal(cj_filter_build_mode(&p, CJ_NOTIFY_ALL, 2, &fresh), 0);
	if (fresh.len != cj_discover_filter.len ||
	    memcmp(fresh.insns, cj_discover_filter.insns, fresh.len * 8))
		fail_msg("build/gen/default_filter.c's cj_discover_filter "
			 "differs from a compile of the default policy in "
			 "discovery mode: rebuild (make)");
	assert_false(
	    fresh.len == cj_default_filter.len &&
	    memcmp(fresh.insns, cj_default_filter.insns, fresh.len * 8) == 0);
	cj_bpf_free(&fresh);
	cj_policy_free(&p);
}

/* The grants' precompiled program: the default with the opens notified. */
static void test_precompiled_grant_matches_a_compile(void **state)
{
	struct cj_policy p;
	struct cj_bpf fresh;

	(void)state;
	assert_int_equal(cj_policy_default(&p), 0);
	assert_int_equal(cj_policy_grant_opens(&p), 0);
	assert_int_equal(p.rows[cj_table_index("openat")].action, CJ_ACT_KILL);
	assert_false(cj_policy_has_conds(&p, cj_table_index("openat")));
	assert_int_equal(cj_filter_build(&p, true, &fresh), 0);
	if (fresh.len != cj_grant_filter.len ||
	    memcmp(fresh.insns, cj_grant_filter.insns, fresh.len * 8))
		fail_msg("build/gen/default_filter.c's cj_grant_filter "
			 "differs from a compile of the default policy with "
			 "the opens notified: rebuild (make)");
	cj_bpf_free(&fresh);
	cj_policy_free(&p);
}

/*
 * The precompiled program was made from the policy files in the tree and
 * by this libseccomp: the generator recorded their fingerprint, recomputed
 * here from the files as they are now (the tests run from the repository
 * root). An edited syscalls.def without a rebuild fails here.
 */
static void test_precompiled_default_is_fresh(void **state)
{
	const struct cj_made_from *m = &cj_default_filter_made_from;
	char now[64], version[32];
	int rc;

	(void)state;
	assert_non_null(m->files[0]);
	rc = cj_fingerprint_files(m->files, now, sizeof(now));
	if (rc)
		fail_msg("%s...: %s (run the tests from the repository root)",
			 m->files[0], strerror(-rc));
	if (strcmp(now, m->fingerprint) != 0)
		fail_msg("build/gen/default_filter.c is stale: made from %s "
			 "%s..., which are %s now; rebuild (make)",
			 m->fingerprint, m->files[0], now);
	cj_libseccomp_version(version, sizeof(version));
	if (strcmp(version, m->libseccomp) != 0)
		fail_msg("build/gen/default_filter.c is stale: compiled by "
			 "libseccomp %s, this is %s; rebuild (make)",
			 m->libseccomp, version);
}

/* The fingerprint sees a one-byte change of a policy file, and only that. */
static void test_fingerprint_sees_an_edit(void **state)
{
	const struct cj_made_from *m = &cj_default_filter_made_from;
	char path[] = "/tmp/capejail-fingerprint-XXXXXX", a[64], b[64];
	const char *files[] = { path, NULL };
	FILE *in = fopen(m->files[0], "rb");
	int fd = mkstemp(path), c;
	FILE *out = fd >= 0 ? fdopen(fd, "wb") : NULL;

	(void)state;
	assert_non_null(in);
	assert_non_null(out);
	while ((c = fgetc(in)) != EOF)
		fputc(c, out);
	fclose(in);
	assert_int_equal(fflush(out), 0);
	assert_int_equal(cj_fingerprint_files(files, a, sizeof(a)), 0);
	fputc('\n', out);
	fclose(out);
	assert_int_equal(cj_fingerprint_files(files, b, sizeof(b)), 0);
	unlink(path);
	assert_string_not_equal(a, b);
	/* The contents count, not where the file is. */
	files[0] = m->files[0];
	assert_int_equal(cj_fingerprint_files(files, b, sizeof(b)), 0);
	assert_string_equal(a, b);
}

static int setup(void **state)
{
	struct cj_policy p;

	(void)state;
	if (cj_policy_default(&p) || cj_filter_build(&p, false, &bpf))
		return -1;
	cj_policy_free(&p);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	cj_bpf_free(&bpf);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_allowed),
		cmocka_unit_test(test_killed),
		cmocka_unit_test(test_sharenet),
		cmocka_unit_test(test_x32_killed),
		cmocka_unit_test(test_int80_killed),
		cmocka_unit_test(test_errno_verdicts),
		cmocka_unit_test(test_own_ids),
		cmocka_unit_test(test_precompiled_default_matches_a_compile),
		cmocka_unit_test(test_precompiled_sharenet_matches_a_compile),
		cmocka_unit_test(test_precompiled_discover_matches_a_compile),
		cmocka_unit_test(test_precompiled_grant_matches_a_compile),
		cmocka_unit_test(test_precompiled_default_is_fresh),
		cmocka_unit_test(test_fingerprint_sees_an_edit),
	};

	return cmocka_run_group_tests_name("filter", tests, setup, teardown);
}
