/* SPDX-License-Identifier: MIT */
/*
 * How the jail ended -> one line for the user and capejail's exit status.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include "limits.h"
#include "policy_rules.h"
#include "log.h"

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
			    const struct cj_result *res)
{
	char name[64], why[256] = "", args[128] = "";
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
	fprintf(stderr,
		"capejail: '%s' (pid %d in jail) killed: blocked syscall %s "
		"(%d)%s \xe2\x80\x94 %s See SYSCALLS.md#%s\n",
		res->sys_comm[0] ? res->sys_comm : plan->prog,
		(int)res->sys_pid_jail, name, res->sys_nr, args, why, name);
	if (rule)
		cj_hint("this argument rule is part of the jail's defence; "
			"'capejail-syscalls explain %s' shows it",
			name);
	else if (row && (row->flags & CJ_DANGEROUS))
		cj_hint("%s is marked dangerous: allowing it would weaken the "
			"jail ('capejail-syscalls explain %s')",
			name, name);
	else
		cj_hint("if the program needs it: capejail --allow %s ... "
			"(review 'capejail-syscalls explain %s' first)",
			name, name);
	return CJ_EX_SIGBASE + SIGSYS;
}

static int describe_setup(const struct cj_plan *plan,
			  const struct cj_result *res)
{
	const char *what = res->detail[0] ? res->detail : plan->prog;

	cj_error("%s: %s: %s", cj_step_name(res->step), what,
		 strerror(res->setup_errno));
	if (res->step == CJ_STEP_EXEC && res->setup_errno == ENOENT)
		cj_hint("'%s' is not in the jail's PATH or root (%s)", what,
			plan->root);
	else if (res->setup_code == CJ_EX_OSERR &&
		 (res->setup_errno == EPERM || res->setup_errno == EACCES))
		cj_hint("the kernel refused a jail set-up step; is capejail "
			"running as real root, outside another container?");
	return res->setup_code;
}

int cj_result_describe(const struct cj_plan *plan, const struct cj_result *res)
{
	int st = res->wait_status, sig;

	if (res->blocked)
		return describe_blocked(plan, res);
	if (res->time_limit) {
		fprintf(
		    stderr,
		    "capejail: '%s' killed: time limit (%lld ms) exceeded\n",
		    plan->prog, (long long)plan->limits.time_ms);
		return CJ_EX_TIMEOUT;
	}
	if (res->setup_failed)
		return describe_setup(plan, res);
	if (res->limit_hit == CJ_HIT_MEMORY)
		cj_error("'%s': memory limit (%lld bytes) reached: the jail's "
			 "OOM killer ended a process",
			 plan->prog, (long long)plan->limits.memory);
	else if (res->limit_hit == CJ_HIT_PIDS)
		cj_warn("'%s': process limit (%lld) reached: a fork failed",
			plan->prog, (long long)plan->limits.pids);
	if (!res->have_status && !WIFSIGNALED(st)) {
		cj_error(
		    "the jail ended without reporting the program's status");
		return CJ_EX_SOFTWARE;
	}
	if (WIFEXITED(st)) {
		cj_verbose("'%s' exited with status %d", plan->prog,
			   WEXITSTATUS(st));
		return WEXITSTATUS(st);
	}
	sig = WTERMSIG(st);
	if (sig == SIGSYS && !plan->notify && plan->bpf.len)
		fprintf(stderr,
			"capejail: '%s' killed by SIGSYS: a blocked syscall "
			"(not named: the policy denies sendmsg, which capejail "
			"needs to receive the notification)\n",
			plan->prog);
	else if (sig == SIGSYS)
		fprintf(
		    stderr,
		    "capejail: '%s' killed by SIGSYS: a syscall through a "
		    "foreign ABI (i386 int 0x80 or x32); the filter accepts "
		    "only native x86_64 calls\n",
		    plan->prog);
	else if (sig == SIGXCPU)
		cj_error("'%s': CPU time limit (%lld s) exceeded", plan->prog,
			 (long long)plan->limits.cpu_s);
	else if (sig == SIGXFSZ)
		cj_error("'%s': file size limit (%lld bytes) exceeded",
			 plan->prog, (long long)plan->limits.fsize);
	else if (res->grace_expired)
		cj_warn("'%s' did not exit within %d s of %s: killed",
			plan->prog, CJ_GRACE_MS / 1000,
			strsignal(res->forwarded_signal));
	else if (!res->forwarded_signal || sig != res->forwarded_signal)
		cj_info("'%s' killed by signal %d (%s)", plan->prog, sig,
			strsignal(sig));
	return CJ_EX_SIGBASE + sig;
}
