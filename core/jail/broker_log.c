/* SPDX-License-Identifier: MIT */
/*
 * What the broker did (--grant-read, --grant-write, --connect): each
 * action into the result, for the status object (the first CJ_BROKER_MAX),
 * and with --broker-log as one line appended to that file:
 *
 *   2026-12-06T15:04:05Z pid 4242 open /data/in.csv flags 0x80000 -> fd 3
 *   2026-12-06T15:04:05Z pid 4242 open /data/../etc/passwd flags 0 -> ENOENT
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "broker.h"
#include "jail.h"
#include "profile.h"

void cj_broker_record(const struct cj_plan *plan, struct cj_result *res,
		      const char *op, const char *what, uint64_t flags,
		      int result, pid_t pid)
{
	char stamp[32], err[32], line[512];
	struct cj_broker_entry *b;
	time_t now = time(NULL);
	struct tm tm;
	int n;

	if (res->nbroker < CJ_BROKER_MAX) {
		b = &res->broker[res->nbroker++];
		snprintf(b->op, sizeof(b->op), "%s", op);
		snprintf(b->what, sizeof(b->what), "%s", what);
		b->flags = flags;
		b->result = result;
		b->pid_host = pid;
	} else {
		res->broker_more++;
	}
	if (plan->broker_log < 0)
		return;
	gmtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (result >= 0)
		snprintf(err, sizeof(err), "fd %d", result);
	else
		cj_errno_name(-result, err, sizeof(err));
	/* the path is the program's: no newline of its own may split a line */
	n = snprintf(line, sizeof(line),
		     "%s pid %d %s %.*s flags 0x%llx -> %s\n", stamp, (int)pid,
		     op, (int)strcspn(what, "\n"), what,
		     (unsigned long long)flags, err);
	if (n > 0)
		(void)!write(plan->broker_log, line,
			     (size_t)n < sizeof(line) ? (size_t)n
						      : sizeof(line) - 1);
}
