/* SPDX-License-Identifier: MIT */
/*
 * The status fd's JSON object: how the jail ended, from the same decision
 * as the text report (ending.c), for scripts that must tell a real kill
 * from the program's own exit status. The schema is docs/status.schema.json.
 * Pure: writes into a buffer.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include "jail.h"
#include "profile.h"
#include "json.h"
#include "limits.h"

#define STATUS_VERSION 1

static const char *signame(int sig)
{
	const char *n = sigabbrev_np(sig);

	return n ? n : "unknown";
}

static void program(struct cj_json *j, const struct cj_ending *end)
{
	if (!end->have_wait) {
		cj_json_null(j, "program");
		return;
	}
	cj_json_begin(j, "program");
	if (WIFEXITED(end->wait)) {
		cj_json_int(j, "exit_code", WEXITSTATUS(end->wait));
	} else {
		char name[16];

		snprintf(name, sizeof(name), "SIG%s",
			 signame(WTERMSIG(end->wait)));
		cj_json_int(j, "signal", WTERMSIG(end->wait));
		cj_json_str(j, "signal_name", name);
		cj_json_bool(j, "self_raised", end->self_raised);
	}
	cj_json_end(j);
}

static void syscall_obj(struct cj_json *j, const struct cj_plan *plan,
			const struct cj_result *res)
{
	char name[64];
	bool argrule;
	const char *rule =
	    cj_blocked_rule(plan, res->sys_nr, name, sizeof(name), &argrule);

	cj_json_begin(j, "syscall");
	cj_json_str(j, "name", name);
	cj_json_int(j, "number", res->sys_nr);
	cj_json_begin_array(j, "args");
	for (size_t i = 0; i < CJ_ARRAY_SIZE(res->sys_args); i++)
		cj_json_uint(j, NULL, res->sys_args[i]);
	cj_json_end_array(j);
	cj_json_bool(j, "argument_rule", argrule);
	cj_json_str(j, "rule", rule);
	cj_json_int(j, "pid_in_jail", res->sys_pid_jail);
	cj_json_str(j, "comm", res->sys_comm);
	cj_json_end(j);
}

static void limit_obj(struct cj_json *j, const char *name, int64_t value)
{
	cj_json_begin(j, "limit");
	cj_json_str(j, "name", name);
	cj_json_int(j, "value", value);
	cj_json_end(j);
}

static void setup_obj(struct cj_json *j, const struct cj_result *res)
{
	const char *en = strerrorname_np(res->setup_errno);

	cj_json_begin(j, "setup");
	cj_json_str(j, "step", cj_step_name(res->step));
	cj_json_int(j, "errno", res->setup_errno);
	cj_json_str(j, "errno_name", en ? en : "unknown");
	cj_json_str(j, "detail", res->detail);
	cj_json_end(j);
}

/* A measurement, or null when it is unknown. */
static void measured(struct cj_json *j, const char *key, int64_t v)
{
	if (v < 0)
		cj_json_null(j, key);
	else
		cj_json_int(j, key, v);
}

static void details(struct cj_json *j, const struct cj_plan *plan,
		    const struct cj_result *res, const struct cj_ending *end)
{
	const struct cj_limits *l = &plan->limits;

	switch (end->kind) {
	case CJ_END_BLOCKED:
		syscall_obj(j, plan, res);
		break;
	case CJ_END_TIME_LIMIT:
		limit_obj(j, "time_ms", l->time_ms);
		break;
	case CJ_END_MEMORY_LIMIT:
		limit_obj(j, "memory_bytes", l->memory);
		break;
	case CJ_END_PIDS_LIMIT:
		limit_obj(j, "pids", l->pids);
		break;
	case CJ_END_CPU_LIMIT:
		limit_obj(j, "cpu_s", l->cpu_s);
		break;
	case CJ_END_SETUP_FAILED:
		setup_obj(j, res);
		break;
	case CJ_END_EXITED:
	case CJ_END_SIGNALED:
	case CJ_END_NO_STATUS:
	case CJ_END_COUNT:
		break;
	}
	/* SIGXFSZ: the limit, or the program's own kill(); not known which. */
	if (end->maybe_fsize) {
		cj_json_begin(j, "possible_limit");
		cj_json_str(j, "name", "file_size_bytes");
		cj_json_int(j, "value", l->fsize);
		cj_json_end(j);
	}
}

