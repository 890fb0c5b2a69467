/* SPDX-License-Identifier: MIT */
/*
 * How the jail ended -> one line for the user and capejail's exit status.
 */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include "limits.h"
#include "policy_rules.h"
#include "selfpath.h"

/* Add a line of KIND to the report (lines past the last are dropped). */
static void add(struct cj_report *rep, enum cj_line_kind kind, const char *fmt,
		...) CJ_PRINTF(3, 4);

static void add(struct cj_report *rep, enum cj_line_kind kind, const char *fmt,
		...)
{
	struct cj_report_line *l;
	va_list ap;

	if (rep->nlines == CJ_REPORT_LINES)
		return;
	l = &rep->lines[rep->nlines++];
	l->kind = kind;
	va_start(ap, fmt);
	vsnprintf(l->text, sizeof(l->text), fmt, ap);
	va_end(ap);
}

/* The first sentence of a rationale, for a one-line report. */
static void first_sentence(const char *why, char *buf, size_t len)
{
	const char *end = strstr(why, ". ");
	size_t n = end ? (size_t)(end - why) + 1 : strlen(why);

	snprintf(buf, len, "%.*s", (int)(n < len ? n : len - 1), why);
}

/* The rationale of the first default argument rule on NAME, if any. */
static const char *argrule_why(const char *name)
{
	size_t n;
	const struct cj_argrule *r = cj_argrules(&n);

	for (size_t i = 0; i < n; i++)
		if (strcmp(r[i].name, name) == 0)
			return r[i].why;
	return NULL;
}

static int describe_blocked(const struct cj_plan *plan,
			    const struct cj_result *res, struct cj_report *rep)
{
	char name[64], why[256] = "", args[128] = "";
	char cjs[CJ_CMD_LEN], cj[CJ_CMD_LEN];
	const struct cj_syscall *row;
	const char *rule = NULL;
	int idx;

	cj_sysname(res->sys_nr, name, sizeof(name));
	row = cj_table_find(name);
	idx = cj_table_index(name);
	if (idx >= 0 && cj_policy_has_conds(&plan->policy, idx)) {
		rule = argrule_why(name);
		snprintf(args, sizeof(args),
			 " with arguments the policy does not allow "
			 "(0x%llx, 0x%llx, 0x%llx)",
			 (unsigned long long)res->sys_args[0],
			 (unsigned long long)res->sys_args[1],
			 (unsigned long long)res->sys_args[2]);
	}
	if (rule || row)
		first_sentence(rule ? rule : row->why, why, sizeof(why));
	else
		snprintf(why, sizeof(why), "Not in the policy table.");
	cj_command("capejail-syscalls", cjs, sizeof(cjs));
	add(rep, CJ_LINE_PLAIN,
	    "'%s' (pid %d in jail) killed: blocked syscall %s (%d)%s "
	    "\xe2\x80\x94 %s See: %s explain %s",
	    res->sys_comm[0] ? res->sys_comm : plan->prog,
	    (int)res->sys_pid_jail, name, res->sys_nr, args, why, cjs, name);
	if (rule)
		add(rep, CJ_LINE_HINT,
		    "this argument rule is part of the jail's defence; "
		    "'%s explain %s' shows it",
		    cjs, name);
	else if (row && (row->flags & CJ_DANGEROUS))
		add(rep, CJ_LINE_HINT,
		    "%s is marked dangerous: allowing it would weaken the "
		    "jail ('%s explain %s')",
		    name, cjs, name);
	else
		add(rep, CJ_LINE_HINT,
		    "if the program needs it: %s --allow %s ... "
		    "(review '%s explain %s' first)",
		    cj_command("capejail", cj, sizeof(cj)), name, cjs, name);
	return CJ_EX_SIGBASE + SIGSYS;
}

