/* SPDX-License-Identifier: MIT */
/*
 * probe.h: the contract every escape probe follows (see docs/escape-probes.md).
 *
 *   exit 0, "ESCAPED: evidence"        the breach worked
 *   exit 1, "BLOCKED: what (ENAME)"    stopped by the kernel with errno ENAME
 *                                      ("(none)": stopped, nothing to see)
 *   exit 2, "SKIP: reason"             the breach cannot be tried here
 *   killed by a signal                 read by the harness (SIGSYS: seccomp)
 *
 * Probes are built static, without sanitizers, and end after PROBE_TIMEOUT
 * seconds whatever happens (SIGALRM). A probe never harms the host even when
 * it escapes: it reads a marker file, attaches only to the harness's
 * sacrificial process, and calls dangerous syscalls with invalid arguments.
 *
 * Rule: a probe always makes the syscall it is about, even when a preparation
 * step failed (use a fallback argument), so that inside the jail the filter
 * is really asked about it.
 */
#ifndef CAPEJAIL_PROBE_H
#define CAPEJAIL_PROBE_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PROBE_TIMEOUT 10

static inline const char *errname(int err)
{
	static char buf[16];
	const char *n = err > 0 ? strerrorname_np(err) : NULL;

	if (err == 0)
		return "none";
	if (n)
		return n;
	snprintf(buf, sizeof(buf), "E%d", err);
	return buf;
}

static inline void probe_vsay(const char *tag, const char *fmt, va_list ap,
			      const char *tail)
{
	char msg[1024];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	/* one line: the harness reads the first line that starts with TAG */
	for (char *p = msg; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	printf("%s: %s%s\n", tag, msg, tail);
	fflush(stdout);
}

__attribute__((noreturn, format(printf, 1, 2))) static inline void
escaped(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	probe_vsay("ESCAPED", fmt, ap, "");
	va_end(ap);
	exit(0);
}

/* ERR 0 means "stopped, and there is no errno to show" (e.g. sees nothing). */
__attribute__((noreturn, format(printf, 2, 3))) static inline void
blocked(int err, const char *fmt, ...)
{
	char tail[32];
	va_list ap;

	snprintf(tail, sizeof(tail), " (%s)", errname(err));
	va_start(ap, fmt);
	probe_vsay("BLOCKED", fmt, ap, tail);
	va_end(ap);
	exit(1);
}

__attribute__((noreturn, format(printf, 1, 2))) static inline void
skip(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	probe_vsay("SKIP", fmt, ap, "");
	va_end(ap);
	exit(2);
}

/* Progress notes for a human reading the harness's logs (not parsed). */
__attribute__((format(printf, 1, 2))) static inline void note(const char *fmt,
							      ...)
{
	va_list ap;

	va_start(ap, fmt);
	probe_vsay("note", fmt, ap, "");
	va_end(ap);
}

/* Arm the time bound; every probe calls this first. */
static inline void probe_init(void)
{
	alarm(PROBE_TIMEOUT);
	setvbuf(stdout, NULL, _IOLBF, 0);
}

/* argv[i], or DEF when the harness gave fewer arguments. */
static inline const char *arg(int argc, char **argv, int i, const char *def)
{
	return i < argc && argv[i][0] ? argv[i] : def;
}

static inline long arg_long(int argc, char **argv, int i, long def)
{
	const char *s = arg(argc, argv, i, NULL);
	char *end;
	long v;

	if (!s)
		return def;
	errno = 0;
	v = strtol(s, &end, 10);
	return errno || *end ? def : v;
}

/*
 * The seccomp mode of this process: 0 none, 1 strict, 2 filter, -1 unknown.
 * Read from /proc/self/status; prctl() as a fallback when /proc is missing.
 */
static inline int seccomp_mode(void)
{
	char line[256];
	int mode = -1;
	FILE *f = fopen("/proc/self/status", "re");

	if (f) {
		while (fgets(line, sizeof(line), f))
			if (sscanf(line, "Seccomp: %d", &mode) == 1)
				break;
		fclose(f);
	}
	if (mode < 0)
		mode = prctl(PR_GET_SECCOMP, 0, 0, 0, 0);
	return mode;
}

/*
 * The invalid-argument verdict, for a privileged syscall called with
 * arguments the kernel must reject (so that it never does anything):
 *   - it returned >= 0, or failed with anything but EPERM/EACCES/ENOSYS:
 *     the call reached the kernel's implementation past the privilege
 *     check -> ESCAPED (in a jail, the filter let it through);
 *   - EPERM/EACCES: the kernel refused for lack of privilege -> BLOCKED;
 *   - ENOSYS: either this kernel lacks the syscall (CONFIG_*=n) or a filter
 *     answered ENOSYS. Without any seccomp filter it can only be the kernel:
 *     the call was dispatched -> ESCAPED ("reached the kernel, which lacks
 *     it"); under a filter the two cannot be told apart -> BLOCKED(ENOSYS).
 */
__attribute__((noreturn)) static inline void reached(const char *call, long ret,
						     int err)
{
	if (ret >= 0)
		escaped("%s succeeded (returned %ld)", call, ret);
	if (err == EPERM || err == EACCES)
		blocked(err, "%s refused for lack of privilege", call);
	if (err == ENOSYS) {
		int mode = seccomp_mode();

		if (mode == 0)
			escaped("%s reached the kernel, which lacks it "
				"(ENOSYS, no seccomp filter in the way)",
				call);
		blocked(err, "%s answered ENOSYS under seccomp mode %d", call,
			mode);
	}
	escaped("%s reached the kernel past its privilege check (%s)", call,
		errname(err));
}

/*
 * The processes a "reach another process" probe tries, in order: the
 * harness's sacrificial process (PID), and only when that one is not
 * visible (we are in another PID namespace, i.e. jailed) the namespace's
 * init and our parent. Never ourselves. Returns the count written to OUT.
 */
static inline int probe_targets(long pid, pid_t *out)
{
	pid_t self = getpid(), cand[3];
	int n = 0;

	cand[0] = (pid_t)pid;
	cand[1] = 1;
	cand[2] = getppid();
	for (int i = 0; i < 3; i++) {
		pid_t c = cand[i];
		int dup = 0;

		if (c <= 0 || c == self)
			continue;
		for (int j = 0; j < n; j++)
			dup |= out[j] == c;
		if (dup)
			continue;
		out[n++] = c;
		/* the sacrificial process is visible: never try anyone else */
		if (i == 0 && (kill(c, 0) == 0 || errno == EPERM))
			break;
	}
	return n;
}

/*
 * Start address of the first mapping of PID whose permissions start with
 * PERMS ("r" or "rw"), from /proc/PID/maps; 0 when unknown.
 */
static inline unsigned long probe_mapping(pid_t pid, const char *perms)
{
	char path[64], line[512], p[8];
	unsigned long start = 0, lo, hi;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/maps", (int)pid);
	f = fopen(path, "re");
	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%lx-%lx %7s", &lo, &hi, p) == 3 &&
		    !strncmp(p, perms, strlen(perms))) {
			start = lo;
			break;
		}
	fclose(f);
	return start;
}

