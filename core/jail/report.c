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

#include "jail.h"
#include "json.h"
#include "limits.h"
#include "argnames.h"
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

/*
 * "allow NAME if arg1 == 1 and arg2 == 6": ARGS on the arguments ROW's
 * rules compare (the rule discover would propose for this call).
 */
static void narrow_rule(const struct cj_policy *p, int row, const char *name,
			const uint64_t *args, char *buf, size_t len)
{
	unsigned bits = 0;
	size_t pos;
	int n;

	for (size_t i = 0; i < p->nconds; i++)
		if (p->conds[i].row == row)
			for (unsigned k = 0; k < p->conds[i].ncmp; k++)
				bits |= 1u << p->conds[i].cmp[k].arg;
	n = snprintf(buf, len, "allow %s", name);
	pos = n > 0 ? (size_t)n : 0;
	for (unsigned a = 0; a < 6 && pos < len; a++) {
		if (!(bits & (1u << a)))
			continue;
		n = snprintf(
		    buf + pos, len - pos,
		    args[a] < 256 ? "%s arg%u == %llu" : "%s arg%u == 0x%llx",
		    pos == strlen("allow ") + strlen(name) ? " if" : " and", a,
		    (unsigned long long)args[a]);
		if (n < 0)
			return;
		pos += (size_t)n;
	}
}

const char *cj_blocked_rule(const struct cj_plan *plan, int nr, char *name,
			    size_t len, bool *argrule)
{
	const struct cj_syscall *row;
	const char *rule = NULL;
	int idx;

	cj_sysname(nr, name, len);
	row = cj_table_find(name);
	idx = cj_table_index(name);
	*argrule = idx >= 0 && cj_policy_has_conds(&plan->policy, idx);
	if (*argrule)
		rule = argrule_why(name);
	if (!rule && row)
		rule = row->why;
	return rule ? rule : "Not in the policy table.";
}

