/* SPDX-License-Identifier: MIT */
/*
 * argv -> struct cj_opts. Pure: no I/O, no exit; errors go to ERR.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "capejail.h"
#include "compiler.h"
#include "jail.h"
#include "rootless.h"

const char cj_usage[] =
    "usage: capejail [OPTIONS] -- PROGRAM [ARGS]\n"
    "Run PROGRAM jailed: new PID/mount/IPC/UTS/network namespaces, a separate\n"
    "root, an unprivileged user without capabilities, and a seccomp\n"
    "allow-list. The network is the jail's own: loopback only.\n"
    "\n"
    "  -r, --root DIR         root directory of the jail, read-only (default:\n"
    "                         the host's root, read-only)\n"
    "      --overlay          writable root whose changes vanish with the "
    "jail\n"
    "      --writable-root    bind DIR read-write: writes persist on the host\n"
    "      --untrusted-root   accept a root not owned by root or writable by\n"
    "                         others (warns)\n"
    "      --bind SRC[:DEST]  bind host path SRC read-write at DEST "
    "(repeatable)\n"
    "      --ro-bind SRC[:DEST]  the same, read-only\n"
    "      --tmpfs DEST[:SIZE]   a bounded tmpfs at DEST (default --tmp-size)\n"
    "  -u, --user USER        user name or uid to run as (default: nobody)\n"
    "      --subids           rootless: the jail's user is a subordinate id\n"
    "                         of yours (/etc/subuid, /etc/subgid), not you\n"
    "  -d, --dir DIR          working directory inside the jail (default: /)\n"
    "  -e, --env KEY=VALUE    add an environment variable (repeatable)\n"
    "  -n, --no-network       accepted and changes nothing: a private network\n"
    "                         (loopback only) is already the default\n"
    "      --share-net        share the host's network: outbound connections;\n"
    "                         no binding the host's ports or abstract names\n"
    "      --allow-bind PORT  with --share-net: let the jail bind and listen\n"
    "                         on TCP/UDP PORT (repeatable)\n"
    "      --connect HOST:PORT  without --share-net: a TCP connect() to\n"
    "                         this host address reaches it (repeatable)\n"
    "      --grant-read PATH  the program may open the host's file PATH, or\n"
    "                         files beneath the directory PATH, for reading\n"
    "                         by that path: the supervisor opens them\n"
    "                         (repeatable; no mount)\n"
    "      --grant-write PATH  the same, for reading and writing\n"
    "      --broker-log FILE  append a line per open, connect, bind or listen\n"
    "                         the supervisor made for the jail\n"
    "  -I, --insecure         no seccomp filter (testing only; warns)\n"
    "      --audit            calls the policy blocks are recorded and\n"
    "                         allowed, and listed at the end (warns)\n"
    "      --discover-fd FD   for capejail-syscalls discover: every call\n"
    "                         the policy refuses is written to FD and\n"
    "                         let through (implies --audit; not a jail)\n"
    "      --filter-only      no jail: only no_new_privs and the seccomp\n"
    "                         filter, as the caller, in the caller's\n"
    "                         file system and network; needs no root\n"
    "      --no-new-code      run only the root's programs: writable mounts\n"
    "                         noexec, root read-only, no memfd or fd exec\n"
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
    "      --tmp-size SIZE    size of each writable tmpfs (/tmp, /dev/shm,\n"
    "                         /var/tmp, home, the --overlay upper layer)\n"
    "      --pty              run PROGRAM on a pseudo-terminal of its own "
    "that\n"
    "                         capejail relays: it never holds the caller's\n"
    "                         terminal (interactive shells, REPLs)\n"
    "      --status-fd N      write how the jail ended to fd N as JSON\n"
    "                         (docs/status.schema.json); N >= 3\n"
    "      --status-file PATH the same JSON object into PATH\n"
    "  -q, --quiet            only errors and the blocked-syscall report\n"
    "  -v, --verbose          print the limits, the filter and every set-up\n"
    "                         step as it is done\n"
    "  -h, --help             this help\n"
    "  -V, --version          print the version\n"
    "\n"
    "Exit status: the program's; 128+N if killed by signal N (159: killed\n"
    "for a blocked syscall); 64 usage, 65 profile, 66 root, 67 user,\n"
    "68 directory, 70 internal, 71 set-up refused by the kernel, 72 bind or\n"
    "tmpfs, 73 status file, 75 no free jail identity, 77 not root and no\n"
    "user namespace allowed, 124 time limit, 126 not executable, 127 not\n"
    "found. Only the status fd tells a real kill from the program's own\n"
    "exit status. Run by a user other than root, capejail builds the same\n"
    "jail rootless, in a user namespace of its own (docs/rootless.md).\n";

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
	OPT_FILTER_ONLY,
	OPT_OVERLAY,
	OPT_WRITABLE_ROOT,
	OPT_UNTRUSTED_ROOT,
	OPT_BIND,
	OPT_RO_BIND,
	OPT_TMPFS,
	OPT_SHARE_NET,
	OPT_ALLOW_BIND,
	OPT_NO_NEW_CODE,
	OPT_STATUS_FD,
	OPT_STATUS_FILE,
	OPT_PTY,
	OPT_SUBIDS,
	OPT_AUDIT,
	OPT_CONNECT,
	OPT_DISCOVER_FD,
	OPT_GRANT_READ,
	OPT_GRANT_WRITE,
	OPT_BROKER_LOG,
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
	{ "filter-only", no_argument, NULL, OPT_FILTER_ONLY },
	{ "overlay", no_argument, NULL, OPT_OVERLAY },
	{ "writable-root", no_argument, NULL, OPT_WRITABLE_ROOT },
	{ "untrusted-root", no_argument, NULL, OPT_UNTRUSTED_ROOT },
	{ "subids", no_argument, NULL, OPT_SUBIDS },
	{ "audit", no_argument, NULL, OPT_AUDIT },
	{ "connect", required_argument, NULL, OPT_CONNECT },
	{ "discover-fd", required_argument, NULL, OPT_DISCOVER_FD },
	{ "grant-read", required_argument, NULL, OPT_GRANT_READ },
	{ "grant-write", required_argument, NULL, OPT_GRANT_WRITE },
	{ "broker-log", required_argument, NULL, OPT_BROKER_LOG },
	{ "bind", required_argument, NULL, OPT_BIND },
	{ "ro-bind", required_argument, NULL, OPT_RO_BIND },
	{ "tmpfs", required_argument, NULL, OPT_TMPFS },
	{ "share-net", no_argument, NULL, OPT_SHARE_NET },
	{ "allow-bind", required_argument, NULL, OPT_ALLOW_BIND },
	{ "no-new-code", no_argument, NULL, OPT_NO_NEW_CODE },
	{ "status-fd", required_argument, NULL, OPT_STATUS_FD },
	{ "status-file", required_argument, NULL, OPT_STATUS_FILE },
	{ "pty", no_argument, NULL, OPT_PTY },
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

static int add_mount(struct cj_opts *o, enum cj_mount_kind kind,
		     const char *arg, char *err, size_t len)
{
	if (o->nmounts == CJ_MAX_MOUNTS)
		return fail(err, len,
			    "too many --bind/--ro-bind/--tmpfs (at most %d)",
			    CJ_MAX_MOUNTS);
	if (cj_mount_spec_parse(kind, arg, &o->mounts[o->nmounts], err, len))
		return CJ_EX_USAGE;
	o->nmounts++;
	return 0;
}

static int set_root_mode(struct cj_opts *o, enum cj_root_mode m, char *err,
			 size_t len)
{
	if (o->root_mode != CJ_ROOT_READONLY && o->root_mode != m)
		return fail(err, len,
			    "--overlay and --writable-root exclude each other");
	o->root_mode = m;
	return 0;
}

/* --allow-bind PORT: 1 to 65535, each once. */
static int add_bind_port(struct cj_opts *o, const char *arg, char *err,
			 size_t len)
{
	long v = 0;

	for (const char *p = arg; *p && v <= 65535; p++) {
		if (*p < '0' || *p > '9')
			v = -1;
		if (v < 0)
			break;
		v = v * 10 + (*p - '0');
	}
	if (!*arg || v < 1 || v > 65535)
		return fail(err, len,
			    "--allow-bind '%s': expected a port number, 1 to "
			    "65535",
			    arg);
	for (size_t i = 0; i < o->nbind; i++)
		if (o->allow_bind[i] == v)
			return 0;
	if (o->nbind == CJ_MAX_BIND)
		return fail(err, len,
			    "too many --allow-bind ports (at most %d)",
			    CJ_MAX_BIND);
	o->allow_bind[o->nbind++] = (uint16_t)v;
	return 0;
}

