/* SPDX-License-Identifier: MIT */
#include "err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void cj_vformat_at(char *buf, size_t len, const char *where, const char *fmt,
		   va_list ap)
{
	size_t n = strlen(where);

	if (!len)
		return;
	snprintf(buf, len, "%s", where);
	if (n < len)
		vsnprintf(buf + n, len - n, fmt, ap);
}

int cj_err_set(struct cj_err *e, int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	e->hint[0] = '\0';
	return code;
}

void cj_err_hint(struct cj_err *e, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(e->hint, sizeof(e->hint), fmt, ap);
	va_end(ap);
}

static void send(void (*fn)(void *, const char *), void *ctx, const char *fmt,
		 va_list ap) CJ_PRINTF(3, 0);

static void send(void (*fn)(void *, const char *), void *ctx, const char *fmt,
		 va_list ap)
{
	char msg[2048];

	if (!fn)
		return;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	fn(ctx, msg);
}

void cj_msgs_warn(const struct cj_msgs *msgs, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	send(msgs ? msgs->warn : NULL, msgs ? msgs->ctx : NULL, fmt, ap);
	va_end(ap);
}

void cj_msgs_note(const struct cj_msgs *msgs, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	send(msgs ? msgs->note : NULL, msgs ? msgs->ctx : NULL, fmt, ap);
	va_end(ap);
}
