/* SPDX-License-Identifier: MIT */
/*
 * Inside the jail, before execve: typed messages to the supervisor on the
 * status pipe. The jail never prints; the supervisor turns these into words
 * (steps.c holds the step names).
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

void cj_status_exit(int wait_status)
{
	struct cj_msg m = { .type = CJ_MSG_EXIT, .status = wait_status };

	send_msg(&m);
}
