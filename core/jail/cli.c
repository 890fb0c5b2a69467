/* SPDX-License-Identifier: MIT */
/*
 * argv -> struct cj_opts. Pure: no I/O, no exit; errors go to ERR.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "capejail.h"
#include "compiler.h"

const char cj_usage[] =
    "usage: capejail [OPTIONS] -- PROGRAM [ARGS]\n"
    "Run PROGRAM jailed: new PID/mount/IPC/UTS namespaces, a separate root,\n"
    "an unprivileged user without capabilities, and a seccomp allow-list.\n"
    "\n"
    "  -r, --root DIR         root directory of the jail (default: the host's\n"
    "                         root, read-only)\n"
    "  -u, --user USER        user name or uid to run as (default: nobody)\n"
    "  -d, --dir DIR          working directory inside the jail (default: /)\n"
    "  -e, --env KEY=VALUE    add an environment variable (repeatable)\n"
    "  -n, --no-network       new network namespace with only loopback\n"
    "  -I, --insecure         no seccomp filter (testing only; warns)\n"
    "      --hostname NAME    host name inside the jail (default: capejail)\n"
    "      --allow LIST       allow these syscalls (comma-separated)\n"
    "      --deny LIST        kill on these syscalls (comma-separated)\n"
    "      --profile FILE     apply a capejail policy profile\n"
    "      --seccomp-profile FILE  use an OCI/Docker JSON seccomp profile\n"
    "      --time-limit DUR   kill the jail after DUR (e.g. 10s, 2m)\n"
    "      --memory SIZE      memory limit (e.g. 512M, unlimited)\n"
    "      --pids N           process limit\n"
    "      --cpu-time DUR     CPU time limit (whole seconds)\n"
    "      --file-size SIZE   largest file the program may write\n"
    "      --nofile N         open file limit\n"
    "      --tmp-size SIZE    size of the jail's /tmp\n"
    "  -q, --quiet            only errors and the blocked-syscall report\n"
    "  -v, --verbose          print the limits, the filter and every set-up\n"
    "                         step as it is done\n"
    "  -h, --help             this help\n"
    "  -V, --version          print the version\n"
    "\n"
    "Exit status: the program's; 128+N if killed by signal N (159: killed\n"
    "for a blocked syscall); 64 usage, 65 profile, 66 root, 67 user,\n"
    "68 directory, 70 internal, 71 set-up refused by the kernel, 77 not\n"
    "root, 124 time limit, 126 not executable, 127 not found.\n";

/* The kernel's limit on a host name (HOST_NAME_MAX). */
#define HOSTNAME_MAX 64

enum {
	OPT_HOSTNAME = 256,
	OPT_ALLOW,
	OPT_DENY,
	OPT_PROFILE,
	OPT_SECCOMP_PROFILE,
	OPT_TIME_LIMIT,
	OPT_MEMORY,
	OPT_PIDS,
	OPT_CPU_TIME,
	OPT_FILE_SIZE,
	OPT_NOFILE,
	OPT_TMP_SIZE,
};

static const struct option long_opts[] = {
	{ "root", required_argument, NULL, 'r' },
	{ "user", required_argument, NULL, 'u' },
	{ "dir", required_argument, NULL, 'd' },
	{ "env", required_argument, NULL, 'e' },
	{ "no-network", no_argument, NULL, 'n' },
	{ "insecure", no_argument, NULL, 'I' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ "hostname", required_argument, NULL, OPT_HOSTNAME },
	{ "allow", required_argument, NULL, OPT_ALLOW },
	{ "deny", required_argument, NULL, OPT_DENY },
	{ "profile", required_argument, NULL, OPT_PROFILE },
	{ "seccomp-profile", required_argument, NULL, OPT_SECCOMP_PROFILE },
	{ "time-limit", required_argument, NULL, OPT_TIME_LIMIT },
	{ "memory", required_argument, NULL, OPT_MEMORY },
	{ "pids", required_argument, NULL, OPT_PIDS },
	{ "cpu-time", required_argument, NULL, OPT_CPU_TIME },
	{ "file-size", required_argument, NULL, OPT_FILE_SIZE },
	{ "nofile", required_argument, NULL, OPT_NOFILE },
	{ "tmp-size", required_argument, NULL, OPT_TMP_SIZE },
	{ NULL, 0, NULL, 0 },
};

