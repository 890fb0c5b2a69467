/* SPDX-License-Identifier: MIT */
/*
 * cj-bench: the runner behind `make bench` and `make bench-smoke`.
 *
 * Every figure is a ratio measured side by side in the same run: in each
 * round every variant of a section runs once, in an order shuffled anew
 * each round (seeded: --seed), and each variant's value is divided by the
 * baseline's value of the same round. Shuffling matters: start-up cost
 * depends on what ran just before (a cgroup migration right after another
 * one is fast, after a pause it waits for an RCU grace period), so a fixed
 * order would hand every variant the same predecessor and the same bias.
 * Reported: the median and p10-p90 of the values and of those per-round ratios,
 * and the MAD of the values.
 *
 * Sections (see docs/performance.md):
 *   startup   /bin/true bare vs capejail (default, -n, -I, a profile edit)
 *             vs bubblewrap; wall time of fork+exec+wait, timed here
 *   syscall   ns per getppid() / 1-byte read() bare, jailed, and under
 *             in-process variants of the filter (cj-sysload loop)
 *   discover  a syscall-heavy program bare vs capejail-syscalls discover vs
 *             strace
 *   scale     1, 10, 50 concurrent jails: start latency, start cost per
 *             jail, the supervisor's RSS
 *
 * Never asserts a timing target: targets are printed as information. The
 * exit status is 1 when a variant failed to run or produced no numbers
 * (what `make bench-smoke` checks), 0 otherwise.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <grp.h>
#include <math.h>
#include <seccomp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "policy.h"
#include "stats.h"

#define MAX_ARGS     24
#define MAX_VARIANTS 10
#define JAIL_UID     1000 /* jailuser in a capejail-mkroot root */

struct variant {
	const char *key;   /* stable id in build/bench.json */
	const char *label; /* table row */
	const char *argv[MAX_ARGS];
	int argc;
	bool as_user;  /* exec as uid/gid JAIL_UID, no groups */
	bool optional; /* skipped (with a message) when it cannot run */
	bool skip;
	char why[512]; /* why skipped, or the last failure */
	int insns;     /* BPF instructions the program reported, or -1 */
	struct samples val, ratio;
	unsigned runs, failures;
};

enum metric {
	M_WALL_MS,     /* wall time of fork+exec+wait */
	M_NS_PER_CALL, /* "ns_per_call=X" printed by cj-sysload */
};

struct section {
	const char *key, *title, *unit;
	enum metric metric;
	struct variant v[MAX_VARIANTS]; /* v[0] is the baseline */
	size_t nv;
	long idle_ms;	 /* pause before every run (0: back to back) */
	unsigned rounds; /* recorded rounds */
	/* Informational target: ratio of TARGET_KEY at most TARGET. */
	const char *target_key;
	double target;
	char note[1024];
};

static struct {
	bool smoke;
	const char *root, *capejail, *syscalls, *sysload, *jail_sysload;
	const char *bwrap, *strace, *json, *only;
	unsigned startup_rounds, idle_rounds, syscall_rounds, discover_rounds;
	unsigned scale_rounds;
	long idle_ms, syscall_calls, mix_iters1, mix_procs, mix_iters, stamp_ms;
	unsigned scale_n[3];
	size_t nscale;
} cfg = {
	.jail_sysload = "/usr/local/bin/cj-sysload",
	.bwrap = "bwrap",
	.strace = "strace",
};

static bool any_failed;

/* ---- helpers ------------------------------------------------------------ */

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static const char *xfmt(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));
/* A formatted string that lives until exit. */
static const char *xfmt(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		s = NULL;
	va_end(ap);
	if (!s) {
		fputs("cj-bench: out of memory\n", stderr);
		exit(1);
	}
	return s;
}

static struct variant *add_variant(struct section *s, const char *key,
				   const char *label)
{
	struct variant *v = &s->v[s->nv++];

	memset(v, 0, sizeof(*v));
	v->key = key;
	v->label = label;
	v->insns = -1;
	return v;
}

/* Append arguments; the list ends with NULL. */
static void args(struct variant *v, ...)
{
	va_list ap;
	const char *a;

	va_start(ap, v);
	while ((a = va_arg(ap, const char *)) && v->argc < MAX_ARGS - 1)
		v->argv[v->argc++] = a;
	va_end(ap);
	v->argv[v->argc] = NULL;
}

/*
 * The variants measure capejail with the host's network (--share-net), as
 * before the private network became the default, so that each one's cost
 * stays comparable; "capejail-n" measures the default's network namespace.
 */
static void capejail_args(struct variant *v)
{
	args(v, cfg.capejail, "-r", cfg.root, "-u", "jailuser", "-q",
	     "--share-net", NULL);
}

static bool enabled(const char *section)
{
	const char *p = cfg.only;
	size_t len = strlen(section);

	if (!p)
		return true;
	while (*p) {
		if (strncmp(p, section, len) == 0 && (!p[len] || p[len] == ','))
			return true;
		p = strchr(p, ',');
		if (!p)
			break;
		p++;
	}
	return false;
}

/* The command line, for the JSON file and messages. */
static const char *cmdline(const struct variant *v)
{
	size_t len = 1;
	char *s, *p;

	for (int i = 0; i < v->argc; i++)
		len += strlen(v->argv[i]) + 1;
	s = malloc(len);
	if (!s)
		return "";
	p = s;
	for (int i = 0; i < v->argc; i++)
		p += snprintf(p, len - (size_t)(p - s), "%s%s", i ? " " : "",
			      v->argv[i]);
	*p = '\0';
	return s;
}

/* ---- running one command ------------------------------------------------ */

struct run {
	long long ns;	/* wall time, fork to reaped */
	int status;	/* wait status */
	int exec_errno; /* the command could not be executed */
	char out[4096]; /* stdout, when captured */
	char err[2048]; /* stderr, when captured */
	struct rusage ru;
};

static bool become_user(void)
{
	gid_t g = JAIL_UID;
	uid_t u = JAIL_UID;

	return setgroups(0, NULL) == 0 && setresgid(g, g, g) == 0 &&
	       setresuid(u, u, u) == 0;
}

/* Read a pipe to EOF into BUF (truncating); closes FD. */
static void slurp(int fd, char *buf, size_t len)
{
	size_t n = 0;
	char sink[4096];

	for (;;) {
		ssize_t r;

		if (n + 1 < len)
			r = read(fd, buf + n, len - 1 - n);
		else
			r = read(fd, sink, sizeof(sink));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		if (n + 1 < len)
			n += (size_t)r;
	}
	buf[n] = '\0';
	close(fd);
}

