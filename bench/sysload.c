/* SPDX-License-Identifier: MIT */
/*
 * cj-sysload: the workloads `make bench` times. Linked statically so the
 * same binary runs on the host and, copied into the bench root, jailed.
 *
 *   cj-sysload loop SYSCALL CALLS [FILTER]
 *	SYSCALL is getppid or read (1 byte from /dev/zero). Installs FILTER
 *	in-process first, then times CALLS calls and prints
 *	"ns_per_call=X insns=N". FILTER:
 *	  none        no filter of its own (bare, or jailed by capejail)
 *	  allow-all   a filter that allows everything: the cost of entering
 *	              seccomp at all, the floor for any filter
 *	  default     capejail's default filter, cj_filter_build()
 *	  linear      the same rules without libseccomp's binary tree
 *	              (SCMP_FLTATR_CTL_OPTIMIZE=1: a linear if-chain)
 *	  tree-arg    default + an argument check on the hot syscall
 *	  linear-arg  linear + an argument check on the hot syscall
 *	The argument check (getppid: arg0 == 0; read: count <= 1 MiB) always
 *	holds, so it only takes the call out of the kernel's action cache.
 *
 *   cj-sysload mix PROCS ITERS
 *	A syscall-heavy program: PROCS processes (forked, so tracers must
 *	follow children), each ITERS rounds of getppid, read, openat, fstat,
 *	write, close and uname.
 *
 *   cj-sysload stamp MS
 *	Print CLOCK_MONOTONIC in ns (the moment the program runs), then
 *	sleep MS milliseconds.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cond.h"
#include "filter.h"
#include "policy.h"

static int usage(void)
{
	fputs("usage: cj-sysload loop getppid|read CALLS "
	      "[none|allow-all|default|linear|tree-arg|linear-arg]\n"
	      "       cj-sysload mix PROCS ITERS\n"
	      "       cj-sysload stamp MS\n",
	      stderr);
	return 2;
}

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static long parse_long(const char *s)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 0)
		return -1;
	return v;
}

/* ---- in-process filters ------------------------------------------------ */

static int load_bpf(const struct cj_bpf *bpf)
{
	struct sock_fprog prog = { .len = (unsigned short)bpf->len,
				   .filter = bpf->insns };

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
	    syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog))
		return -errno;
	return 0;
}

/*
 * The default policy compiled by libcapejail (kill instead of notify:
 * nobody listens here) at optimisation level OPTIMIZE, optionally with an
 * argument check on HOT_NR that always holds but that the kernel cannot
 * cache.
 */
static int load_policy(struct cj_policy *p, int optimize, int hot_nr,
		       int *insns)
{
	struct cj_bpf bpf;
	int rc;

	if (hot_nr >= 0) {
		char name[64];
		int row =
		    cj_table_index(cj_sysname(hot_nr, name, sizeof(name)));
		struct cj_cond c = {
			.row = row,
			.action = CJ_ACT_ALLOW,
			.ncmp = 1,
			.cmp = { hot_nr == SYS_getppid
				     ? (struct cj_argcmp){ 0, CJ_CMP_EQ, 0, 0 }
				     : (struct cj_argcmp){ 2, CJ_CMP_LE,
							   1 << 20, 0 } },
		};

		if (row < 0)
			return -ENOENT;
		rc = cj_policy_add_cond(p, &c);
		if (rc)
			return rc;
	}
	rc = cj_filter_build_level(p, false, optimize, &bpf);
	if (rc)
		return rc;
	*insns = (int)bpf.len;
	rc = load_bpf(&bpf);
	cj_bpf_free(&bpf);
	return rc;
}

static int load_allow_all(int *insns)
{
	scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
	int fd = memfd_create("cj-sysload-bpf", MFD_CLOEXEC), rc;

	if (!ctx || fd < 0)
		return -ENOMEM;
	*insns = seccomp_export_bpf(ctx, fd) == 0
		     ? (int)(lseek(fd, 0, SEEK_END) / 8)
		     : -1;
	close(fd);
	rc = seccomp_load(ctx);
	seccomp_release(ctx);
	return rc;
}

