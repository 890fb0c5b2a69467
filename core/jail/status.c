/* SPDX-License-Identifier: MIT */
/*
 * Inside the jail, before execve: typed messages to the supervisor on the
 * status pipe. The jail never prints; the supervisor turns these into words
 * (the step names in steps.c, the warnings' here).
 */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "jail.h"

static void send_msg(const struct cj_msg *m)
{
	ssize_t n;

	do
		n = write(CJ_FD_STATUS, m, sizeof(*m));
	while (n < 0 && errno == EINTR);
}

void cj_status_fail(enum cj_step step, int err, int code, const char *detail)
{
	struct cj_msg m = { .type = CJ_MSG_SETUP_ERROR,
			    .step = (int)step,
			    .err = err,
			    .code = code };

	snprintf(m.detail, sizeof(m.detail), "%s", detail ? detail : "");
	send_msg(&m);
	_exit(code);
}

void cj_status_warn(enum cj_warning w)
{
	struct cj_msg m = { .type = CJ_MSG_WARNING, .warning = (int)w };

	send_msg(&m);
}

void cj_status_userns(void)
{
	struct cj_msg m = { .type = CJ_MSG_USERNS };

	send_msg(&m);
}

void cj_status_step(enum cj_step step, const char *detail)
{
	struct cj_msg m = { .type = CJ_MSG_STEP, .step = (int)step };

	snprintf(m.detail, sizeof(m.detail), "%s", detail ? detail : "");
	send_msg(&m);
}

const char *cj_warning_text(int w)
{
	static const char *const text[CJ_WARN_COUNT] = {
		[CJ_WARN_CHROOT] = "pivot_root is not possible here (root on "
				   "initramfs?); falling back to chroot",
	};

	return w >= 0 && w < CJ_WARN_COUNT ? text[w]
					   : "the jail sent an unknown warning";
}

void cj_status_exit(int wait_status, int64_t cpu_ms, int64_t maxrss_kb)
{
	struct cj_msg m = { .type = CJ_MSG_EXIT,
			    .status = wait_status,
			    .cpu_ms = cpu_ms,
			    .maxrss_kb = maxrss_kb };

	send_msg(&m);
}