/*
 * For probes whose breach runs in a child: a child killed by a signal
 * (SIGSYS from seccomp) ends the probe with the same signal, so that the
 * harness reads KILLED(sig) as for a probe that made the call itself.
 */
static inline void propagate_child_signal(int status)
{
	if (WIFSIGNALED(status)) {
		int sig = WTERMSIG(status);

		printf("note: child killed by signal %d, ending with it\n",
		       sig);
		fflush(stdout);
		signal(sig, SIG_DFL);
		raise(sig);
		_exit(128 + sig);
	}
}

/*
 * For the disk-fill probes: create a scratch file in DIR and unlink it at
 * once, so that its space is freed when the probe ends however it ends
 * (even killed by SIGXFSZ); then write up to MIB MiB into it, 1 MiB at a
 * time. Returns the bytes written; *ERR is 0 when the bound was reached,
 * else the errno that stopped the writing. PATH gets the file's name.
 */
static inline long long fill_file(const char *dir, long mib, int *err,
				  char *path, size_t len)
{
	static char chunk[1 << 20];
	long long done = 0, want = (long long)mib << 20;
	int fd;

	memset(chunk, 'x', sizeof(chunk));
	snprintf(path, len, "%s/capejail-fill.%d", dir, (int)getpid());
	*err = 0;
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0) {
		*err = errno;
		return 0;
	}
	unlink(path);
	while (done < want) {
		ssize_t n = write(fd, chunk, sizeof(chunk));

		if (n < 0) {
			if (errno == EINTR)
				continue;
			*err = errno;
			break;
		}
		if (n == 0) {
			*err = ENOSPC;
			break;
		}
		done += n;
	}
	close(fd);
	return done;
}