/*
 * Run V once. CAPTURE_OUT: stdout into R->out; CAPTURE_ERR: stderr into
 * R->err (only for the pre-flight run: two pipes read in turn could fill).
 * Returns 0 when the command ran (whatever its status), -errno otherwise.
 */
static int run_cmd(const struct variant *v, bool capture_out, bool capture_err,
		   struct run *r)
{
	int out[2] = { -1, -1 }, err[2] = { -1, -1 }, ex[2], null;
	long long t0;
	pid_t pid;

	memset(r, 0, sizeof(*r));
	null = open("/dev/null", O_RDWR | O_CLOEXEC);
	/* EX carries errno when exec fails; exec closes it. */
	if (null < 0 || pipe2(ex, O_CLOEXEC) ||
	    (capture_out && pipe2(out, O_CLOEXEC)) ||
	    (capture_err && pipe2(err, O_CLOEXEC)))
		return -errno;
	t0 = now_ns();
	pid = fork();
	if (pid < 0)
		return -errno;
	if (pid == 0) {
		int e;

		dup2(null, 0);
		dup2(capture_out ? out[1] : null, 1);
		dup2(capture_err ? err[1] : null, 2);
		if (!v->as_user || become_user())
			execvp(v->argv[0], (char *const *)v->argv);
		e = errno;
		(void)!write(ex[1], &e, sizeof(e));
		_exit(127);
	}
	close(null);
	close(ex[1]);
	if (capture_out) {
		close(out[1]);
		slurp(out[0], r->out, sizeof(r->out));
	}
	if (capture_err) {
		close(err[1]);
		slurp(err[0], r->err, sizeof(r->err));
	}
	while (wait4(pid, &r->status, 0, &r->ru) < 0)
		if (errno != EINTR)
			return -errno;
	r->ns = now_ns() - t0;
	if (read(ex[0], &r->exec_errno, sizeof(r->exec_errno)) !=
	    (ssize_t)sizeof(r->exec_errno))
		r->exec_errno = 0;
	close(ex[0]);
	return 0;
}

static void describe_status(int status, char *buf, size_t len)
{
	if (WIFEXITED(status))
		snprintf(buf, len, "exit status %d", WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		snprintf(buf, len, "killed by signal %d (%s)", WTERMSIG(status),
			 strsignal(WTERMSIG(status)));
	else
		snprintf(buf, len, "wait status 0x%x", (unsigned)status);
}

/* The value of one run, or NAN (and the reason in V->why). */
static double measure(const struct section *s, struct variant *v,
		      bool preflight)
{
	bool capture = s->metric == M_NS_PER_CALL;
	struct run r;
	char st[128];
	int rc = run_cmd(v, capture || preflight, preflight, &r);
	const char *p;

	v->runs++;
	if (rc || r.exec_errno) {
		snprintf(v->why, sizeof(v->why), "cannot run %s: %s",
			 v->argv[0], strerror(rc ? -rc : r.exec_errno));
		return NAN;
	}
	if (!WIFEXITED(r.status) || WEXITSTATUS(r.status) != 0) {
		describe_status(r.status, st, sizeof(st));
		r.err[strcspn(r.err, "\n")] = '\0';
		snprintf(v->why, sizeof(v->why), "%s%s%.300s", st,
			 r.err[0] ? ": " : "", r.err);
		return NAN;
	}
	if (s->metric == M_WALL_MS)
		return (double)r.ns / 1e6;
	p = strstr(r.out, "ns_per_call=");
	if (!p) {
		snprintf(v->why, sizeof(v->why), "no ns_per_call in output");
		return NAN;
	}
	p = strstr(r.out, "insns=");
	if (p && atoi(p + 6) > 0)
		v->insns = atoi(p + 6);
	return strtod(strstr(r.out, "ns_per_call=") + 12, NULL);
}

/*
 * One run of every variant to check that it works; optional variants that
 * fail are skipped with a message, required ones count as failed.
 */
static void preflight(struct section *s)
{
	for (size_t i = 0; i < s->nv; i++) {
		struct variant *v = &s->v[i];

		if (v->skip)
			continue;
		if (!isnan(measure(s, v, true)))
			continue;
		if (v->optional) {
			v->skip = true;
			fprintf(stderr, "cj-bench: %s: skipping '%s': %s\n",
				s->key, v->label, v->why);
		} else {
			v->failures++;
			fprintf(stderr, "cj-bench: %s: '%s' failed: %s\n",
				s->key, v->label, v->why);
		}
	}
}

/* xorshift64*: a fixed, seedable order, the same on every machine. */
static uint64_t rng_state = 1;

static uint64_t rng_next(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dULL;
}

/* A fresh random permutation of 0..N-1 in PERM. */
static void shuffle(size_t *perm, size_t n)
{
	for (size_t i = 0; i < n; i++)
		perm[i] = i;
	for (size_t i = n; i > 1; i--) {
		size_t j = (size_t)(rng_next() % i), t = perm[i - 1];

		perm[i - 1] = perm[j];
		perm[j] = t;
	}
}

/*
 * ROUNDS rounds (after WARMUP unrecorded ones) over every variant of the
 * given sections, in an order shuffled each round.
 */
static void run_rounds(struct section **secs, size_t nsec, unsigned rounds,
		       unsigned warmup)
{
	struct {
		size_t s, v;
	} order[64];
	double val[8][MAX_VARIANTS];
	size_t n = 0, perm[64];

	for (size_t s = 0; s < nsec && s < 8; s++) {
		preflight(secs[s]);
		for (size_t v = 0; v < secs[s]->nv && n < 64; v++)
			if (!secs[s]->v[v].skip) {
				order[n].s = s;
				order[n++].v = v;
			}
	}
	if (!n)
		return;
	for (size_t s = 0; s < nsec && s < 8; s++)
		secs[s]->rounds = rounds;
	for (unsigned r = 0; r < warmup + rounds; r++) {
		for (size_t s = 0; s < nsec && s < 8; s++)
			for (size_t v = 0; v < MAX_VARIANTS; v++)
				val[s][v] = NAN;
		shuffle(perm, n);
		for (size_t k = 0; k < n; k++) {
			size_t i = perm[k];
			struct section *sec = secs[order[i].s];
			struct variant *v = &sec->v[order[i].v];
			double x;

			if (sec->idle_ms > 0) {
				struct timespec ts = { sec->idle_ms / 1000,
						       (sec->idle_ms % 1000) *
							   1000000L };

				while (nanosleep(&ts, &ts) && errno == EINTR)
					;
			}
			x = measure(sec, v, false);

			if (isnan(x)) {
				v->failures++;
				continue;
			}
			val[order[i].s][order[i].v] = x;
		}
		if (r < warmup)
			continue;
		for (size_t s = 0; s < nsec && s < 8; s++) {
			struct section *sec = secs[s];

			for (size_t v = 0; v < sec->nv; v++) {
				double x = val[s][v], b = val[s][0];

				if (isnan(x))
					continue;
				samples_add(&sec->v[v].val, x);
				if (!isnan(b) && b > 0)
					samples_add(&sec->v[v].ratio, x / b);
			}
		}
	}
}

/* ---- the sections ------------------------------------------------------- */

static bool bwrap_usable(char *why, size_t len)
{
	struct variant v = { .as_user = false };
	struct run r;

	if (strcmp(cfg.bwrap, "none") == 0) {
		snprintf(why, len,
			 "bubblewrap not installed (make bench "
			 "installs it when run as root)");
		return false;
	}
	args(&v, cfg.bwrap, "--version", NULL);
	if (run_cmd(&v, true, true, &r) || !WIFEXITED(r.status) ||
	    WEXITSTATUS(r.status)) {
		snprintf(why, len, "'%s --version' does not run", cfg.bwrap);
		return false;
	}
	return true;
}

static void bwrap_args(struct variant *v, bool share_net)
{
	args(v, cfg.bwrap, "--unshare-all", NULL);
	if (share_net)
		args(v, "--share-net", NULL);
	args(v, "--die-with-parent", "--new-session", "--cap-drop", "ALL",
	     "--ro-bind", cfg.root, "/", "--dev", "/dev", "--proc", "/proc",
	     "--tmpfs", "/tmp", "--", "/bin/true", NULL);
	v->as_user = true;
	v->optional = true;
}

static const char *bwrap_note(void)
{
	static const char *const dirs[] = { "", "/usr/bin/", "/bin/",
					    "/usr/local/bin/" };
	struct stat st = { 0 };

	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		if ((i == 0) != (strchr(cfg.bwrap, '/') != NULL))
			continue;
		if (stat(xfmt("%s%s", dirs[i], cfg.bwrap), &st) == 0)
			break;
		st.st_mode = 0;
	}
	return xfmt(
	    "bwrap runs as uid %d (capejail's jailuser) with --ro-bind ROOT / "
	    "--dev /dev --proc /proc --tmpfs /tmp; %s. capejail runs as root "
	    "and needs no user namespace, except capejail-rootless: run as uid "
	    "1000 too, it builds the same jail in a user namespace of its own "
	    "(no cgroup: rlimits). capejail runs with --share-net (the "
	    "host network, like bwrap --share-net) except capejail-n, its "
	    "default network namespace, comparable to bwrap --unshare-all.",
	    JAIL_UID,
	    (st.st_mode & S_ISUID)
		? "bwrap is setuid root here (no user namespace needed)"
		: "bwrap is not setuid (Debian ships it 0755), so it creates "
		  "a user namespace: that is part of its cost");
}

