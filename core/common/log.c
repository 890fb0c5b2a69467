/* SPDX-License-Identifier: MIT */
#include "log.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>

/* The one piece of logging state, set by the entry point. */
static struct {
	const char *prog;
	bool quiet;
	bool verbose;
} log_cfg = { "capejail", false, false };

void cj_log_init(const char *prog, bool quiet, bool verbose)
{
	log_cfg.prog = prog;
	log_cfg.quiet = quiet;
	log_cfg.verbose = verbose;
}

bool cj_log_verbose_on(void)
{
	return log_cfg.verbose;
}

bool cj_log_quiet_on(void)
{
	return log_cfg.quiet;
}

static void emit(const char *kind, const char *fmt, va_list ap)
{
	int saved = errno;
	char line[2048];

	vsnprintf(line, sizeof(line), fmt, ap);
	/* One write per message so concurrent runs do not interleave. */
	fprintf(stderr, "%s: %s%s\n", log_cfg.prog, kind, line);
	errno = saved;
}

#define EMIT(kind, cond)             \
	do {                         \
		va_list ap;          \
		if (!(cond))         \
			return;      \
		va_start(ap, fmt);   \
		emit(kind, fmt, ap); \
		va_end(ap);          \
	} while (0)

void cj_error(const char *fmt, ...)
{
	EMIT("error: ", true);
}
void cj_hint(const char *fmt, ...)
{
	EMIT("hint: ", true);
}
void cj_warn(const char *fmt, ...)
{
	EMIT("warning: ", true);
}
void cj_info(const char *fmt, ...)
{
	EMIT("", !log_cfg.quiet);
}
void cj_verbose(const char *fmt, ...)
{
	EMIT("", log_cfg.verbose);
}

void cj_log_err(const struct cj_err *e)
{
	cj_error("%s", e->msg);
	if (e->hint[0])
		cj_hint("%s", e->hint);
}