static int install(const char *filter, int hot_nr, int *insns)
{
	struct cj_policy p;
	int rc;

	*insns = 0;
	if (strcmp(filter, "none") == 0)
		return 0;
	rc = cj_policy_default(&p);
	if (rc)
		return rc;
	if (strcmp(filter, "allow-all") == 0)
		rc = load_allow_all(insns);
	else if (strcmp(filter, "default") == 0)
		rc = load_policy(&p, 2, -1, insns);
	else if (strcmp(filter, "linear") == 0)
		rc = load_policy(&p, 1, -1, insns);
	else if (strcmp(filter, "tree-arg") == 0)
		rc = load_policy(&p, 2, hot_nr, insns);
	else if (strcmp(filter, "linear-arg") == 0)
		rc = load_policy(&p, 1, hot_nr, insns);
	else
		rc = -EINVAL;
	cj_policy_free(&p);
	return rc;
}

/* ---- workloads ---------------------------------------------------------- */

static int loop(int argc, char **argv)
{
	const char *filter = argc > 4 ? argv[4] : "none";
	bool is_read = strcmp(argv[2], "read") == 0;
	long calls = parse_long(argv[3]);
	int fd = -1, insns, rc;
	long long t0, t1;
	char c;

	if (calls <= 0 || (!is_read && strcmp(argv[2], "getppid") != 0))
		return usage();
	if (is_read) {
		fd = open("/dev/zero", O_RDONLY | O_CLOEXEC);
		if (fd < 0) {
			perror("cj-sysload: /dev/zero");
			return 1;
		}
	}
	rc = install(filter, is_read ? SCMP_SYS(read) : SCMP_SYS(getppid),
		     &insns);
	if (rc) {
		fprintf(stderr, "cj-sysload: install filter '%s': %s\n", filter,
			strerror(-rc));
		return 1;
	}
	/* Warm up caches and the branch predictor. */
	for (int i = 0; i < 10000; i++) {
		if (is_read)
			(void)!read(fd, &c, 1);
		else
			syscall(SYS_getppid, 0);
	}
	t0 = now_ns();
	if (is_read) {
		for (long i = 0; i < calls; i++)
			if (read(fd, &c, 1) != 1)
				return 1;
	} else {
		for (long i = 0; i < calls; i++)
			syscall(SYS_getppid, 0);
	}
	t1 = now_ns();
	printf("ns_per_call=%.4f insns=%d\n", (double)(t1 - t0) / (double)calls,
	       insns);
	return 0;
}

static int mix_one(long iters)
{
	struct utsname u;
	struct stat st;
	char c;
	int zero = open("/dev/zero", O_RDONLY | O_CLOEXEC);

	if (zero < 0)
		return 1;
	for (long i = 0; i < iters; i++) {
		int fd;

		syscall(SYS_getppid, 0);
		if (read(zero, &c, 1) != 1)
			return 1;
		fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
		if (fd < 0 || fstat(fd, &st) || write(fd, &c, 1) != 1)
			return 1;
		close(fd);
		uname(&u);
	}
	close(zero);
	return 0;
}

static int mix(char **argv)
{
	long procs = parse_long(argv[2]), iters = parse_long(argv[3]);
	int rc = 0, status;

	if (procs < 1 || iters < 0)
		return usage();
	for (long i = 1; i < procs; i++) {
		pid_t pid = fork();

		if (pid < 0)
			return 1;
		if (pid == 0)
			_exit(mix_one(iters));
	}
	rc = mix_one(iters);
	while (wait(&status) > 0)
		if (!WIFEXITED(status) || WEXITSTATUS(status))
			rc = 1;
	return rc;
}

static int stamp(char **argv)
{
	long ms = parse_long(argv[2]);
	struct timespec ts;

	if (ms < 0)
		return usage();
	printf("%lld\n", now_ns());
	fflush(stdout);
	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 4 && strcmp(argv[1], "loop") == 0)
		return loop(argc, argv);
	if (argc == 4 && strcmp(argv[1], "mix") == 0)
		return mix(argv);
	if (argc == 3 && strcmp(argv[1], "stamp") == 0)
		return stamp(argv);
	return usage();
}