/*
 * Start-up. IDLE_MS 0: back to back (caches, RCU and cgroup state warm);
 * otherwise a pause before every run, as when jails start now and then.
 */
static void setup_startup(struct section *s, long idle_ms)
{
	struct variant *v;
	char why[256];
	bool bw = bwrap_usable(why, sizeof(why)), idle = idle_ms > 0;

	*s = (struct section){
		.key = idle ? "startup-idle" : "startup",
		.title = idle ? xfmt("Start-up after %ld ms idle: /bin/true, "
				     "fork+exec+wait",
				     idle_ms)
			      : "Start-up back to back: /bin/true, "
				"fork+exec+wait",
		.unit = "ms",
		.metric = M_WALL_MS,
		.idle_ms = idle_ms,
		.target_key = "capejail",
		.target = 3.0,
	};
	v = add_variant(s, "bare", "bare /bin/true");
	args(v, "/bin/true", NULL);
	v = add_variant(s, "capejail", "capejail --share-net");
	capejail_args(v);
	args(v, "--", "/bin/true", NULL);
	v = add_variant(s, "capejail-n",
			"capejail (default: network namespace)");
	args(v, cfg.capejail, "-r", cfg.root, "-u", "jailuser", "--",
	     "/bin/true", NULL);
	if (!idle) {
		v = add_variant(s, "capejail-I", "capejail -I (no filter)");
		capejail_args(v);
		args(v, "-I", "--", "/bin/true", NULL);
	}
	v = add_variant(s, "capejail-nocg",
			"capejail --memory/--pids unlimited (no cgroup)");
	capejail_args(v);
	args(v, "--memory", "unlimited", "--pids", "unlimited", "--",
	     "/bin/true", NULL);
	v->optional = true;
	if (!idle) {
		v = add_variant(s, "capejail-min",
				"capejail -I, no cgroup (namespaces+mounts)");
		capejail_args(v);
		args(v, "-I", "--memory", "unlimited", "--pids", "unlimited",
		     "--", "/bin/true", NULL);
		v->optional = true;
		v = add_variant(s, "capejail-allow",
				"capejail --allow listen (filter built at "
				"start)");
		capejail_args(v);
		args(v, "--allow", "listen", "--", "/bin/true", NULL);
		v->optional = true;
		v = add_variant(s, "bwrap-share-net", "bwrap --share-net");
		bwrap_args(v, true);
		if (!bw) {
			v->skip = true;
			snprintf(v->why, sizeof(v->why), "%s", why);
		}
	}
	/* rootless: the same jail, capejail run by an ordinary user as bwrap */
	v = add_variant(s, "capejail-rootless",
			"capejail rootless (uid 1000, network ns)");
	args(v, cfg.capejail, "-r", cfg.root, "-u", "jailuser", "--",
	     "/bin/true", NULL);
	v->as_user = true;
	v->optional = true;
	v = add_variant(s, "bwrap", "bwrap --unshare-all");
	bwrap_args(v, false);
	if (!bw) {
		v->skip = true;
		snprintf(v->why, sizeof(v->why), "%s", why);
		fprintf(stderr, "cj-bench: %s: skipping bubblewrap: %s\n",
			s->key, why);
		snprintf(s->note, sizeof(s->note), "bubblewrap skipped: %s.",
			 why);
		return;
	}
	snprintf(s->note, sizeof(s->note), "%s", bwrap_note());
}

