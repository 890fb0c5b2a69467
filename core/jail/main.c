/* SPDX-License-Identifier: MIT */
/* capejail: parse, build the policy, plan, run, report. */
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

int main(int argc, char **argv)
{
	static const struct cj_msgs msgs = { print_warn, print_note, NULL };
	struct cj_opts opts;
	struct cj_policy policy;
	struct cj_plan plan;
	struct cj_result res;
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
	/* Without edits the policy is the default: use its build-time BPF. */
	rc = cj_plan_build(&plan, &opts, &policy,
			   opts.nedits ? NULL : &cj_default_filter);
	if (!rc)
		rc = cj_run(&plan, &res);
	if (!rc)
		rc = cj_result_describe(&plan, &res);
	cj_plan_free(&plan);
	cj_policy_free(&policy);
	return rc;
}
