/* SPDX-License-Identifier: MIT */
/*
 * capejail-syscalls discover: run PROG under strace, hold the syscalls it
 * made against the default policy, say what would be blocked and how to
 * allow it.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "argcheck.h"
#include "log.h"
#include "cmds.h"
#include "discover_diff.h"
#include "discover_env.h"
#include "discover_ids.h"
#include "discover_minimize.h"
#include "discover_notify.h"
#include "discover_opts.h"
#include "discover_report.h"
#include "discover_run.h"

/* Host mode: is PROG there and executable? 0 or 126/127 after a message. */
static int check_prog(const char *prog)
{
	char *path = drun_which(prog);
	struct stat st;
	int rc = 0;

	if (!path) {
		cj_error("%s: program not found%s", prog,
			 strchr(prog, '/') ? "" : " in PATH");
		cj_hint("check the name, or give its full path");
		return CJ_EX_NOTFOUND;
	}
	if (stat(path, &st) || S_ISDIR(st.st_mode) || access(path, X_OK)) {
		cj_error("%s: not an executable file", path);
		cj_hint("check its permissions (chmod +x)");
		rc = CJ_EX_NOEXEC;
	}
	free(path);
	return rc;
}

/*
 * Find strace (for the strace engine) and the launcher; 0 or 69 after a
 * message.
 */
static int find_tools(const struct dopts *o, bool notify, struct drun *r,
		      char **strace, char **capejail)
{
	const char *env = getenv("CAPEJAIL_STRACE");

	*strace = notify ? NULL : drun_which(env && *env ? env : "strace");
	*capejail = NULL;
	if (!notify && (!*strace || access(*strace, X_OK))) {
		cj_error("strace is not installed%s%s%s",
			 env && *env ? " (CAPEJAIL_STRACE=" : "",
			 env && *env ? env : "", env && *env ? ")" : "");
		cj_hint("install it: apt-get install strace");
		return CJ_EX_UNAVAILABLE;
	}
	r->strace = *strace;
	if (!notify && !dopts_jail(o) && !o->minimize && !o->verify)
		return 0;
	*capejail = drun_find_capejail();
	if (!*capejail) {
		cj_error("the capejail launcher was found neither beside "
			 "capejail-syscalls nor in PATH");
		cj_hint("build it with 'make', or install it with 'make "
			"install'");
		return CJ_EX_UNAVAILABLE;
	}
	r->capejail = *capejail;
	r->root = o->root;
	r->user = o->user;
	r->dir = o->dir;
	r->env = o->env;
	r->nenv = o->nenv;
	r->no_network = o->no_network;
	return 0;
}

/*
 * After the run: did strace trace anything, did the jail start? Returns
 * -1 to go on to the report, or the exit status.
 */
static int check_run(const struct dopts *o, const struct tu_usage *u,
		     int wstatus)
{
	if (!u->seen_root) {
		cj_error("strace traced nothing (it %s %d)",
			 WIFSIGNALED(wstatus) ? "was killed by signal"
					      : "exited with status",
			 WIFSIGNALED(wstatus) ? WTERMSIG(wstatus)
					      : WEXITSTATUS(wstatus));
		cj_hint("strace needs ptrace: in a container, allow it "
			"(CAP_SYS_PTRACE, a seccomp profile that permits "
			"ptrace); see strace's message above");
		return CJ_EX_UNAVAILABLE;
	}
	if (!dopts_jail(o) || u->prog_started || !u->root_done ||
	    u->root_killed)
		return -1;
	if (u->root_status == CJ_EX_NOTFOUND) {
		cj_error("%s: program not found in the jail", o->argv[0]);
		cj_hint("check the name and that the root directory "
			"contains it");
		return CJ_EX_NOTFOUND;
	}
	if (u->root_status == CJ_EX_NOEXEC ||
	    (u->root_status >= CJ_EX_USAGE && u->root_status <= 78)) {
		cj_error("the launcher could not start %s in the jail "
			 "(status %d); see its message above",
			 o->argv[0], u->root_status);
		return u->root_status;
	}
	return -1;
}