static void setup_syscall(struct section *s, const char *sc)
{
	const char *calls = xfmt("%ld", cfg.syscall_calls);
	static const struct {
		const char *filter, *key, *label;
	} inproc[] = {
		{ "allow-all", "allow-all",
		  "in-process: allow-all filter (seccomp floor)" },
		{ "default", "default", "in-process: default filter" },
		{ "linear", "linear", "in-process: linear filter (no tree)" },
		{ "tree-arg", "tree-arg",
		  "in-process: default + arg check on it" },
		{ "linear-arg", "linear-arg",
		  "in-process: linear + arg check on it" },
	};
	struct variant *v;

	*s = (struct section){
		.key = xfmt("syscall-%s", sc),
		.title = xfmt("Per-syscall cost: %s%s, %ld calls per run", sc,
			      strcmp(sc, "read") == 0 ? " (1 byte, /dev/zero)"
						      : "()",
			      cfg.syscall_calls),
		.unit = "ns/call",
		.metric = M_NS_PER_CALL,
		.target_key = "capejail",
		.target = 1.05,
	};
	v = add_variant(s, "bare", "bare");
	args(v, cfg.sysload, "loop", sc, calls, "none", NULL);
	v = add_variant(s, "capejail", "capejail (jailed, default filter)");
	capejail_args(v);
	args(v, "--", cfg.jail_sysload, "loop", sc, calls, "none", NULL);
	for (size_t i = 0; i < sizeof(inproc) / sizeof(inproc[0]); i++) {
		v = add_variant(s, inproc[i].key, inproc[i].label);
		args(v, cfg.sysload, "loop", sc, calls, inproc[i].filter, NULL);
	}
	snprintf(
	    s->note, sizeof(s->note),
	    "in-process variants build the filter inside cj-sysload from "
	    "cj_policy_default() (kill instead of notify). 'allow-all' is "
	    "a filter that allows everything: what entering seccomp costs "
	    "at all, the floor for any seccomp jail. 'linear' is "
	    "libseccomp with SCMP_FLTATR_CTL_OPTIMIZE=1; 'arg check' allows "
	    "%s only if %s (always true), which keeps it out of the "
	    "kernel's seccomp action cache.",
	    sc, strcmp(sc, "read") == 0 ? "count <= 1 MiB" : "arg0 == 0");
}

/* "?name,?name,..." of every syscall the default policy does not simply
 * allow (blocked, errno, or argument-checked). */
static const char *blocked_set(size_t *count)
{
	struct cj_policy p;
	size_t n, len = 0, used = 0;
	const struct cj_syscall *t = cj_table(&n);
	char *s;

	*count = 0;
	if (cj_policy_default(&p))
		return NULL;
	for (size_t i = 0; i < n; i++)
		len += strlen(t[i].name) + 2;
	s = malloc(len + 1);
	if (!s) {
		cj_policy_free(&p);
		return NULL;
	}
	s[0] = '\0';
	for (size_t i = 0; i < n && i < p.nrows; i++) {
		if (p.rows[i].action == CJ_ACT_ALLOW &&
		    !cj_policy_has_conds(&p, (int)i))
			continue;
		used += (size_t)snprintf(s + used, len + 1 - used, "%s?%s",
					 used ? "," : "", t[i].name);
		(*count)++;
	}
	cj_policy_free(&p);
	return s;
}

static void setup_discover(struct section *s, long nprocs, long niters)
{
	const char *procs = xfmt("%ld", nprocs);
	const char *iters = xfmt("%ld", niters);
	size_t nblocked;
	const char *set = blocked_set(&nblocked);
	bool have_discover = cfg.syscalls && access(cfg.syscalls, X_OK) == 0;
	struct variant *v;

	*s = (struct section){
		.key = nprocs > 1 ? "discover-fork" : "discover",
		.title = xfmt("Discovery: cj-sysload mix %ld %ld (%ld "
			      "process%s x %ld x 7 syscalls)",
			      nprocs, niters, nprocs, nprocs > 1 ? "es" : "",
			      niters),
		.unit = "ms",
		.metric = M_WALL_MS,
		.target_key = have_discover ? "discover" : "strace-blocked",
		.target = 1.1,
	};
	v = add_variant(s, "bare", "bare");
	args(v, cfg.sysload, "mix", procs, iters, NULL);
	v = add_variant(s, "discover", "discover --engine notify");
	args(v, cfg.syscalls ? cfg.syscalls : "capejail-syscalls", "discover",
	     "--engine", "notify", "--", cfg.sysload, "mix", procs, iters,
	     NULL);
	v->optional = true;
	if (!have_discover) {
		v->skip = true;
		snprintf(v->why, sizeof(v->why), "%s not built yet",
			 cfg.syscalls ? cfg.syscalls : "capejail-syscalls");
	}
	/* the floor: the same filter, no discovery */
	v = add_variant(s, "filter-only",
			"capejail --filter-only (no discover)");
	args(v, cfg.capejail, "-q", "--filter-only", "--", cfg.sysload, "mix",
	     procs, iters, NULL);
	v = add_variant(s, "discover-strace", "discover --engine strace");
	args(v, cfg.syscalls ? cfg.syscalls : "capejail-syscalls", "discover",
	     "--engine", "strace", "--", cfg.sysload, "mix", procs, iters,
	     NULL);
	v->optional = true;
	if (!have_discover) {
		v->skip = true;
		snprintf(v->why, sizeof(v->why), "%s not built yet",
			 cfg.syscalls ? cfg.syscalls : "capejail-syscalls");
		fprintf(stderr,
			"cj-bench: %s: %s; measuring the strace stand-in "
			"instead\n",
			s->key, v->why);
	}
	v = add_variant(s, "strace-blocked",
			have_discover
			    ? "strace --seccomp-bpf, blocked set"
			    : "STAND-IN for discover: strace --seccomp-bpf");
	args(v, cfg.strace, "-f", "--seccomp-bpf", "-e",
	     xfmt("trace=%s", set ? set : "?chroot"), "-o", "/dev/null", "--",
	     cfg.sysload, "mix", procs, iters, NULL);
	v->optional = true;
	v = add_variant(s, "strace-f", "strace -f (every syscall)");
	args(v, cfg.strace, "-f", "-o", "/dev/null", "--", cfg.sysload, "mix",
	     procs, iters, NULL);
	v->optional = true;
	snprintf(
	    s->note, sizeof(s->note),
	    "discover's notify engine (the default) runs the program under "
	    "capejail --filter-only --discover-fd: the calls the policy "
	    "allows never leave the kernel, the others go to the "
	    "supervisor and run; the filter-only row is the cost of that "
	    "filter alone (a syscall the kernel's action cache does not "
	    "answer runs the BPF). Its strace engine runs strace -f "
	    "--seccomp-bpf on the %zu syscalls the default policy does not "
	    "simply allow (blocked, errno or argument-checked); the "
	    "strace row runs the same set by hand ('?'-prefixed: names "
	    "strace does not know are ignored), so discover's own cost is "
	    "the difference. Plain strace -f stops the program twice per "
	    "syscall.%s",
	    nblocked,
	    nprocs > 1 ? " strace 6.1 leaves forked children under "
			 "PTRACE_SYSCALL (every syscall stops), so "
			 "--seccomp-bpf only spares the first process."
		       : "");
}