static int fail(char *err, size_t len, const char *fmt, ...) CJ_PRINTF(3, 4);

static int fail(char *err, size_t len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, len, fmt, ap);
	va_end(ap);
	return CJ_EX_USAGE;
}

/* Parse "N" with an optional suffix; MULT maps a suffix to a factor. */
static int parse_scaled(const char *s, int64_t *out,
			int64_t (*mult)(const char *suffix))
{
	int64_t factor, v = 0;
	const char *p = s;

	if (!s || !*s)
		return -EINVAL;
	if (strcmp(s, "unlimited") == 0 || strcmp(s, "none") == 0) {
		*out = CJ_LIMIT_NONE;
		return 0;
	}
	if (*p < '0' || *p > '9')
		return -EINVAL;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (v > (INT64_MAX - (*p - '0')) / 10)
			return -ERANGE;
		v = v * 10 + (*p - '0');
	}
	factor = mult(p);
	if (factor <= 0)
		return -EINVAL;
	if (v > INT64_MAX / factor)
		return -ERANGE;
	*out = v * factor;
	return 0;
}

static int64_t size_mult(const char *sfx)
{
	static const struct {
		const char *sfx;
		int64_t mult;
	} tab[] = {
		{ "", 1 },	    { "K", 1LL << 10 }, { "k", 1LL << 10 },
		{ "M", 1LL << 20 }, { "G", 1LL << 30 }, { "T", 1LL << 40 },
	};

	for (size_t i = 0; i < CJ_ARRAY_SIZE(tab); i++)
		if (strcmp(sfx, tab[i].sfx) == 0)
			return tab[i].mult;
	return -1;
}

static int64_t duration_mult(const char *sfx)
{
	static const struct {
		const char *sfx;
		int64_t mult;
	} tab[] = {
		{ "ms", 1 },	    { "", 1000 },	  { "s", 1000 },
		{ "m", 60 * 1000 }, { "h", 3600 * 1000 },
	};

	for (size_t i = 0; i < CJ_ARRAY_SIZE(tab); i++)
		if (strcmp(sfx, tab[i].sfx) == 0)
			return tab[i].mult;
	return -1;
}

int cj_parse_size(const char *s, int64_t *out)
{
	return parse_scaled(s, out, size_mult);
}

int cj_parse_duration_ms(const char *s, int64_t *out)
{
	return parse_scaled(s, out, duration_mult);
}

static int add_edit(struct cj_opts *o, enum cj_edit_kind kind, const char *arg,
		    char *err, size_t len)
{
	if (!*arg)
		return fail(err, len, "empty argument to a policy option");
	if (o->nedits == CJ_MAX_EDITS)
		return fail(err, len, "too many policy options (at most %d)",
			    CJ_MAX_EDITS);
	o->edits[o->nedits].kind = kind;
	o->edits[o->nedits].arg = arg;
	o->nedits++;
	return 0;
}

/* How a limit option is read, and the smallest value that can work. */
struct limit_kind {
	bool duration; /* else a size */
	bool count;    /* a plain number, no suffix */
	bool seconds;  /* a duration kept in whole seconds, rounded up */
	int64_t min;
	const char *why_min;
};

static const struct limit_kind SIZE = { false, false, false, 0, NULL };
static const struct limit_kind TMPFS = { false, false, false, 1,
					 "tmpfs would read 0 as no limit" };
static const struct limit_kind WALL = { true, false, false, 1,
					"use 'unlimited' for no limit" };
/* CPU time: whole seconds, rounded up (1500ms is 2 s; 0 is refused). */
static const struct limit_kind CPU = { true, false, true, 1,
				       "use 'unlimited' for no limit" };
