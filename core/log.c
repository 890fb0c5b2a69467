/* SPDX-License-Identifier: MIT */
#include "log.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>

bool cj_log_quiet;
bool cj_log_verbose;

static void emit(const char *kind, const char *fmt, va_list ap)
{
	int saved = errno;
	char line[1024];

	vsnprintf(line, sizeof(line), fmt, ap);
	/* One write per message so concurrent jails do not interleave. */
	fprintf(stderr, "capejail: %s%s\n", kind, line);
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
	EMIT("", !cj_log_quiet);
}
void cj_verbose(const char *fmt, ...)
{
	EMIT("", cj_log_verbose);
}