/* ---- scale -------------------------------------------------------------- */

struct scale_cell {
	struct samples lat_ms;	/* per jail: spawn -> program running */
	struct samples per_ms;	/* per batch: (last start - first spawn) / N */
	struct samples rss_kb;	/* per jail: VmHWM of the spawned process */
	struct samples wait_kb; /* per jail: wait4 ru_maxrss */
	struct samples ratio;	/* per batch: per_ms / bare per_ms */
	struct samples lratio;	/* per batch: median latency / bare's */
	unsigned runs, failures;
	char why[512];
};

static struct scale_cell scale[2][3]; /* [bare, capejail][N index] */

static long read_status_kb(pid_t pid, const char *field)
{
	char path[64], line[256];
	size_t flen = strlen(field);
	long kb = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	f = fopen(path, "re");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (strncmp(line, field, flen) == 0 && line[flen] == ':') {
			kb = strtol(line + flen + 1, NULL, 10);
			break;
		}
	fclose(f);
	return kb;
}

static double median_of(const double *v, size_t n)
{
	struct bstats b;

	bstats_of(v, n, &b);
	return b.median;
}

/* One line (without its newline) from FD; the program keeps running. */
static void read_line(int fd, char *buf, size_t len)
{
	size_t n = 0;

	while (n + 1 < len) {
		ssize_t r = read(fd, buf + n, 1);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0 || buf[n] == '\n')
			break;
		n++;
	}
	buf[n] = '\0';
}

/* Start N copies of V at once; returns the median start latency or NAN. */
static double batch(const struct variant *v, unsigned n, struct scale_cell *c,
		    double *per_jail)
{
	pid_t pid[64];
	int fd[64];
	long long spawn[64], stamp[64], last = 0;
	double lat[64];
	unsigned started = 0, ok = 0;
	int null = open("/dev/null", O_RDWR | O_CLOEXEC);

	*per_jail = NAN;
	if (null < 0 || n > 64)
		return NAN;
	for (unsigned i = 0; i < n; i++) {
		int p[2];

		if (pipe2(p, O_CLOEXEC))
			break;
		spawn[i] = now_ns();
		pid[i] = fork();
		if (pid[i] < 0) {
			close(p[0]);
			close(p[1]);
			break;
		}
		if (pid[i] == 0) {
			dup2(null, 0);
			dup2(p[1], 1);
			dup2(null, 2);
			execvp(v->argv[0], (char *const *)v->argv);
			_exit(127);
		}
		close(p[1]);
		fd[i] = p[0];
		started++;
	}
	close(null);
	for (unsigned i = 0; i < started; i++) {
		char buf[64];

		read_line(fd[i], buf, sizeof(buf));
		stamp[i] = buf[0] ? strtoll(buf, NULL, 10) : 0;
	}
	/* Every program now sleeps: its supervisor is fully set up. */
	for (unsigned i = 0; i < started; i++) {
		long kb;

		if (stamp[i] > 0 && (kb = read_status_kb(pid[i], "VmHWM")) > 0)
			samples_add(&c->rss_kb, (double)kb);
	}
	for (unsigned i = 0; i < started; i++) {
		struct rusage ru;
		int status;

		c->runs++;
		while (wait4(pid[i], &status, 0, &ru) < 0 && errno == EINTR)
			;
		if (!WIFEXITED(status) || WEXITSTATUS(status) || !stamp[i]) {
			describe_status(status, c->why, sizeof(c->why));
			c->failures++;
			continue;
		}
		samples_add(&c->wait_kb, (double)ru.ru_maxrss);
		lat[ok++] = (double)(stamp[i] - spawn[i]) / 1e6;
		samples_add(&c->lat_ms, lat[ok - 1]);
		if (stamp[i] > last)
			last = stamp[i];
	}
	for (unsigned i = 0; i < started; i++)
		close(fd[i]);
	c->failures += n - started;
	if (ok != n)
		return NAN;
	*per_jail = (double)(last - spawn[0]) / 1e6 / n;
	samples_add(&c->per_ms, *per_jail);
	return median_of(lat, ok);
}

static void run_scale(void)
{
	struct variant v[2];
	const char *ms = xfmt("%ld", cfg.stamp_ms);

	memset(v, 0, sizeof(v));
	args(&v[0], cfg.sysload, "stamp", ms, NULL);
	v[0].label = "bare";
	capejail_args(&v[1]);
	args(&v[1], "--", cfg.jail_sysload, "stamp", ms, NULL);
	v[1].label = "capejail";
	for (unsigned r = 0; r < cfg.scale_rounds; r++) {
		size_t perm[6];

		shuffle(perm, cfg.nscale * 2);
		for (size_t k = 0; k < cfg.nscale * 2; k++) {
			size_t i = perm[k];
			size_t ni = i / 2, vi = i % 2;
			double per;
			double lat = batch(&v[vi], cfg.scale_n[ni],
					   &scale[vi][ni], &per);

			(void)lat;
		}
		/* Per-round ratios: this round's last batch of each. */
		for (size_t ni = 0; ni < cfg.nscale; ni++) {
			struct scale_cell *b = &scale[0][ni],
					  *c = &scale[1][ni];
			unsigned n = cfg.scale_n[ni];

			if (b->per_ms.n == r + 1 && c->per_ms.n == r + 1) {
				samples_add(&c->ratio,
					    c->per_ms.v[r] / b->per_ms.v[r]);
				samples_add(
				    &c->lratio,
				    median_of(c->lat_ms.v + c->lat_ms.n - n,
					      n) /
					median_of(b->lat_ms.v + b->lat_ms.n - n,
						  n));
			}
		}
	}
	for (size_t vi = 0; vi < 2; vi++)
		for (size_t ni = 0; ni < cfg.nscale; ni++)
			if (scale[vi][ni].failures || !scale[vi][ni].lat_ms.n) {
				any_failed = true;
				fprintf(stderr,
					"cj-bench: scale: %s with %u jails: %u "
					"of %u failed (%s)\n",
					v[vi].label, cfg.scale_n[ni],
					scale[vi][ni].failures,
					scale[vi][ni].runs, scale[vi][ni].why);
			}
}

