/* SPDX-License-Identifier: MIT */
/*
 * capejail: parse, build the policy, plan, run, report. The only file of
 * the launcher that prints: the library hands back errors, warnings, notes
 * and the report.
 */
#include <stdio.h>

#include "capejail.h"
#include "default_filter.h"
#include "log.h"

static void print_warn(void *ctx, const char *msg)
{
	(void)ctx;
	cj_warn("%s", msg);
}

static void print_note(void *ctx, const char *msg)
{
	(void)ctx;
	cj_verbose("%s", msg);
}

static void print_report(const struct cj_report *rep)
{
	for (size_t i = 0; i < rep->nlines; i++) {
		const char *t = rep->lines[i].text;

		switch (rep->lines[i].kind) {
		case CJ_LINE_PLAIN:
			fprintf(stderr, "capejail: %s\n", t);
			break;
		case CJ_LINE_ERROR:
			cj_error("%s", t);
			break;
		case CJ_LINE_WARN:
			cj_warn("%s", t);
			break;
		case CJ_LINE_HINT:
			cj_hint("%s", t);
			break;
		case CJ_LINE_INFO:
			cj_info("%s", t);
			break;
		case CJ_LINE_NOTE:
			cj_verbose("%s", t);
			break;
		}
	}
}

/* Plan, run, report; 0 or capejail's exit status. */
static int jail(const struct cj_opts *opts, const struct cj_policy *policy,
		const struct cj_msgs *msgs)
{
	struct cj_report rep;
	struct cj_plan plan;
	struct cj_result res;
	struct cj_err err;
	/* Without edits the policy is a default: use its build-time BPF. */
	const struct cj_bpf *pre =
	    opts->share_net ? &cj_sharenet_filter : &cj_default_filter;
	int rc = cj_plan_build(&plan, opts, policy,
			       opts->nedits || opts->no_new_code ? NULL : pre,
			       msgs, &err);

	if (!rc)
		rc = cj_run(&plan, msgs, &res, &err);
	if (rc) {
		cj_log_err(&err);
	} else {
		rc = cj_result_describe(&plan, &res, &rep);
		print_report(&rep);
	}
	cj_plan_free(&plan);
	return rc;
}

int main(int argc, char **argv)
{
	static const struct cj_msgs msgs = { print_warn, print_note, NULL };
	struct cj_opts opts;
	struct cj_policy policy;
	struct cj_err err;
	int rc = cj_opts_parse(&opts, argc, argv, err.msg, sizeof(err.msg));

	if (rc) {
		cj_error("%s", err.msg);
		cj_hint("see 'capejail --help'");
		return rc;
	}
	if (opts.help || opts.version) {
		fputs(opts.help ? cj_usage : "capejail " CJ_VERSION "\n",
		      stdout);
		return 0;
	}
	cj_log_init("capejail", opts.quiet, opts.verbose);
	rc = cj_policy_from_opts(&policy, &opts, &msgs, &err);
	if (rc) {
		cj_log_err(&err);
		return rc;
	}
	rc = jail(&opts, &policy, &msgs);
	cj_policy_free(&policy);
	return rc;
}