static int report(const struct dopts *o, const struct dr_meta *m,
		  const struct dd_result *r)
{
	int status = dd_status(r);
	FILE *human = o->emit != DOPT_EMIT_NONE ? stderr : stdout;
	char outcome[128];

	if (o->json)
		return dr_print_json(stdout, r, m, o->all, status)
			   ? CJ_EX_SOFTWARE
			   : status;
	dr_print_text(human, r, m);
	if (o->all)
		dr_print_all(human, r, m);
	if (o->emit == DOPT_EMIT_ALLOW)
		dr_emit_allow(stdout, r);
	else if (o->emit == DOPT_EMIT_PROFILE)
		dr_emit_profile(stdout, r, m);
	if (m->u->root_done && (m->u->root_killed || m->u->root_status != 0))
		cj_info("note: %s %s; the report covers what it did until "
			"then",
			o->argv[0], dr_outcome(m, outcome, sizeof(outcome)));
	return status;
}

/* --minimize, then the report, then --verify. */
static int prove_and_report(const struct dopts *o, struct dr_meta *m,
			    const struct dd_result *r, const char *capejail)
{
	const struct dp_jail j = { capejail, o->root, o->user,	     o->dir,
				   o->env,   o->nenv, o->no_network, o->argv };
	int *errnos = calloc(r->n ? r->n : 1, sizeof(*errnos));
	int rc = 0, status;

	if (!errnos) {
		cj_error("out of memory");
		return CJ_EX_SOFTWARE;
	}
	m->errnos = errnos;
	if (o->minimize)
		rc = dm_minimize(&j, m, r, errnos);
	if (!rc) {
		status = report(o, m, r);
		if (o->verify)
			rc = dm_verify(&j, m, r);
		rc = rc < 0 ? rc : status;
	}
	if (rc < 0) {
		cj_error("discover: cannot run %s in the jail with %s: %s",
			 o->argv[0], capejail, strerror(-rc));
		rc = CJ_EX_OSERR;
	}
	free(errnos);
	return rc;
}

/*
 * Which engine: notify unless strace is asked for, or needed (--full,
 * --all, --log), or the kernel has no user notifications. True for notify;
 * -1 in *RC when --engine notify cannot be had.
 */
static bool pick_notify(const struct dopts *o, int *rc)
{
	*rc = 0;
	if (o->engine == DOPT_ENGINE_STRACE ||
	    (o->engine == DOPT_ENGINE_AUTO && (o->full || o->log)))
		return false;
	if (dn_supported())
		return true;
	if (o->engine == DOPT_ENGINE_NOTIFY) {
		cj_error("--engine notify: this kernel does not hand seccomp "
			 "notifications to a supervisor (Linux 5.0 and later "
			 "do)");
		cj_hint("use --engine strace");
		*rc = CJ_EX_UNAVAILABLE;
	} else {
		cj_info("note: this kernel has no seccomp user notifications; "
			"tracing with strace");
	}
	return false;
}

/*
 * The one evaluator, for the default policy. The uid and gid calls are
 * judged with the ids PROG runs with: ours on the host, the jail user's in
 * the jail (resolved as capejail does). An unknown user leaves them
 * unbound: those calls are then held against the arguments seen (a
 * conditional rule). 0, or 70 after a message.
 */
static int prepare_eval(const struct dopts *o, const struct cj_policy *policy,
			struct cj_eval *ev)
{
	int rc = cj_eval_init(ev, policy);
	uint32_t uid, gid;

	if (rc) {
		cj_error("cannot compile the default policy: %s",
			 strerror(-rc));
		return CJ_EX_SOFTWARE;
	}
	if (!dopts_jail(o))
		cj_eval_bind_ids(ev, (uint32_t)getuid(), (uint32_t)getgid());
	else if (!dids_resolve(o->root, o->user, &uid, &gid))
		cj_eval_bind_ids(ev, uid, gid);
	return 0;
}

struct eval_ctx {
	const struct dopts *o;
	const struct cj_policy *policy;
	struct cj_eval *ev;
};

/* The notify engine makes the evaluator once a call needs judging. */
static int prepare_eval_cb(void *ctx)
{
	const struct eval_ctx *c = ctx;

	return prepare_eval(c->o, c->policy, c->ev);
}

