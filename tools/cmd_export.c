/* SPDX-License-Identifier: MIT */
/*
 * capejail-syscalls export --format oci|systemd [--profile FILE]
 *     [--seccomp-profile FILE.json] [--allow LIST] [--deny LIST] [-o FILE]
 *
 * The policy is built exactly as the launcher builds it (the default, then
 * the edits in command-line order), then written as an OCI seccomp profile
 * or as systemd SystemCallFilter= settings.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cmds.h"
#include "edits.h"
#include "exit.h"
#include "export.h"
#include "export_preload.h"
#include "log.h"

static const char export_usage[] =
    "usage: capejail-syscalls export --format oci|systemd|systemd-preload "
    "[POLICY "
    "OPTIONS] [-o FILE]\n"
    "Write the policy capejail would enforce in another tool's format.\n"
    "  -f, --format oci       an OCI runtime-spec seccomp profile (runc, "
    "crun,\n"
    "                         Docker --security-opt seccomp=, Kubernetes "
    "Localhost)\n"
    "  -f, --format systemd   SystemCallFilter= lines for a systemd unit\n"
    "  -f, --format systemd-preload\n"
    "                         Environment= lines that load the policy with\n"
    "                         libcapejail-preload.so (dynamic programs;\n"
    "                         takes --deny and one --profile)\n"
    "  -o, --output FILE      write to FILE instead of standard output\n"
    "Policy options, applied in order as by capejail itself:\n"
    "      --profile FILE     a capejail profile\n"
    "      --seccomp-profile FILE  an OCI/Docker JSON profile (replaces "
    "the policy)\n"
    "      --allow LIST       allow these syscalls (comma-separated)\n"
    "      --deny LIST        kill on these syscalls\n"
    "Exit status: 0, 64 usage, 65 profile, 70 internal, 73 cannot write.\n";

struct edits {
	struct cj_edit edits[CJ_MAX_EDITS];
	size_t nedits;
};

static int add_edit(struct edits *o, enum cj_edit_kind kind, const char *arg)
{
	if (!*arg) {
		cj_error("export: empty argument to a policy option");
		return CJ_EX_USAGE;
	}
	if (o->nedits == CJ_MAX_EDITS) {
		cj_error("export: too many policy options (at most %d)",
			 CJ_MAX_EDITS);
		return CJ_EX_USAGE;
	}
	o->edits[o->nedits++] = (struct cj_edit){ kind, arg };
	return 0;
}

/* --format: oci, systemd or systemd-preload. 0 or CJ_EX_USAGE. */
static int check_format(const char *format)
{
	if (!format)
		cj_error("export: --format is required");
	else if (strcmp(format, "oci") != 0 && strcmp(format, "systemd") != 0 &&
		 strcmp(format, "systemd-preload") != 0)
		cj_error("export: unknown format '%s'", format);
	else
		return 0;
	cj_hint("use --format oci, systemd or systemd-preload");
	return CJ_EX_USAGE;
}

static int parse(struct edits *o, const char **format, const char **output,
		 bool *help, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		CJ_EDIT_OPTIONS,
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	enum cj_edit_kind kind;
	int c, rc = 0;

	memset(o, 0, sizeof(*o));
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:f:o:h", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			*format = optarg;
			break;
		case 'o':
			*output = optarg;
			break;
		case 'h':
			*help = true;
			break;
		case ':':
			cj_error("export: option '%s' needs an argument",
				 argv[optind - 1]);
			rc = CJ_EX_USAGE;
			break;
		default:
			if (cj_edit_option(c, &kind)) {
				rc = add_edit(o, kind, optarg);
				break;
			}
			cj_error("export: unknown option '%s'",
				 argv[optind - 1]);
			rc = CJ_EX_USAGE;
			break;
		}
		if (rc) {
			cj_hint("see 'capejail-syscalls export --help'");
			return rc;
		}
	}
	if (*help)
		return 0;
	if (optind < argc) {
		cj_error("export: unexpected argument '%s'", argv[optind]);
		return CJ_EX_USAGE;
	}
	return check_format(*format);
}

static int write_out(const char *output, const char *text)
{
	FILE *f = output ? fopen(output, "we") : stdout;
	size_t len = strlen(text);
	bool ok;

	if (!f) {
		cj_error("export: cannot create %s: %s", output,
			 strerror(errno));
		return CJ_EX_CANTCREAT;
	}
	ok = fwrite(text, 1, len, f) == len && fflush(f) == 0;
	if (output && fclose(f) != 0)
		ok = false;
	if (!ok) {
		cj_error("export: cannot write %s: %s",
			 output ? output : "standard output", strerror(errno));
		return CJ_EX_CANTCREAT;
	}
	return 0;
}

static void print_warn(void *ctx, const char *msg)
{
	(void)ctx;
	cj_warn("%s", msg);
}

int cmd_export(int argc, char **argv)
{
	static const struct cj_msgs msgs = { .warn = print_warn };
	struct edits opts;
	struct cj_err err;
	struct cj_policy policy;
	const char *format = NULL, *output = NULL;
	bool help = false;
	char *text = NULL;
	int rc = parse(&opts, &format, &output, &help, argc, argv);

	if (rc)
		return rc;
	if (help) {
		fputs(export_usage, stdout);
		return 0;
	}
	/* The library's variables first: what they cannot say is refused. */
	if (strcmp(format, "systemd-preload") == 0) {
		rc = ep_unit_lines(opts.edits, opts.nedits, CJ_PRELOAD_PATH,
				   &text, &err);
		if (rc) {
			cj_log_err(&err);
			return rc;
		}
	}
	rc = cj_policy_build(&policy, opts.edits, opts.nedits, &msgs, &err);
	if (rc) {
		cj_log_err(&err);
		free(text);
		return rc;
	}
	if (text) {
		cj_policy_free(&policy);
		rc = write_out(output, text);
		free(text);
		return rc;
	}
	rc = strcmp(format, "oci") == 0 ? cj_export_oci(&policy, &text)
					: cj_export_systemd(&policy, &text);
	cj_policy_free(&policy);
	if (rc) {
		cj_error("export: %s", strerror(-rc));
		return CJ_EX_SOFTWARE;
	}
	rc = write_out(output, text);
	free(text);
	return rc;
}
