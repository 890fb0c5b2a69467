/* SPDX-License-Identifier: MIT */
/*
 * capejail: parse, build the policy, plan, run, report. The only file of
 * the launcher that prints: the library hands back errors, warnings, notes
 * and the report.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capejail.h"
#include "default_filter.h"
#include "log.h"
#ifdef CJ_KNOCKOUT
#include "policy_rules.h"
#endif

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

/* A line of the report as log.h would print it, into BUF at *AT. */
static void report_line(char *buf, size_t len, size_t *at,
			const struct cj_report_line *l)
{
	static const char *const tag[] = {
		[CJ_LINE_PLAIN] = "",	      [CJ_LINE_ERROR] = "error: ",
		[CJ_LINE_WARN] = "warning: ", [CJ_LINE_HINT] = "hint: ",
		[CJ_LINE_INFO] = "",	      [CJ_LINE_NOTE] = "",
	};
	int n;

	if ((l->kind == CJ_LINE_INFO && cj_log_quiet_on()) ||
	    (l->kind == CJ_LINE_NOTE && !cj_log_verbose_on()))
		return;
	n = snprintf(buf + *at, len - *at, "capejail: %s%s\n", tag[l->kind],
		     l->text);
	if (n > 0)
		*at = (size_t)n < len - *at ? *at + (size_t)n : len - 1;
}

/*
 * The report goes out in one write through a description of our own, with
 * a bounded wait: the program may have made the shared stderr non-blocking
 * or filled it.
 */
static void print_report(const struct cj_report *rep)
{
	char buf[CJ_REPORT_LINES * 1100];
	size_t at = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < rep->nlines; i++)
		report_line(buf, sizeof(buf), &at, &rep->lines[i]);
	if (at && cj_caller_write(2, buf, at, CJ_STATUS_TIMEOUT_MS))
		fputs(buf, stderr); /* the last resort, as before */
}

/* The status fd's object; a failure to write it is said on stderr. */
static void write_status(int fd, const char *json)
{
	int rc = cj_statusfd_write(fd, json);

	if (rc)
		cj_error("cannot write the status object to fd %d: %s", fd,
			 strerror(-rc));
}

static void status_error(int fd, int status, const struct cj_err *err)
{
	char json[2048];

	if (fd >= 0 &&
	    !cj_status_json_error(status, err->msg, json, sizeof(json)))
		write_status(fd, json);
}

#ifdef CJ_KNOCKOUT
/*
 * Test builds only (`make knockout`, never installed): CJ_KNOCKOUT_RULE=N
 * knocks argument rule N (1: the first CJ_ARGRULE of argrules.def) out of
 * the policy (knockout.c), for probes/knockouts. 1 when a rule is out
 * (the filter is then compiled, not the build-time one), 0 when none is
 * asked for, or capejail's exit status; CJ_KNOCKOUT_RULE=list prints
 * "N SYSCALL" for each rule and returns -1 (capejail exits 0).
 */
static int knock_out_rule(struct cj_policy *p)
{
	const char *v = getenv("CJ_KNOCKOUT_RULE");
	size_t n;
	const struct cj_argrule *rules = cj_argrules(&n);
	char *end = NULL;
	unsigned long k;
	bool changed;
	int rc;

	if (!v || !*v)
		return 0;
	if (strcmp(v, "list") == 0) {
		for (size_t i = 0; i < n; i++)
			printf("%zu %s\n", i + 1, rules[i].name);
		return -1;
	}
	k = strtoul(v, &end, 10);
	if (*end || k == 0 || k > n) {
		cj_error("CJ_KNOCKOUT_RULE='%s': expected 1 to %zu, the "
			 "number of an argument rule in argrules.def",
			 v, n);
		return CJ_EX_USAGE;
	}
	rc = cj_policy_knock_out_rule(p, k - 1, &changed);
	if (rc) {
		cj_error("knock out argument rule %lu (%s): %s", k,
			 rules[k - 1].name, strerror(-rc));
		return CJ_EX_SOFTWARE;
	}
	cj_warn("knock-out: argument rule %lu (%s) is out%s", k,
		rules[k - 1].name,
		changed ? ""
			: "; the filter is unchanged: another rule of "
			  "the row answers its calls first");
	return 1;
}
#endif

/*
 * Without edits the policy is a default: its build-time BPF, for the
 * default jail, --share-net, --discover-fd or grants; NULL for the
 * combinations none was made for (compiled at start).
 */
static const struct cj_bpf *precompiled_filter(const struct cj_opts *o)
{
	if (o->discover_fd >= 0)
		return o->share_net || o->ngrants ? NULL : &cj_discover_filter;
	if (o->ngrants)
		return o->share_net ? NULL : &cj_grant_filter;
	return o->share_net ? &cj_sharenet_filter : &cj_default_filter;
}

/* Plan, run, report; 0 or capejail's exit status. */
static int jail(const struct cj_opts *opts, const struct cj_policy *policy,
		bool compile, const struct cj_msgs *msgs, int sfd)
{
	static char json[65536];
	struct cj_report rep;
	struct cj_plan plan;
	struct cj_result res;
	struct cj_caller caller;
	struct cj_err err;
	const struct cj_bpf *pre = precompiled_filter(opts);
	int rc = cj_plan_build(&plan, opts, policy,
			       opts->nedits || opts->no_new_code ||
				       opts->nconnect || compile
				   ? NULL
				   : pre,
			       msgs, &err);

	cj_caller_save(&caller);
	if (!rc)
		rc = cj_run(&plan, msgs, &res, &err);
	cj_caller_restore(&caller);
	if (rc) {
		cj_log_err(&err);
		status_error(sfd, rc, &err);
	} else {
		rc = cj_result_describe(&plan, &res, &rep);
		print_report(&rep);
		if (sfd >= 0 &&
		    !cj_status_json(&plan, &res, json, sizeof(json)))
			write_status(sfd, json);
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
	int sfd;
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
	rc = cj_statusfd_open(&opts, &sfd, &err);
	if (!rc && opts.discover_fd >= 0)
		rc = cj_outfd_check(opts.discover_fd, "--discover-fd", &err);
	if (rc) {
		cj_log_err(&err);
		return rc;
	}
	rc = cj_policy_from_opts(&policy, &opts, &msgs, &err);
	if (rc) {
		cj_log_err(&err);
		status_error(sfd, rc, &err);
		return rc;
	}
#ifdef CJ_KNOCKOUT
	rc = knock_out_rule(&policy);
	if (rc < 0 || rc > 1) {
		cj_policy_free(&policy);
		return rc < 0 ? CJ_EX_OK : rc;
	}
	rc = jail(&opts, &policy, rc == 1, &msgs, sfd);
#else
	rc = jail(&opts, &policy, false, &msgs, sfd);
#endif
	cj_policy_free(&policy);
	return rc;
}