static const struct limit_kind PIDS = {
	false, true, false, 2, "the jail's init and the program both count"
};
static const struct limit_kind NOFILE = {
	false, true, false, 16, "the jail's init needs a few descriptors too"
};

static int set_limit(int64_t *slot, const char *name, const char *arg,
		     const struct limit_kind *k, char *err, size_t len)
{
	int rc = k->duration ? cj_parse_duration_ms(arg, slot)
			     : cj_parse_size(arg, slot);

	if (rc == -ERANGE)
		return fail(err, len, "--%s '%s': value too large", name, arg);
	if (rc == 0 && k->count && *slot != CJ_LIMIT_NONE) {
		/* A count takes no unit suffix. */
		for (const char *p = arg; *p; p++)
			if (*p < '0' || *p > '9')
				rc = -EINVAL;
	}
	if (rc)
		return fail(err, len, "--%s '%s': expected %s or 'unlimited'",
			    name, arg,
			    k->duration
				? "a duration such as 500ms, 10s, 2m, 1h"
			    : k->count ? "a whole number"
				       : "a size such as 4096, 64K, 512M, 1G");
	if (*slot != CJ_LIMIT_NONE && *slot < k->min)
		return fail(err, len, "--%s must be at least %lld: %s", name,
			    (long long)k->min, k->why_min);
	if (k->seconds && *slot != CJ_LIMIT_NONE)
		*slot = *slot / 1000 + (*slot % 1000 != 0);
	return 0;
}

/*
 * The limit options, one table: option, name, how it is read, where it
 * goes. 0 or CJ_EX_USAGE; -1 when C is not a limit option.
 */
static int parse_limit(struct cj_limits *l, int c, char *err, size_t len)
{
	const struct {
		int opt;
		const char *name;
		const struct limit_kind *kind;
		int64_t *slot;
	} tab[] = {
		{ OPT_TIME_LIMIT, "time-limit", &WALL, &l->time_ms },
		{ OPT_MEMORY, "memory", &SIZE, &l->memory },
		{ OPT_PIDS, "pids", &PIDS, &l->pids },
		{ OPT_CPU_TIME, "cpu-time", &CPU, &l->cpu_s },
		{ OPT_FILE_SIZE, "file-size", &SIZE, &l->fsize },
		{ OPT_NOFILE, "nofile", &NOFILE, &l->nofile },
		{ OPT_TMP_SIZE, "tmp-size", &TMPFS, &l->tmp_size },
	};

	for (size_t i = 0; i < CJ_ARRAY_SIZE(tab); i++)
		if (tab[i].opt == c)
			return set_limit(tab[i].slot, tab[i].name, optarg,
					 tab[i].kind, err, len);
	return -1;
}

static void opts_init(struct cj_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->limits = (struct cj_limits){
		.time_ms = CJ_LIMIT_DEFAULT,
		.memory = CJ_LIMIT_DEFAULT,
		.pids = CJ_LIMIT_DEFAULT,
		.cpu_s = CJ_LIMIT_DEFAULT,
		.fsize = CJ_LIMIT_DEFAULT,
		.nofile = CJ_LIMIT_DEFAULT,
		.tmp_size = CJ_LIMIT_DEFAULT,
	};
}

