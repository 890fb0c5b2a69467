/* SPDX-License-Identifier: MIT */
/*
 * How the jail ended, decided once from what the supervisor observed: a
 * blocked syscall only after a seccomp notification, a limit only when it
 * was set and its counter shows it was hit (the cgroup's oom_kill, the
 * program's own CPU time). The text report (report.c) and the status fd
 * (status_json.c) both read this. Pure.
 */
#include <signal.h>
#include <sys/wait.h>

#include "limits.h"

/* Below the limit by less than this: the kernel's tick rounding. */
#define CPU_SLACK_MS 20

const char *cj_ending_name(enum cj_ending_kind kind)
{
	static const char *const names[CJ_END_COUNT] = {
		[CJ_END_EXITED] = "exited",
		[CJ_END_SIGNALED] = "signaled",
		[CJ_END_BLOCKED] = "blocked_syscall",
		[CJ_END_TIME_LIMIT] = "time_limit",
		[CJ_END_MEMORY_LIMIT] = "memory_limit",
		[CJ_END_PIDS_LIMIT] = "pids_limit",
		[CJ_END_CPU_LIMIT] = "cpu_limit",
		[CJ_END_SETUP_FAILED] = "setup_failed",
		[CJ_END_NO_STATUS] = "no_status",
	};

	return kind < CJ_END_COUNT ? names[kind] : "no_status";
}

/* RLIMIT_CPU sent SIG: the program's CPU time reached the soft limit
 * (SIGXCPU) or the hard one a second later (SIGKILL, rlimit.c). */
static bool cpu_limit_hit(const struct cj_plan *plan,
			  const struct cj_result *res, int sig)
{
	int64_t at = plan->limits.cpu_s;

	if (at < 0 || res->prog_cpu_ms < 0)
		return false;
	if (sig == SIGKILL)
		at++;
	else if (sig != SIGXCPU)
		return false;
	return res->prog_cpu_ms + CPU_SLACK_MS >= at * 1000;
}

static void of_signal(const struct cj_plan *plan, const struct cj_result *res,
		      struct cj_ending *end)
{
	int sig = WTERMSIG(res->wait_status);

	end->status = CJ_EX_SIGBASE + sig;
	if (sig == SIGKILL && res->limit_hit == CJ_HIT_MEMORY)
		end->kind = CJ_END_MEMORY_LIMIT;
	else if (cpu_limit_hit(plan, res, sig))
		end->kind = CJ_END_CPU_LIMIT;
	else if (res->limit_hit == CJ_HIT_PIDS)
		end->kind = CJ_END_PIDS_LIMIT;
	else
		end->kind = CJ_END_SIGNALED;
	/* The kernel sends SIGXCPU only at the limit: below it, it was kill().
	 */
	end->self_raised = end->kind == CJ_END_SIGNALED && sig == SIGXCPU &&
			   (plan->limits.cpu_s < 0 || res->prog_cpu_ms >= 0);
	/* A write past RLIMIT_FSIZE and kill() send the same SIGXFSZ. */
	end->maybe_fsize = sig == SIGXFSZ && plan->limits.fsize >= 0;
}

void cj_ending_of(const struct cj_plan *plan, const struct cj_result *res,
		  struct cj_ending *end)
{
	int st = res->wait_status;

	*end = (struct cj_ending){ .kind = CJ_END_NO_STATUS,
				   .status = CJ_EX_SOFTWARE };
	end->have_wait = res->have_status || WIFSIGNALED(st);
	end->wait = st;
	if (res->blocked || res->time_limit) {
		/* The supervisor ended the jail: no status of the program's. */
		end->kind = res->blocked ? CJ_END_BLOCKED : CJ_END_TIME_LIMIT;
		end->status =
		    res->blocked ? CJ_EX_SIGBASE + SIGSYS : CJ_EX_TIMEOUT;
		end->have_wait = false;
	} else if (res->setup_failed) {
		end->kind = CJ_END_SETUP_FAILED;
		end->status = res->setup_code;
		end->have_wait = false;
	} else if (!end->have_wait) {
		return;
	} else if (WIFEXITED(st)) {
		end->status = WEXITSTATUS(st);
		end->kind = res->limit_hit == CJ_HIT_PIDS && end->status
				? CJ_END_PIDS_LIMIT
				: CJ_END_EXITED;
	} else {
		of_signal(plan, res, end);
	}
}