/* ---- output ------------------------------------------------------------- */

static void rowf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* printf a table row without trailing blanks. */
static void rowf(const char *fmt, ...)
{
	char line[1024];
	size_t n;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	n = strlen(line);
	while (n && line[n - 1] == ' ')
		n--;
	printf("%.*s\n", (int)n, line);
}

static void fmt_range(char *buf, size_t len, const struct bstats *b,
		      const char *suffix)
{
	int prec = b->median >= 100 ? 0 : b->median >= 10 ? 1 : 2;

	snprintf(buf, len, "%.*f%s [%.*f-%.*f]", prec, b->median, suffix, prec,
		 b->p10, prec, b->p90);
}

static bool print_section(const struct section *s)
{
	bool ok = true;

	printf("\n== %s (%s; %u rounds, interleaved) ==\n", s->title, s->unit,
	       s->rounds);
	rowf("  %-48s %-26s %-24s %s", "variant", "median [p10-p90]",
	     "ratio [p10-p90]", "BPF insns");
	for (size_t i = 0; i < s->nv; i++) {
		const struct variant *v = &s->v[i];
		struct bstats b, r;
		char vb[64], rb[64], ib[16] = "";

		if (v->skip) {
			printf("  %-48s skipped: %s\n", v->label, v->why);
			continue;
		}
		bstats_of(v->val.v, v->val.n, &b);
		bstats_of(v->ratio.v, v->ratio.n, &r);
		if (!v->val.n) {
			printf("  %-48s FAILED: %s\n", v->label, v->why);
			ok = false;
			continue;
		}
		fmt_range(vb, sizeof(vb), &b, "");
		if (i == 0)
			snprintf(rb, sizeof(rb), "1 (baseline)");
		else
			snprintf(rb, sizeof(rb), "%.2fx [%.2f-%.2f]", r.median,
				 r.p10, r.p90);
		if (v->insns >= 0)
			snprintf(ib, sizeof(ib), "%d", v->insns);
		rowf("  %-48s %-26s %-24s %s", v->label, vb, rb, ib);
		if (v->failures) {
			printf("  %-48s   %u of %u runs failed: %s\n", "",
			       v->failures, v->runs, v->why);
			ok = false;
		}
	}
	for (size_t i = 0; i < s->nv && !cfg.smoke; i++) {
		struct bstats r;

		if (strcmp(s->v[i].key, s->target_key) || !s->v[i].ratio.n)
			continue;
		bstats_of(s->v[i].ratio.v, s->v[i].ratio.n, &r);
		printf("  target (information, not asserted): %s <= %.2fx "
		       "baseline: %s (%.2fx)\n",
		       s->v[i].label, s->target,
		       r.median <= s->target ? "met" : "NOT met", r.median);
	}
	if (s->note[0])
		printf("  note: %s\n", s->note);
	return ok;
}

static void print_scale(void)
{
	printf("\n== Scale: N concurrent jails, each 'cj-sysload stamp %ld' "
	       "(%u rounds, interleaved) ==\n",
	       cfg.stamp_ms, cfg.scale_rounds);
	printf("  %-4s %-9s %-22s %-20s %-22s %-20s %s\n", "N", "variant",
	       "start latency ms", "ratio", "start cost/jail ms", "ratio",
	       "RSS kB (VmHWM)");
	for (size_t ni = 0; ni < cfg.nscale; ni++)
		for (size_t vi = 0; vi < 2; vi++) {
			struct scale_cell *c = &scale[vi][ni];
			struct bstats l, p, m, lr, pr;
			char lb[64], pb[64], mb[64], lrb[32] = "1 (baseline)",
						     prb[32] = "1 (baseline)";

			bstats_of(c->lat_ms.v, c->lat_ms.n, &l);
			bstats_of(c->per_ms.v, c->per_ms.n, &p);
			bstats_of(c->rss_kb.v, c->rss_kb.n, &m);
			bstats_of(c->lratio.v, c->lratio.n, &lr);
			bstats_of(c->ratio.v, c->ratio.n, &pr);
			fmt_range(lb, sizeof(lb), &l, "");
			fmt_range(pb, sizeof(pb), &p, "");
			snprintf(mb, sizeof(mb), "%.0f [%.0f-%.0f]", m.median,
				 m.min, m.max);
			if (vi) {
				snprintf(lrb, sizeof(lrb), "%.2fx [%.2f-%.2f]",
					 lr.median, lr.p10, lr.p90);
				snprintf(prb, sizeof(prb), "%.2fx [%.2f-%.2f]",
					 pr.median, pr.p10, pr.p90);
			}
			rowf("  %-4u %-9s %-22s %-20s %-22s %-20s %s",
			     cfg.scale_n[ni], vi ? "capejail" : "bare", lb, lrb,
			     pb, prb, mb);
		}
	printf("  note: start latency = fork of the launcher until the jailed "
	       "program runs (it prints CLOCK_MONOTONIC); start cost/jail = "
	       "(last program running - first fork) / N; RSS = VmHWM of the "
	       "spawned process (for capejail: the supervisor) read from "
	       "/proc while every jail runs. Ratios: capejail / bare of the "
	       "same round and N.\n");
}

static void json_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

static void json_stats(FILE *f, const char *name, const struct samples *s)
{
	struct bstats b;

	bstats_of(s->v, s->n, &b);
	fprintf(f,
		"\"%s\": {\"n\": %zu, \"median\": %.6g, \"p10\": %.6g, "
		"\"p90\": %.6g, \"min\": %.6g, \"max\": %.6g, \"mad\": %.6g}",
		name, b.n, b.median, b.p10, b.p90, b.min, b.max, b.mad);
}

struct machine {
	long nproc;
	char kernel[512], model[256], capejail[64], date[64];
	const struct scmp_version *seccomp;
};