static int describe_setup(const struct cj_plan *plan,
			  const struct cj_result *res, struct cj_report *rep)
{
	const char *what = res->detail[0] ? res->detail : plan->prog;

	add(rep, CJ_LINE_ERROR, "%s: %s: %s", cj_step_name(res->step), what,
	    strerror(res->setup_errno));
	if (res->step == CJ_STEP_EXEC && res->setup_errno == ENOENT)
		add(rep, CJ_LINE_HINT,
		    "'%s' is not in the jail's PATH or root (%s)", what,
		    plan->root);
	else if (res->setup_code == CJ_EX_OSERR &&
		 (res->setup_errno == EPERM || res->setup_errno == EACCES))
		add(rep, CJ_LINE_HINT,
		    "the kernel refused a jail set-up step; is capejail "
		    "running as real root, outside another container?");
	return res->setup_code;
}

/* A limit the cgroup saw hit, said before how the program ended. */
static void describe_limit_hit(const struct cj_plan *plan,
			       const struct cj_result *res,
			       struct cj_report *rep)
{
	if (res->limit_hit == CJ_HIT_MEMORY)
		add(rep, CJ_LINE_ERROR,
		    "'%s': memory limit (%lld bytes) reached: the jail's OOM "
		    "killer ended a process",
		    plan->prog, (long long)plan->limits.memory);
	else if (res->limit_hit == CJ_HIT_PIDS)
		add(rep, CJ_LINE_WARN,
		    "'%s': process limit (%lld) reached: a fork failed",
		    plan->prog, (long long)plan->limits.pids);
}

static int describe_signal(const struct cj_plan *plan,
			   const struct cj_result *res, struct cj_report *rep)
{
	int sig = WTERMSIG(res->wait_status);

	if (sig == SIGSYS && !plan->notify && plan->bpf.len)
		add(rep, CJ_LINE_PLAIN,
		    "'%s' killed by SIGSYS: a blocked syscall (not named: the "
		    "policy denies sendmsg, which capejail needs to receive "
		    "the notification)",
		    plan->prog);
	else if (sig == SIGSYS)
		add(rep, CJ_LINE_PLAIN,
		    "'%s' killed by SIGSYS: a syscall through a foreign ABI "
		    "(i386 int 0x80 or x32); the filter accepts only native "
		    "x86_64 calls",
		    plan->prog);
	else if (sig == SIGXCPU)
		add(rep, CJ_LINE_ERROR,
		    "'%s': CPU time limit (%lld s) exceeded", plan->prog,
		    (long long)plan->limits.cpu_s);
	else if (sig == SIGXFSZ)
		add(rep, CJ_LINE_ERROR,
		    "'%s': file size limit (%lld bytes) exceeded", plan->prog,
		    (long long)plan->limits.fsize);
	else if (res->grace_expired)
		add(rep, CJ_LINE_WARN,
		    "'%s' did not exit within %d s of %s: killed", plan->prog,
		    CJ_GRACE_MS / 1000, strsignal(res->forwarded_signal));
	else if (!res->forwarded_signal || sig != res->forwarded_signal)
		add(rep, CJ_LINE_INFO, "'%s' killed by signal %d (%s)",
		    plan->prog, sig, strsignal(sig));
	return CJ_EX_SIGBASE + sig;
}

static int describe(const struct cj_plan *plan, const struct cj_result *res,
		    struct cj_report *rep)
{
	int st = res->wait_status;

	if (res->blocked)
		return describe_blocked(plan, res, rep);
	if (res->time_limit) {
		add(rep, CJ_LINE_PLAIN,
		    "'%s' killed: time limit (%lld ms) exceeded", plan->prog,
		    (long long)plan->limits.time_ms);
		return CJ_EX_TIMEOUT;
	}
	if (res->setup_failed)
		return describe_setup(plan, res, rep);
	describe_limit_hit(plan, res, rep);
	if (!res->have_status && !WIFSIGNALED(st)) {
		add(rep, CJ_LINE_ERROR,
		    "the jail ended without reporting the program's status");
		return CJ_EX_SOFTWARE;
	}
	if (WIFEXITED(st)) {
		add(rep, CJ_LINE_NOTE, "'%s' exited with status %d", plan->prog,
		    WEXITSTATUS(st));
		return WEXITSTATUS(st);
	}
	return describe_signal(plan, res, rep);
}

int cj_result_describe(const struct cj_plan *plan, const struct cj_result *res,
		       struct cj_report *rep)
{
	memset(rep, 0, sizeof(*rep));
	rep->status = describe(plan, res, rep);
	return rep->status;
}
