/* SPDX-License-Identifier: MIT */
/* capejail: parse, apply the policy edits, plan, run, report. */
#include <stdio.h>

#include "capejail.h"
#include "default_filter.h"
#include "log.h"
#include "profile.h"

int main(int argc, char **argv)
{
	struct cj_opts opts;
	struct cj_policy policy;
	struct cj_plan plan;
	struct cj_result res;
	char err[512];
	int rc = cj_opts_parse(&opts, argc, argv, err, sizeof(err));

	if (rc) {
		cj_error("%s", err);
		cj_hint("see 'capejail --help'");
		return rc;
	}
	if (opts.help || opts.version) {
		fputs(opts.help ? cj_usage : "capejail " CJ_VERSION "\n",
		      stdout);
		return 0;
	}
	cj_log_quiet = opts.quiet;
	cj_log_verbose = opts.verbose;
	rc = cj_policy_from_opts(&policy, &opts);
	if (rc)
		return rc;
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