/* The strace engine: its lists, its features, its run. */
static int run_strace(const struct dopts *o, const struct cj_policy *policy,
		      struct drun *r, char **trace, char **raw, int *wstatus,
		      struct tu_usage *u)
{
	if (drun_lists(policy, trace, raw)) {
		cj_error("out of memory");
		return CJ_EX_SOFTWARE;
	}
	r->raw = *raw;
	r->trace = *trace;
	drun_strace_features(r->strace, &r->seccomp_bpf, &r->pidns);
	if (!o->full && !r->seccomp_bpf)
		cj_info("note: %s has no --seccomp-bpf; tracing every "
			"syscall (slower)",
			r->strace);
	if (dopts_jail(o) && !r->pidns)
		cj_warn("%s has no --decode-pids: processes the program "
			"starts inside the jail may be missed",
			r->strace);
	r->seccomp_bpf &= !o->full;
	if (!dopts_jail(o))
		r->capejail = NULL; /* strace runs PROG itself */
	return drun_run(r, u, wstatus);
}

static int discover(const struct dopts *o)
{
	struct cj_policy policy;
	struct cj_eval ev = { 0 };
	struct drun r = { .argv = o->argv,
			  .keep_log = o->log,
			  .stdout_to_stderr =
			      o->json || o->emit != DOPT_EMIT_NONE };
	struct tu_usage u;
	struct dd_result diff = { 0 };
	char *strace = NULL, *capejail = NULL, *trace = NULL, *raw = NULL;
	int rc, wstatus = 0;
	bool notify = pick_notify(o, &rc);
	struct dn_proc proc;

	if (rc)
		return rc;
	if (cj_policy_default(&policy)) {
		cj_error("out of memory");
		return CJ_EX_SOFTWARE;
	}
	/* the notify engine reports the program's calls only: host mode */
	tu_init(&u, notify || !dopts_jail(o), ac_classify, &ev);
	rc = find_tools(o, notify, &r, &strace, &capejail);
	if (!rc && !dopts_jail(o))
		rc = check_prog(o->argv[0]);
	if (!rc && notify)
		rc = dn_start(&r, &proc);
	if (rc)
		goto out;
	if (notify) {
		struct eval_ctx ec = { o, &policy, &ev };
		const struct dn_feed feed = { &policy, prepare_eval_cb, &ec };

		rc = dn_finish(&proc, &feed, &u, &wstatus);
	} else {
		rc = prepare_eval(o, &policy, &ev);
		if (!rc)
			rc = run_strace(o, &policy, &r, &trace, &raw, &wstatus,
					&u);
	}
	if (rc)
		goto out;
	tu_finish(&u);
	rc = check_run(o, &u, wstatus);
	if (rc >= 0)
		goto out;
	if (dd_compute(&policy, &u, &diff)) {
		cj_error("out of memory");
		rc = CJ_EX_SOFTWARE;
		goto out;
	}
	{
		struct dr_meta m = {
			.argv = o->argv,
			.jail = dopts_jail(o),
			.root = o->root,
			.user = o->user,
			.dir = o->dir,
			.env = o->env,
			.nenv = o->nenv,
			.no_network = o->no_network,
			.fast = notify || r.seccomp_bpf,
			.notify = notify,
			.u = &u,
			.policy = &policy,
		};

		rc = prove_and_report(o, &m, &diff, capejail);
	}
out:
	dd_free(&diff);
	tu_free(&u);
	cj_eval_free(&ev);
	cj_policy_free(&policy);
	free(strace);
	free(capejail);
	free(trace);
	free(raw);
	return rc;
}

int cmd_discover(int argc, char **argv)
{
	struct dopts o;
	char err[256];
	int rc = dopts_parse(&o, argc, argv, err, sizeof(err));

	if (rc) {
		cj_error("discover: %s", err);
		cj_hint("see 'capejail-syscalls discover --help'");
		return rc;
	}
	if (o.help) {
		fputs(dopts_usage, stdout);
		return 0;
	}
	if (o.emit == DOPT_EMIT_ENV || o.emit == DOPT_EMIT_ENV_LATE)
		return denv_discover(&o);
	return discover(&o);
}
