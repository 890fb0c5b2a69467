/* SPDX-License-Identifier: MIT */
#include "discover_opts.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "placeopts.h"

const char dopts_usage[] =
    "usage: capejail-syscalls discover [OPTIONS] -- PROG [ARGS]\n"
    "Run PROG and list the syscalls it made that capejail's default policy\n"
    "would block, with the rationale and the --allow line. Discovery is not\n"
    "a jail: every call PROG makes runs.\n"
    "\n"
    "      --engine notify  watch with seccomp user notifications: the calls\n"
    "                       the policy allows run untouched, the others reach\n"
    "                       capejail's supervisor and run; every thread and\n"
    "                       child is watched (the default where the kernel\n"
    "                       has them, without --full, --all or --log)\n"
    "      --engine strace  trace with strace (decodes paths and arguments;\n"
    "                       needed by --full, --all and --log)\n"
    "  -r, --root DIR       run PROG in the jail (as capejail would, seccomp "
    "off)\n"
    "  -u, --user USER      ... as USER\n"
    "  -d, --dir DIR        ... in DIR inside the jail\n"
    "  -e, --env KEY=VALUE  ... with this variable (repeatable)\n"
    "  -n, --no-network     ... without network\n"
    "      --all            also list every syscall PROG made (implies "
    "--full)\n"
    "      --full           trace every syscall, not only the blocked ones\n"
    "      --json           print the report as JSON\n"
    "      --emit allow     print only the --allow list (report on stderr)\n"
    "      --emit profile   print only a profile file (report on stderr)\n"
    "      --emit env       print SECCOMP_SYSCALL_ALLOW=... of every syscall\n"
    "                       PROG makes from its execve on (host only)\n"
    "      --emit env-late  the same, only after the preload library's\n"
    "                       filter is loaded (LD_PRELOAD; host only)\n"
    "                       (with --json and --emit, PROG's stdout goes to\n"
    "                       stderr: stdout carries only the result)\n"
    "      --minimize       rerun PROG in the real jail once per "
    "dangerous\n"
    "                       syscall it needs, answered ENOSYS then EPERM;\n"
    "                       keep the errno where exit status and output\n"
    "                       do not change (the profile then says so)\n"
    "      --verify         rerun PROG in the real jail under the "
    "proposed\n"
    "                       profile and say whether it now succeeds\n"
    "      --log FILE       also write strace's log to FILE\n"
    "  -h, --help           this help\n"
    "\n"
    "Exit status: 0 nothing would be blocked, 1 something would be, 64 bad\n"
    "usage, 69 strace or capejail missing, 70 internal error, 71 the jail\n"
    "could not be run for --minimize or --verify, 126 PROG not executable,\n"
    "127 PROG not found.\n";

enum {
	OPT_ALL = 256,
	OPT_FULL,
	OPT_JSON,
	OPT_EMIT,
	OPT_LOG,
	OPT_MINIMIZE,
	OPT_VERIFY,
	OPT_ENGINE,
};

static const struct option long_opts[] = {
	CJ_PLACE_OPTIONS,
	{ "all", no_argument, NULL, OPT_ALL },
	{ "full", no_argument, NULL, OPT_FULL },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "emit", required_argument, NULL, OPT_EMIT },
	{ "log", required_argument, NULL, OPT_LOG },
	{ "minimize", no_argument, NULL, OPT_MINIMIZE },
	{ "verify", no_argument, NULL, OPT_VERIFY },
	{ "engine", required_argument, NULL, OPT_ENGINE },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

bool dopts_jail(const struct dopts *o)
{
	return o->root || o->user || o->dir || o->nenv || o->no_network;
}

static int fail(char *err, size_t len, const char *what, const char *arg)
{
	snprintf(err, len, "%s%s%s", what, arg ? arg : "", arg ? "'" : "");
	return CJ_EX_USAGE;
}

