/* SPDX-License-Identifier: MIT */
#include "cjs_log.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>

static void emit(const char *kind, const char *fmt, va_list ap)
{
	int saved = errno;
	char line[2048];

	vsnprintf(line, sizeof(line), fmt, ap);
	/* One write per message, so parallel runs do not interleave. */
	fprintf(stderr, CJS_PROG ": %s%s\n", kind, line);
	errno = saved;
}

#define EMIT(kind)                   \
	do {                         \
		va_list ap;          \
		va_start(ap, fmt);   \
		emit(kind, fmt, ap); \
		va_end(ap);          \
	} while (0)

void cjs_error(const char *fmt, ...)
{
	EMIT("error: ");
}

void cjs_hint(const char *fmt, ...)
{
	EMIT("hint: ");
}

void cjs_warn(const char *fmt, ...)
{
	EMIT("warning: ");
}

void cjs_note(const char *fmt, ...)
{
	EMIT("");
}