static int parse_one(struct cj_opts *o, int c, char *err, size_t len)
{
	int rc = parse_limit(&o->limits, c, err, len);

	if (rc >= 0)
		return rc;
	switch (c) {
	case 'r':
		o->root = optarg;
		return *optarg ? 0 : fail(err, len, "-r: empty root directory");
	case 'u':
		o->user = optarg;
		return *optarg ? 0 : fail(err, len, "-u: empty user");
	case 'd':
		if (optarg[0] != '/')
			return fail(
			    err, len,
			    "-d '%s': the directory must be an absolute "
			    "path inside the jail",
			    optarg);
		o->dir = optarg;
		return 0;
	case 'e':
		if (!cj_env_entry_valid(optarg))
			return fail(err, len,
				    "-e '%s': expected KEY=VALUE with KEY made "
				    "of letters, digits and _",
				    optarg);
		if (o->nenv == CJ_MAX_ENV)
			return fail(err, len,
				    "too many -e entries (at most %d)",
				    CJ_MAX_ENV);
		o->env[o->nenv++] = optarg;
		return 0;
	case 'n':
		o->no_network = true;
		return 0;
	case 'I':
		o->insecure = true;
		return 0;
	case 'q':
		o->quiet = true;
		return 0;
	case 'v':
		o->verbose = true;
		return 0;
	case 'h':
		o->help = true;
		return 0;
	case 'V':
		o->version = true;
		return 0;
	case OPT_HOSTNAME:
		if (!*optarg || strlen(optarg) > HOSTNAME_MAX)
			return fail(err, len,
				    "--hostname: 1 to 64 characters expected");
		o->hostname = optarg;
		return 0;
	case OPT_ALLOW:
		return add_edit(o, CJ_EDIT_ALLOW, optarg, err, len);
	case OPT_DENY:
		return add_edit(o, CJ_EDIT_DENY, optarg, err, len);
	case OPT_PROFILE:
		return add_edit(o, CJ_EDIT_PROFILE, optarg, err, len);
	case OPT_SECCOMP_PROFILE:
		return add_edit(o, CJ_EDIT_OCI, optarg, err, len);
	case ':':
		return fail(err, len, "option '%s' needs an argument",
			    optopt ? (char[]){ '-', (char)optopt, 0 }
				   : "(long option)");
	default:
		return fail(err, len, "unknown option '%s'",
			    optopt ? (char[]){ '-', (char)optopt, 0 }
				   : "(see --help)");
	}
}

int cj_opts_parse(struct cj_opts *o, int argc, char **argv, char *err,
		  size_t errlen)
{
	int c, rc;

	opts_init(o);
	err[0] = '\0';
	optind = 0; /* full reset, so the parser can run more than once */
	opterr = 0;
	/* '+': stop at the first non-option, the program's own argv. */
	while ((c = getopt_long(argc, argv, "+:r:u:d:e:nIqvhV", long_opts,
				NULL)) != -1) {
		if (c == '?' && optopt == 0)
			return fail(err, errlen, "unknown option '%s'",
				    argv[optind - 1]);
		rc = parse_one(o, c, err, errlen);
		if (rc)
			return rc;
	}
	if (o->help || o->version)
		return 0;
	if (optind >= argc)
		return fail(err, errlen,
			    "no program given: capejail [OPTIONS] -- PROGRAM "
			    "[ARGS]");
	if (argv[optind][0] == '\0')
		return fail(err, errlen, "empty program name");
	if (o->quiet && o->verbose)
		return fail(err, errlen,
			    "--quiet and --verbose exclude each "
			    "other");
	o->argv = argv + optind;
	o->argc = argc - optind;
	return 0;
}

/*
 * The environment never edits the policy: a caller's environment must not
 * silently loosen it (docs/profiles.md). The convention of Cloudflare's
 * sandbox (SECCOMP_SYSCALL_ALLOW=uname:write, read by the preload library
 * only) gets a warning instead.
 */
int cj_policy_from_opts(struct cj_policy *p, const struct cj_opts *o,
			const struct cj_msgs *msgs, struct cj_err *e)
{
	static const char *const vars[] = { "SECCOMP_SYSCALL_ALLOW",
					    "SECCOMP_SYSCALL_DENY" };

	for (size_t i = 0; i < CJ_ARRAY_SIZE(vars); i++)
		if (getenv(vars[i]))
			cj_msgs_warn(msgs,
				     "%s is set and ignored: capejail never "
				     "takes its policy from the environment; "
				     "use --allow, --deny or --profile",
				     vars[i]);
	return cj_policy_build(p, o->edits, o->nedits, msgs, e);
}