/* --audit: each syscall the policy blocks that the program made. */
static void audit_arr(struct cj_json *j, const struct cj_plan *plan,
		      const struct cj_result *res)
{
	if (!plan->audit)
		return;
	cj_json_begin_array(j, "audit");
	for (size_t i = 0; i < res->naudit; i++) {
		const struct cj_audit_entry *a = &res->audit[i];
		char name[64];
		bool argrule;
		const char *rule =
		    cj_blocked_rule(plan, a->nr, name, sizeof(name), &argrule);

		cj_json_begin(j, NULL);
		cj_json_str(j, "name", name);
		cj_json_int(j, "number", a->nr);
		cj_json_uint(j, "count", a->count);
		cj_json_begin_array(j, "first_args");
		for (size_t k = 0; k < CJ_ARRAY_SIZE(a->args); k++)
			cj_json_uint(j, NULL, a->args[k]);
		cj_json_end_array(j);
		cj_json_int(j, "first_pid_in_jail", a->pid_jail);
		cj_json_str(j, "first_comm", a->comm);
		cj_json_bool(j, "argument_rule", argrule);
		cj_json_str(j, "rule", rule);
		cj_json_end(j);
	}
	cj_json_end_array(j);
	cj_json_uint(j, "audit_unlisted_calls", res->audit_more);
}

/* --grant-read, --grant-write, --connect, --share-net: what the broker
 * did. */
static void broker_arr(struct cj_json *j, const struct cj_plan *plan,
		       const struct cj_result *res)
{
	if (!plan->ngrants && !plan->nconnect && plan->new_netns)
		return;
	cj_json_begin_array(j, "broker");
	for (size_t i = 0; i < res->nbroker; i++) {
		const struct cj_broker_entry *b = &res->broker[i];
		char err[32];

		cj_json_begin(j, NULL);
		cj_json_str(j, "op", b->op);
		cj_json_str(j, "target", b->what);
		cj_json_uint(j, "flags", b->flags);
		if (b->result >= 0) {
			cj_json_int(j, "fd", b->result);
			cj_json_null(j, "error");
		} else {
			cj_json_null(j, "fd");
			cj_json_str(
			    j, "error",
			    cj_errno_name(-b->result, err, sizeof(err)));
		}
		cj_json_int(j, "pid_host", b->pid_host);
		cj_json_end(j);
	}
	cj_json_end_array(j);
	cj_json_uint(j, "broker_unlisted_actions", res->broker_more);
}

int cj_status_json(const struct cj_plan *plan, const struct cj_result *res,
		   char *buf, size_t len)
{
	struct cj_ending end;
	struct cj_json j;

	cj_ending_of(plan, res, &end);
	cj_json_init(&j, buf, len);
	cj_json_begin(&j, NULL);
	cj_json_int(&j, "version", STATUS_VERSION);
	cj_json_str(&j, "ending", cj_ending_name(end.kind));
	cj_json_int(&j, "exit_status", end.status);
	program(&j, &end);
	details(&j, plan, res, &end);
	cj_json_begin_array(&j, "limits_hit");
	if (res->limit_hit == CJ_HIT_MEMORY)
		cj_json_str(&j, NULL, "memory");
	if (res->limit_hit == CJ_HIT_PIDS)
		cj_json_str(&j, NULL, "pids");
	if (end.kind == CJ_END_CPU_LIMIT)
		cj_json_str(&j, NULL, "cpu");
	cj_json_end_array(&j);
	measured(&j, "duration_ms", res->duration_ms);
	measured(&j, "peak_memory_bytes", res->peak_memory);
	measured(&j, "cpu_ms", res->prog_cpu_ms);
	audit_arr(&j, plan, res);
	broker_arr(&j, plan, res);
	cj_json_end(&j);
	if (j.len + 2 > len)
		return -1;
	buf[j.len] = '\n';
	buf[j.len + 1] = '\0';
	return cj_json_finish(&j);
}

int cj_status_json_error(int status, const char *message, char *buf, size_t len)
{
	struct cj_json j;

	cj_json_init(&j, buf, len);
	cj_json_begin(&j, NULL);
	cj_json_int(&j, "version", STATUS_VERSION);
	cj_json_str(&j, "ending", "error");
	cj_json_int(&j, "exit_status", status);
	cj_json_str(&j, "message", message);
	cj_json_end(&j);
	if (j.len + 2 > len)
		return -1;
	buf[j.len] = '\n';
	buf[j.len + 1] = '\0';
	return cj_json_finish(&j);
}