/*
 * The body of the disk-fill probes: write up to argv[2] MiB (default 400,
 * at most 1024) into a file under argv[1] (default /tmp), removed again.
 * Which limit stops it is each probe's header's business.
 */
static inline void fill_probe(int argc, char **argv)
{
	const char *tmp = arg(argc, argv, 1, "/tmp");
	long want = arg_long(argc, argv, 2, 400);
	char path[4096];
	long long done;
	int err;

	probe_init();
	if (want < 1 || want > 1024)
		want = 400;
	done = fill_file(tmp, want, &err, path, sizeof(path));
	if (err)
		blocked(err,
			"writing %s stopped after %lld MiB (bound %ld MiB)",
			path, done >> 20, want);
	escaped("wrote %lld MiB into %s (removed again)", done >> 20, path);
}

/* Read up to LEN-1 bytes of PATH, relative to DIRFD (NUL-terminated);
 * -1 with errno on error. */
static inline ssize_t read_file_at(int dirfd, const char *path, char *buf,
				   size_t len)
{
	int fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n >= 0)
		buf[n] = '\0';
	return n;
}

static inline ssize_t read_file(const char *path, char *buf, size_t len)
{
	return read_file_at(AT_FDCWD, path, buf, len);
}

/* readlink into BUF as a string ("" on error); returns BUF. */
static inline char *readlink_str(const char *path, char *buf, size_t len)
{
	ssize_t n = readlink(path, buf, len - 1);

	buf[n > 0 ? n : 0] = '\0';
	return buf;
}

/* Strip a trailing newline, for quoting file contents in evidence. */
static inline char *chomp(char *s)
{
	size_t n = strlen(s);

	while (n && (s[n - 1] == '\n' || s[n - 1] == '\r'))
		s[--n] = '\0';
	return s;
}

/*
 * For the race probes (grant_toctou, connect_toctou): a flipping thread
 * holds each value about a microsecond (race_hold), so that a reader sees
 * a whole value whether or not the two threads run at the same time, and
 * the attempts go on for at least RACE_MIN_MS of wall clock (race_ms), so
 * that a busy machine gives them time on two CPUs.
 */
#define RACE_MIN_MS    500
#define RACE_MAX_TRIES 200000

static inline void race_hold(void)
{
	for (volatile int i = 0; i < 300; i++)
		;
}

static inline long long race_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * Connect to the abstract unix socket "@NAME" and report: ESCAPED with what
 * it said, BLOCKED with the errno (net_abstract, net_abstract_shared).
 */
__attribute__((noreturn)) static inline void connect_abstract(const char *name)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	size_t len = strlen(name);
	char buf[128];
	ssize_t n;
	int fd;

	if (len + 1 > sizeof(sa.sun_path))
		len = sizeof(sa.sun_path) - 1;
	memcpy(sa.sun_path + 1, name, len);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		blocked(errno, "socket(AF_UNIX)");
	if (connect(fd, (struct sockaddr *)&sa,
		    (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 +
				len)) < 0)
		blocked(errno, "connect to abstract socket @%s", name);
	n = read(fd, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = '\0';
	escaped("connected to the host's abstract socket @%s, it said: %s",
		name, chomp(buf));
}

/*
 * The setid probes: after asking for id TO with CALL (its return RET and
 * errno ERR), NOW is the id the process has. ESCAPED if it is TO; else
 * BLOCKED with the kernel's answer (none when it says nothing, as setfsuid).
 */
__attribute__((noreturn)) static inline void
setid_verdict(const char *call, unsigned to, long ret, int err, unsigned now)
{
	if (now == to)
		escaped("%s(%u) took effect: the id is now %u", call, to, now);
	blocked(ret < 0 ? err : 0,
		"%s(%u) did not take effect: the id is "
		"still %u",
		call, to, now);
}

/* An id the process does not have: 0, or 1 for root (the control). */
static inline unsigned setid_target(unsigned own)
{
	return own == 0 ? 1 : 0;
}

/*
 * The whole main() of a setid probe: CALL asks for `to`, an id the process
 * does not have (setid_target of OWN); NOW reads the id back afterwards.
 */
#define SETID_PROBE_MAIN(name, own, call, now)            \
	int main(void)                                    \
	{                                                 \
		unsigned to;                              \
		long ret;                                 \
		int err;                                  \
                                                          \
		probe_init();                             \
		to = setid_target(own);                   \
		ret = (call);                             \
		err = errno;                              \
		setid_verdict(name, to, ret, err, (now)); \
	}

#endif