static void opts_init(struct cj_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->status_fd = -1;
	o->discover_fd = -1;
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

/*
 * --status-fd, --discover-fd: 0, 1 and 2 are the program's too: it could
 * write forged lines there.
 */
static int parse_out_fd(int *fd, const char *opt, const char *arg, char *err,
			size_t len)
{
	long v = 0;

	for (const char *p = arg; *p; p++) {
		if (*p < '0' || *p > '9' || v > 1000000)
			return fail(err, len,
				    "%s '%s': expected a descriptor number",
				    opt, arg);
		v = v * 10 + (*p - '0');
	}
	if (!*arg || v < 3)
		return fail(err, len,
			    "%s '%s': must be 3 or more (0, 1 and 2 are "
			    "shared with the program, which could write "
			    "forged lines there)",
			    opt, arg);
	*fd = (int)v;
	return 0;
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
		o->no_network = true; /* the default already: kept for users */
		return 0;
	case OPT_SHARE_NET:
		o->share_net = true;
		return 0;
	case OPT_ALLOW_BIND:
		return add_bind_port(o, optarg, err, len);
	case OPT_NO_NEW_CODE:
		o->no_new_code = true;
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
	case OPT_FILTER_ONLY:
		o->filter_only = true;
		return 0;
	case OPT_OVERLAY:
		return set_root_mode(o, CJ_ROOT_OVERLAY, err, len);
	case OPT_WRITABLE_ROOT:
		return set_root_mode(o, CJ_ROOT_WRITABLE, err, len);
	case OPT_UNTRUSTED_ROOT:
		o->untrusted_root = true;
		return 0;
	case OPT_SUBIDS:
		o->subids = true;
		return 0;
	case OPT_AUDIT:
		o->audit = true;
		return 0;
	case OPT_CONNECT:
		if (o->nconnect == CJ_MAX_CONNECT)
			return fail(err, len, "at most %d --connect addresses",
				    CJ_MAX_CONNECT);
		return cj_connect_parse(optarg, &o->connect[o->nconnect++], err,
					len);
	case OPT_BIND:
		return add_mount(o, CJ_MNT_BIND, optarg, err, len);
	case OPT_RO_BIND:
		return add_mount(o, CJ_MNT_RO_BIND, optarg, err, len);
	case OPT_TMPFS:
		return add_mount(o, CJ_MNT_TMPFS, optarg, err, len);
	case OPT_STATUS_FD:
		return parse_out_fd(&o->status_fd, "--status-fd", optarg, err,
				    len);
	case OPT_GRANT_READ:
	case OPT_GRANT_WRITE:
		if (o->ngrants == CJ_MAX_GRANTS)
			return fail(err, len, "at most %d grants",
				    CJ_MAX_GRANTS);
		return cj_grant_parse(optarg, c == OPT_GRANT_WRITE,
				      &o->grants[o->ngrants++], err, len);
	case OPT_BROKER_LOG:
		if (!*optarg)
			return fail(err, len, "--broker-log: empty file name");
		o->broker_log = optarg;
		return 0;
	case OPT_DISCOVER_FD:
		o->audit = true;
		return parse_out_fd(&o->discover_fd, "--discover-fd", optarg,
				    err, len);
	case OPT_PTY:
		o->pty = true;
		return 0;
	case OPT_STATUS_FILE:
		if (!*optarg)
			return fail(err, len, "--status-file: empty path");
		o->status_file = optarg;
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

/*
 * --filter-only builds no jail: an option that configures one (a root, a
 * user, a network, a host name, a limit that needs a cgroup or a tmpfs)
 * would be silently ignored, so it is an error.
 */
static int check_filter_only(const struct cj_opts *o, char *err, size_t len)
{
	const struct {
		bool given;
		const char *name;
	} jail_only[] = {
		{ o->root != NULL, "-r/--root" },
		{ o->user != NULL, "-u/--user" },
		{ o->no_network, "-n/--no-network" },
		{ o->share_net, "--share-net" },
		{ o->nconnect > 0, "--connect" },
		{ o->nbind > 0, "--allow-bind" },
		{ o->no_new_code, "--no-new-code" },
		{ o->hostname != NULL, "--hostname" },
		{ o->limits.memory != CJ_LIMIT_DEFAULT, "--memory" },
		{ o->limits.pids != CJ_LIMIT_DEFAULT, "--pids" },
		{ o->limits.tmp_size != CJ_LIMIT_DEFAULT, "--tmp-size" },
		{ o->insecure, "-I/--insecure" },
		{ o->root_mode != CJ_ROOT_READONLY,
		  "--overlay/--writable-root" },
		{ o->untrusted_root, "--untrusted-root" },
		{ o->subids, "--subids" },
		{ o->nmounts > 0, "--bind/--ro-bind/--tmpfs" },
	};

	if (!o->filter_only)
		return 0;
	for (size_t i = 0; i < CJ_ARRAY_SIZE(jail_only); i++)
		if (jail_only[i].given)
			return fail(err, len,
				    "--filter-only builds no jail: %s has "
				    "nothing to apply to (drop it, or drop "
				    "--filter-only for the whole jail)",
				    jail_only[i].name);
	return 0;
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
	if (o->status_fd >= 0 && o->status_file)
		return fail(err, errlen,
			    "--status-fd and --status-file exclude each other");
	if (o->quiet && o->verbose)
		return fail(err, errlen,
			    "--quiet and --verbose exclude each "
			    "other");
	rc = check_filter_only(o, err, errlen);
	if (rc)
		return rc;
	if (o->no_new_code && o->root_mode != CJ_ROOT_READONLY)
		return fail(err, errlen,
			    "--no-new-code needs the read-only root: with "
			    "--overlay or --writable-root the jail could write "
			    "a program into it (drop one of them)");
	if (o->nbind && !o->share_net)
		return fail(err, errlen,
			    "--allow-bind needs --share-net: the jail's own "
			    "network already lets it bind any port");
	if (o->nconnect && o->share_net)
		return fail(err, errlen,
			    "--connect gives a jail with a network of its own "
			    "one host address; --share-net already shares all "
			    "of them (drop one)");
	if (o->audit && o->insecure)
		return fail(err, errlen,
			    "%s records what the filter blocks: with "
			    "-I/--insecure there is no filter (drop one)",
			    o->discover_fd >= 0 ? "--discover-fd" : "--audit");
	if (o->ngrants && (o->insecure || o->filter_only))
		return fail(err, errlen,
			    "--grant-read and --grant-write are the "
			    "supervisor's: with %s there is %s (drop one)",
			    o->insecure ? "-I/--insecure" : "--filter-only",
			    o->insecure
				? "no filter to send opens to it"
				: "no jail: the host's files are there");
	if (o->broker_log && !o->ngrants && !o->nconnect && !o->share_net)
		return fail(err, errlen,
			    "--broker-log logs what the broker does for "
			    "--grant-read, --grant-write, --connect and "
			    "--share-net: give one of them");
	if (o->discover_fd >= 0 && o->discover_fd == o->status_fd)
		return fail(err, errlen,
			    "--discover-fd and --status-fd name the same "
			    "descriptor %d: give each its own",
			    o->discover_fd);
	o->argv = argv + optind;
	o->argc = argc - optind;
	return 0;
}

/*
 * --connect: connect reaches the supervisor (broker.c), which connects a
 * listed address itself and lets every other call through. A profile
 * that decided connect's fate already cannot be combined with it.
 */
static int connect_notified(struct cj_policy *p, struct cj_err *e)
{
	int row = cj_table_index("connect");

	if (row < 0 || p->rows[row].action != CJ_ACT_ALLOW ||
	    cj_policy_has_conds(p, row)) {
		cj_policy_free(p);
		cj_err_set(e, 0,
			   "--connect needs connect allowed by the policy: "
			   "a profile or option has changed it");
		cj_err_hint(e, "drop the edit of connect, or --connect");
		return CJ_EX_USAGE;
	}
	/* in notify mode a kill row is a notification to the supervisor */
	return cj_policy_set(p, "connect",
			     (struct cj_verdict){ CJ_ACT_KILL, 0 })
		   ? cj_err_set(e, CJ_EX_SOFTWARE, "--connect: out of memory")
		   : 0;
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
	int rc =
	    cj_policy_build_net(p, o->share_net, o->edits, o->nedits, msgs, e);
	if (!rc && o->nconnect)
		rc = connect_notified(p, e);
	if (rc || !o->no_new_code)
		return rc;
	/* rootless as plan.c decides it */
	rc = cj_nocode_policy(p, cj_rootless_needed());
	if (rc) {
		cj_policy_free(p);
		return cj_err_set(e, CJ_EX_SOFTWARE,
				  "--no-new-code: add the execveat and memfd "
				  "rules: %s",
				  strerror(-rc));
	}
	return 0;
}