static int describe_blocked(const struct cj_plan *plan,
			    const struct cj_result *res, struct cj_report *rep)
{
	char name[64], why[256] = "", args[400] = "", dec[320];
	char comm[4 * 32], narrow[256] = "";
	char cjs[CJ_CMD_LEN], cj[CJ_CMD_LEN];
	const struct cj_syscall *row;
	bool argrule;
	const char *rule =
	    cj_blocked_rule(plan, res->sys_nr, name, sizeof(name), &argrule);

	row = cj_table_find(name);
	if (argrule) {
		snprintf(
		    args, sizeof(args),
		    " with arguments the policy does not allow %s",
		    cj_args_decode(name, res->sys_args, 3, dec, sizeof(dec)));
		narrow_rule(&plan->policy, cj_table_index(name), name,
			    res->sys_args, narrow, sizeof(narrow));
	}
	first_sentence(rule, why, sizeof(why));
	/* The program names itself (comm): escape every byte. */
	cj_text_escape(res->sys_comm[0] ? res->sys_comm : plan->prog, comm,
		       sizeof(comm));
	cj_command("capejail-syscalls", cjs, sizeof(cjs));
	add(rep, CJ_LINE_PLAIN,
	    "'%s' (pid %d%s) killed: blocked syscall %s (%d)%s "
	    "\xe2\x80\x94 %s See: %s explain %s",
	    comm, (int)res->sys_pid_jail, plan->filter_only ? "" : " in jail",
	    name, res->sys_nr, args, why, cjs, name);
	if (argrule && argrule_why(name))
		add(rep, CJ_LINE_HINT,
		    "if the program needs this call, allow only it: a profile "
		    "line '%s' (docs/profiles.md); '%s discover -- PROG' "
		    "proposes the narrowest rules and '%s explain %s' shows "
		    "the rule",
		    narrow, cjs, cjs, name);
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

static int describe_setup(const char *prog, const struct cj_plan *plan,
			  const struct cj_result *res, struct cj_report *rep)
{
	char what[4 * sizeof(res->detail)];

	cj_text_escape(res->detail[0] ? res->detail : prog, what, sizeof(what));
	add(rep, CJ_LINE_ERROR, "%s: %s: %s", cj_step_name(res->step), what,
	    strerror(res->setup_errno));
	if (res->step == CJ_STEP_EXEC && res->setup_errno == ENOENT &&
	    strstr(what, CJ_EXEC_INTERP))
		add(rep, CJ_LINE_HINT,
		    "the script's interpreter is missing in the jail's root "
		    "(%s): install it there, or fix the script's #! line",
		    plan->root);
	else if (res->step == CJ_STEP_EXEC && res->setup_errno == ENOENT)
		add(rep, CJ_LINE_HINT,
		    "'%s' is not in the jail's PATH or root (%s)", what,
		    plan->root);
	else if (res->step == CJ_STEP_USERNS &&
		 (res->setup_errno == EPERM || res->setup_errno == ENOSPC ||
		  res->setup_errno == EACCES))
		add(rep, CJ_LINE_HINT,
		    "the jail needs a user namespace: check "
		    "user.max_user_namespaces (not 0) and that capejail "
		    "does not run in a container that forbids them");
	else if (res->step == CJ_STEP_EXEC && res->setup_errno == EISDIR)
		add(rep, CJ_LINE_HINT,
		    "'%s' is a directory: give the program inside it", what);
	else if (res->setup_code == CJ_EX_OSERR &&
		 (res->setup_errno == EPERM || res->setup_errno == EACCES))
		add(rep, CJ_LINE_HINT,
		    "the kernel refused a jail set-up step; is capejail "
		    "running as real root, outside another container?");
	return res->setup_code;
}

/* A limit the cgroup's counters show was hit, said before the ending. */
static void describe_limit_hit(const char *prog, const struct cj_plan *plan,
			       const struct cj_result *res,
			       struct cj_report *rep)
{
	if (res->limit_hit == CJ_HIT_MEMORY)
		add(rep, CJ_LINE_ERROR,
		    "'%s': memory limit (%lld bytes) reached: the jail's OOM "
		    "killer ended a process",
		    prog, (long long)plan->limits.memory);
	else if (res->limit_hit == CJ_HIT_PIDS)
		add(rep, CJ_LINE_WARN,
		    "'%s': process limit (%lld) reached: a fork failed", prog,
		    (long long)plan->limits.pids);
}

static void describe_sigsys(const char *prog, const struct cj_plan *plan,
			    struct cj_report *rep)
{
	if (!plan->notify && plan->bpf.len)
		add(rep, CJ_LINE_PLAIN,
		    "'%s' killed by SIGSYS: a blocked syscall (not named: the "
		    "policy denies sendmsg, which capejail needs to receive "
		    "the notification), or a SIGSYS the program raised "
		    "itself: capejail cannot tell",
		    prog);
	else
		add(rep, CJ_LINE_PLAIN,
		    "'%s' killed by SIGSYS, and no blocked syscall was "
		    "reported to capejail: a call through a foreign ABI (i386 "
		    "int 0x80 or x32, which the filter kills outright), or a "
		    "SIGSYS the program raised itself",
		    prog);
}

static void describe_signal(const char *prog, const struct cj_plan *plan,
			    const struct cj_result *res,
			    const struct cj_ending *end, struct cj_report *rep)
{
	int sig = WTERMSIG(res->wait_status);

	if (end->kind == CJ_END_CPU_LIMIT)
		add(rep, CJ_LINE_ERROR,
		    "'%s': CPU time limit (%lld s) exceeded (it used %lld ms)",
		    prog, (long long)plan->limits.cpu_s,
		    (long long)res->prog_cpu_ms);
	else if (sig == SIGSYS)
		describe_sigsys(prog, plan, rep);
	else if (end->self_raised && plan->limits.cpu_s < 0)
		add(rep, CJ_LINE_PLAIN,
		    "'%s' killed by signal %d (%s) that it raised itself: no "
		    "CPU time limit is set",
		    prog, sig, strsignal(sig));
	else if (end->self_raised)
		add(rep, CJ_LINE_PLAIN,
		    "'%s' killed by signal %d (%s) that it raised itself: it "
		    "used %lld ms of CPU time, below the limit (%lld s)",
		    prog, sig, strsignal(sig), (long long)res->prog_cpu_ms,
		    (long long)plan->limits.cpu_s);
	else if (end->maybe_fsize)
		add(rep, CJ_LINE_ERROR,
		    "'%s' killed by SIGXFSZ: file size limit (%lld bytes) "
		    "reached, or raised by the program itself (the kernel's "
		    "signal looks like its own kill(): capejail cannot tell)",
		    prog, (long long)plan->limits.fsize);
	else if (res->grace_expired)
		add(rep, CJ_LINE_WARN,
		    "'%s' did not exit within %d s of %s: killed", prog,
		    CJ_GRACE_MS / 1000, strsignal(res->forwarded_signal));
	else if (!res->forwarded_signal || sig != res->forwarded_signal)
		add(rep, CJ_LINE_INFO, "'%s' killed by signal %d (%s)", prog,
		    sig, strsignal(sig));
}

static int describe(const struct cj_plan *plan, const struct cj_result *res,
		    struct cj_report *rep)
{
	struct cj_ending end;
	char prog[4 * 256];

	cj_text_escape(plan->prog, prog, sizeof(prog));
	cj_ending_of(plan, res, &end);
	switch (end.kind) {
	case CJ_END_BLOCKED:
		return describe_blocked(plan, res, rep);
	case CJ_END_TIME_LIMIT:
		add(rep, CJ_LINE_PLAIN,
		    "'%s' killed: time limit (%lld ms) exceeded", prog,
		    (long long)plan->limits.time_ms);
		return end.status;
	case CJ_END_SETUP_FAILED:
		return describe_setup(prog, plan, res, rep);
	case CJ_END_NO_STATUS:
		describe_limit_hit(prog, plan, res, rep);
		add(rep, CJ_LINE_ERROR,
		    "the jail ended without reporting the program's status");
		return end.status;
	case CJ_END_EXITED:
	case CJ_END_PIDS_LIMIT:
	case CJ_END_MEMORY_LIMIT:
	case CJ_END_CPU_LIMIT:
	case CJ_END_SIGNALED:
	case CJ_END_COUNT:
		break;
	}
	describe_limit_hit(prog, plan, res, rep);
	if (WIFEXITED(res->wait_status) && end.status >= CJ_EX_TIMEOUT)
		/* 124, 126, 127, 128+N: statuses capejail itself uses. */
		add(rep, CJ_LINE_INFO,
		    "'%s' exited with status %d itself: not a kill, limit or "
		    "blocked syscall (--status-fd tells them apart)",
		    prog, end.status);
	else if (WIFEXITED(res->wait_status))
		add(rep, CJ_LINE_NOTE, "'%s' exited with status %d", prog,
		    WEXITSTATUS(res->wait_status));
	else
		describe_signal(prog, plan, res, &end, rep);
	return end.status;
}

/* --audit: at most this many syscalls get a line of their own. */
#define AUDIT_LINES 5

/*
 * --audit: what the policy would have killed the jail on: each syscall
 * with its count, its first caller and why it is blocked (the status
 * object lists every one).
 */
static void describe_audit(const struct cj_plan *plan,
			   const struct cj_result *res, struct cj_report *rep)
{
	char comm[4 * 32], name[64], why[256], cjs[CJ_CMD_LEN];
	size_t shown = res->naudit < AUDIT_LINES ? res->naudit : AUDIT_LINES;
	bool argrule;

	if (!plan->audit || plan->discover_fd > 0)
		return;
	if (!res->naudit) {
		add(rep, CJ_LINE_INFO,
		    "audit: the program made no call the policy blocks");
		return;
	}
	add(rep, CJ_LINE_WARN,
	    "audit: %zu syscall%s the policy blocks, allowed by --audit%s:",
	    res->naudit, res->naudit == 1 ? "" : "s",
	    res->naudit > shown || res->audit_more
		? " (the first listed here, all with --status-fd)"
		: "");
	for (size_t i = 0; i < shown; i++) {
		const struct cj_audit_entry *a = &res->audit[i];

		first_sentence(
		    cj_blocked_rule(plan, a->nr, name, sizeof(name), &argrule),
		    why, sizeof(why));
		cj_text_escape(a->comm, comm, sizeof(comm));
		add(rep, CJ_LINE_PLAIN,
		    "audit: %s (%d) x%lu, first by '%s' (pid %d)%s: %s", name,
		    a->nr, a->count, comm, (int)a->pid_jail,
		    argrule ? " with arguments the policy refuses" : "", why);
	}
	cj_command("capejail-syscalls", cjs, sizeof(cjs));
	add(rep, CJ_LINE_HINT,
	    "more: %s explain NAME; without --audit the first of them kills "
	    "the jail, or allow one with --allow NAME",
	    cjs);
}

int cj_result_describe(const struct cj_plan *plan, const struct cj_result *res,
		       struct cj_report *rep)
{
	memset(rep, 0, sizeof(*rep));
	rep->status = describe(plan, res, rep);
	describe_audit(plan, res, rep);
	return rep->status;
}