static void machine_info(struct machine *m)
{
	struct utsname u;
	char line[512];
	FILE *f = fopen("/proc/cpuinfo", "re");
	struct variant v = { 0 };
	struct run r;
	struct tm tm;
	time_t t = time(NULL);

	memset(m, 0, sizeof(*m));
	m->nproc = sysconf(_SC_NPROCESSORS_ONLN);
	if (uname(&u) == 0)
		snprintf(m->kernel, sizeof(m->kernel), "%s %s %s", u.sysname,
			 u.release, u.version);
	while (f && fgets(line, sizeof(line), f))
		if (strncmp(line, "model name", 10) == 0) {
			char *p = strchr(line, ':');

			if (p) {
				p += 1 + strspn(p + 1, " \t");
				p[strcspn(p, "\n")] = '\0';
				snprintf(m->model, sizeof(m->model), "%s", p);
			}
			break;
		}
	if (f)
		fclose(f);
	args(&v, cfg.capejail, "--version", NULL);
	if (run_cmd(&v, true, false, &r) == 0) {
		r.out[strcspn(r.out, "\n")] = '\0';
		snprintf(m->capejail, sizeof(m->capejail), "%.60s", r.out);
	}
	if (gmtime_r(&t, &tm))
		strftime(m->date, sizeof(m->date), "%Y-%m-%dT%H:%M:%SZ", &tm);
	m->seccomp = seccomp_version();
}

static void write_json(const struct machine *m, struct section **secs,
		       size_t nsec, bool scale_ran)
{
	FILE *f = fopen(cfg.json, "we");

	if (!f) {
		fprintf(stderr, "cj-bench: %s: %s\n", cfg.json,
			strerror(errno));
		any_failed = true;
		return;
	}
	fprintf(f, "{\n  \"tool\": \"cj-bench\",\n  \"smoke\": %s,\n",
		cfg.smoke ? "true" : "false");
	fprintf(f, "  \"machine\": {\"nproc\": %ld, \"kernel\": ", m->nproc);
	json_str(f, m->kernel);
	fputs(", \"model_name\": ", f);
	json_str(f, m->model);
	fputs(", \"capejail\": ", f);
	json_str(f, m->capejail);
	fprintf(f, ", \"libseccomp\": \"%u.%u.%u\", \"date\": ",
		m->seccomp ? m->seccomp->major : 0,
		m->seccomp ? m->seccomp->minor : 0,
		m->seccomp ? m->seccomp->micro : 0);
	json_str(f, m->date);
	fputs("},\n  \"sections\": [", f);
	for (size_t i = 0; i < nsec; i++) {
		const struct section *s = secs[i];

		fprintf(f, "%s\n    {\"key\": ", i ? "," : "");
		json_str(f, s->key);
		fputs(", \"title\": ", f);
		json_str(f, s->title);
		fputs(", \"unit\": ", f);
		json_str(f, s->unit);
		fprintf(f, ", \"rounds\": %u, \"idle_ms\": %ld", s->rounds,
			s->idle_ms);
		fputs(", \"baseline\": ", f);
		json_str(f, s->v[0].key);
		fputs(", \"target\": {\"variant\": ", f);
		json_str(f, s->target_key);
		fprintf(f, ", \"max_ratio\": %.3g}, \"note\": ", s->target);
		json_str(f, s->note);
		fputs(",\n     \"variants\": [", f);
		for (size_t j = 0; j < s->nv; j++) {
			const struct variant *v = &s->v[j];

			fprintf(f, "%s\n      {\"key\": ", j ? "," : "");
			json_str(f, v->key);
			fputs(", \"label\": ", f);
			json_str(f, v->label);
			fputs(", \"command\": ", f);
			json_str(f, cmdline(v));
			fprintf(f, ", \"as_uid\": %d",
				v->as_user ? JAIL_UID : 0);
			if (v->skip) {
				fputs(", \"skipped\": ", f);
				json_str(f, v->why);
				fputc('}', f);
				continue;
			}
			fprintf(f, ", \"runs\": %u, \"failures\": %u", v->runs,
				v->failures);
			if (v->failures) {
				fputs(", \"error\": ", f);
				json_str(f, v->why);
			}
			if (v->insns >= 0)
				fprintf(f, ", \"bpf_insns\": %d", v->insns);
			fputs(", ", f);
			json_stats(f, "value", &v->val);
			fputs(", ", f);
			json_stats(f, "ratio", &v->ratio);
			fputc('}', f);
		}
		fputs("]}", f);
	}
	fputs("\n  ]", f);
	if (scale_ran) {
		fprintf(f,
			",\n  \"scale\": {\"program\": \"cj-sysload stamp "
			"%ld\", \"rounds\": %u, \"cells\": [",
			cfg.stamp_ms, cfg.scale_rounds);
		for (size_t ni = 0; ni < cfg.nscale; ni++)
			for (size_t vi = 0; vi < 2; vi++) {
				const struct scale_cell *c = &scale[vi][ni];

				fprintf(f,
					"%s\n    {\"jails\": %u, \"variant\": "
					"\"%s\", \"runs\": %u, \"failures\": "
					"%u, ",
					ni || vi ? "," : "", cfg.scale_n[ni],
					vi ? "capejail" : "bare", c->runs,
					c->failures);
				json_stats(f, "start_latency_ms", &c->lat_ms);
				fputs(", ", f);
				json_stats(f, "start_cost_per_jail_ms",
					   &c->per_ms);
				fputs(", ", f);
				json_stats(f, "rss_vmhwm_kb", &c->rss_kb);
				fputs(", ", f);
				json_stats(f, "wait4_maxrss_kb", &c->wait_kb);
				if (vi) {
					fputs(", ", f);
					json_stats(f, "latency_ratio",
						   &c->lratio);
					fputs(", ", f);
					json_stats(f, "cost_per_jail_ratio",
						   &c->ratio);
				}
				fputc('}', f);
			}
		fputs("]}", f);
	}
	fputs("\n}\n", f);
	if (fclose(f)) {
		any_failed = true;
		fprintf(stderr, "cj-bench: %s: %s\n", cfg.json,
			strerror(errno));
	}
}

/* ---- main --------------------------------------------------------------- */