int dopts_parse(struct dopts *o, int argc, char **argv, char *err,
		size_t errlen)
{
	int c;

	memset(o, 0, sizeof(*o));
	err[0] = '\0';
	optind = 0; /* glibc: start afresh */
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:" CJ_PLACE_SHORT "h", long_opts,
				NULL)) != -1) {
		switch (c) {
		case 'r':
			o->root = optarg;
			break;
		case 'u':
			o->user = optarg;
			break;
		case 'd':
			o->dir = optarg;
			break;
		case 'e':
			if (!cj_env_entry_valid(optarg))
				return fail(err, errlen,
					    "-e: expected KEY=VALUE, not '",
					    optarg);
			if (o->nenv == CJ_MAX_ENV)
				return fail(err, errlen, "too many -e entries",
					    NULL);
			o->env[o->nenv++] = optarg;
			break;
		case 'n':
			o->no_network = true;
			break;
		case OPT_ALL:
			o->all = o->full = true;
			break;
		case OPT_FULL:
			o->full = true;
			break;
		case OPT_JSON:
			o->json = true;
			break;
		case OPT_EMIT:
			if (strcmp(optarg, "allow") == 0)
				o->emit = DOPT_EMIT_ALLOW;
			else if (strcmp(optarg, "profile") == 0)
				o->emit = DOPT_EMIT_PROFILE;
			else if (strcmp(optarg, "env") == 0)
				o->emit = DOPT_EMIT_ENV;
			else if (strcmp(optarg, "env-late") == 0)
				o->emit = DOPT_EMIT_ENV_LATE;
			else
				return fail(err, errlen,
					    "--emit: expected 'allow', "
					    "'profile', 'env' or 'env-late', "
					    "not '",
					    optarg);
			break;
		case OPT_LOG:
			o->log = optarg;
			break;
		case OPT_MINIMIZE:
			o->minimize = true;
			break;
		case OPT_VERIFY:
			o->verify = true;
			break;
		case OPT_ENGINE:
			if (strcmp(optarg, "notify") == 0)
				o->engine = DOPT_ENGINE_NOTIFY;
			else if (strcmp(optarg, "strace") == 0)
				o->engine = DOPT_ENGINE_STRACE;
			else
				return fail(err, errlen,
					    "--engine: expected 'notify' or "
					    "'strace', not '",
					    optarg);
			break;
		case 'h':
			o->help = true;
			return 0;
		case ':':
			return fail(err, errlen, "missing argument to '",
				    argv[optind - 1]);
		default:
			return fail(err, errlen, "unknown option '",
				    argv[optind - 1]);
		}
	}
	if ((o->emit == DOPT_EMIT_ENV || o->emit == DOPT_EMIT_ENV_LATE) &&
	    dopts_jail(o))
		return fail(err, errlen,
			    "--emit env and env-late trace the program on the "
			    "host (the preload library and --filter-only run "
			    "there): drop -r, -u, -d, -e and -n",
			    NULL);
	if (o->engine == DOPT_ENGINE_NOTIFY && (o->full || o->log))
		return fail(err, errlen,
			    "--full, --all and --log need --engine strace: "
			    "the notify engine sees only the calls the policy "
			    "does not allow, and keeps no log",
			    NULL);
	if (o->engine == DOPT_ENGINE_NOTIFY &&
	    (o->emit == DOPT_EMIT_ENV || o->emit == DOPT_EMIT_ENV_LATE))
		return fail(err, errlen,
			    "--emit env and env-late list every syscall: "
			    "they need --engine strace",
			    NULL);
	if (o->json && o->emit != DOPT_EMIT_NONE)
		return fail(err, errlen, "--json and --emit exclude each other",
			    NULL);
	if (optind >= argc)
		return fail(err, errlen,
			    "no program given (discover [OPTIONS] "
			    "-- PROG [ARGS])",
			    NULL);
	o->argv = argv + optind;
	return 0;
}