static const char usage_text[] =
    "usage: cj-bench --root DIR --capejail PATH --sysload PATH [OPTIONS]\n"
    "  --root DIR          a capejail-mkroot root with jailuser and\n"
    "                      /usr/local/bin/cj-sysload\n"
    "  --capejail PATH     the launcher\n"
    "  --sysload PATH      cj-sysload on the host\n"
    "  --syscalls PATH     capejail-syscalls (discover); missing: strace "
    "stand-in\n"
    "  --bwrap PATH|none   bubblewrap (default: bwrap on PATH)\n"
    "  --json FILE         write the results as JSON\n"
    "  --only LIST         startup,idle,syscall,discover,scale\n"
    "  --smoke             tiny repetitions: check every code path runs\n"
    "  --percent P         run P%% of the default rounds (default 100)\n"
    "  --seed N            seed of the per-round order (default 1)\n";

static unsigned scaled(unsigned def, unsigned percent)
{
	unsigned v = def * percent / 100;

	return v ? v : 1;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "root", required_argument, NULL, 'r' },
		{ "capejail", required_argument, NULL, 'c' },
		{ "sysload", required_argument, NULL, 'l' },
		{ "syscalls", required_argument, NULL, 's' },
		{ "bwrap", required_argument, NULL, 'b' },
		{ "json", required_argument, NULL, 'j' },
		{ "only", required_argument, NULL, 'o' },
		{ "smoke", no_argument, NULL, 'S' },
		{ "percent", required_argument, NULL, 'p' },
		{ "seed", required_argument, NULL, 'x' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	struct section startup, idle, sys_ppid, sys_read, disc1, disc_fork;
	struct section *all[8];
	size_t nall = 0;
	struct machine m;
	unsigned percent = 100;
	int c;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'r':
			cfg.root = optarg;
			break;
		case 'c':
			cfg.capejail = optarg;
			break;
		case 'l':
			cfg.sysload = optarg;
			break;
		case 's':
			cfg.syscalls = optarg;
			break;
		case 'b':
			cfg.bwrap = optarg;
			break;
		case 'j':
			cfg.json = optarg;
			break;
		case 'o':
			cfg.only = optarg;
			break;
		case 'S':
			cfg.smoke = true;
			break;
		case 'p':
			percent = (unsigned)strtoul(optarg, NULL, 10);
			break;
		case 'x':
			rng_state = strtoull(optarg, NULL, 0);
			if (!rng_state)
				rng_state = 1;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return 0;
		default:
			fputs(usage_text, stderr);
			return 64;
		}
	}
	if (!cfg.root || !cfg.capejail || !cfg.sysload || optind != argc) {
		fputs(usage_text, stderr);
		return 64;
	}
	if (geteuid() != 0) {
		fputs("cj-bench: must run as root (capejail needs root)\n",
		      stderr);
		return 77;
	}
	if (cfg.smoke) {
		cfg.startup_rounds = 3;
		cfg.idle_rounds = 1;
		cfg.idle_ms = 50;
		cfg.syscall_rounds = 2;
		cfg.syscall_calls = 20000;
		cfg.discover_rounds = 1;
		cfg.mix_iters1 = 400;
		cfg.mix_procs = 2;
		cfg.mix_iters = 200;
		cfg.scale_rounds = 1;
		cfg.stamp_ms = 300;
		cfg.scale_n[0] = 1;
		cfg.scale_n[1] = 3;
		cfg.nscale = 2;
	} else {
		cfg.startup_rounds = scaled(300, percent);
		cfg.idle_rounds = scaled(15, percent);
		cfg.idle_ms = 250;
		cfg.syscall_rounds = scaled(11, percent);
		cfg.syscall_calls = 1000000;
		cfg.discover_rounds = scaled(5, percent);
		cfg.mix_iters1 = 20000;
		cfg.mix_procs = 4;
		cfg.mix_iters = 2500;
		cfg.scale_rounds = scaled(3, percent);
		cfg.stamp_ms = 1000;
		cfg.scale_n[0] = 1;
		cfg.scale_n[1] = 10;
		cfg.scale_n[2] = 50;
		cfg.nscale = 3;
	}
	machine_info(&m);
	printf(
	    "cj-bench%s: %s; %ld CPUs, %s; kernel %s; libseccomp %u.%u.%u\n",
	    cfg.smoke ? " (smoke: tiny repetitions, numbers meaningless)" : "",
	    m.capejail, m.nproc, m.model, m.kernel,
	    m.seccomp ? m.seccomp->major : 0, m.seccomp ? m.seccomp->minor : 0,
	    m.seccomp ? m.seccomp->micro : 0);
	fflush(stdout);

	if (enabled("startup")) {
		setup_startup(&startup, 0);
		all[nall] = &startup;
		run_rounds(&all[nall], 1, cfg.startup_rounds,
			   cfg.smoke ? 1 : 20);
		nall++;
		print_section(&startup);
		fflush(stdout);
	}
	if (enabled("idle")) {
		setup_startup(&idle, cfg.idle_ms);
		all[nall] = &idle;
		run_rounds(&all[nall], 1, cfg.idle_rounds, 1);
		nall++;
		print_section(&idle);
		fflush(stdout);
	}
	if (enabled("syscall")) {
		setup_syscall(&sys_ppid, "getppid");
		setup_syscall(&sys_read, "read");
		all[nall] = &sys_ppid;
		all[nall + 1] = &sys_read;
		run_rounds(&all[nall], 2, cfg.syscall_rounds, 1);
		nall += 2;
		print_section(&sys_ppid);
		print_section(&sys_read);
		fflush(stdout);
	}
	if (enabled("discover")) {
		setup_discover(&disc1, 1, cfg.mix_iters1);
		setup_discover(&disc_fork, cfg.mix_procs, cfg.mix_iters);
		all[nall] = &disc1;
		all[nall + 1] = &disc_fork;
		run_rounds(&all[nall], 2, cfg.discover_rounds, 1);
		nall += 2;
		print_section(&disc1);
		print_section(&disc_fork);
		fflush(stdout);
	}
	if (enabled("scale")) {
		run_scale();
		print_scale();
	}
	for (size_t i = 0; i < nall; i++)
		for (size_t j = 0; j < all[i]->nv; j++) {
			const struct variant *v = &all[i]->v[j];

			if (!v->skip && (v->failures || !v->val.n)) {
				any_failed = true;
				fprintf(stderr,
					"cj-bench: %s: '%s' failed %u of %u "
					"runs: %s\n",
					all[i]->key, v->label, v->failures,
					v->runs, v->why);
			}
		}
	if (cfg.json) {
		write_json(&m, all, nall, enabled("scale"));
		printf("\nresults: %s\n", cfg.json);
	}
	return any_failed ? 1 : 0;
}
