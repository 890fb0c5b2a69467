/* SPDX-License-Identifier: MIT */
/*
 * The error a library function hands back instead of printing: what
 * failed, on what, and (when there is a known remedy) what to do. Only the
 * programs' entry points print it (log.h: cj_log_err).
 */
#ifndef CAPEJAIL_ERR_H
#define CAPEJAIL_ERR_H

#include <stdarg.h>
#include <stddef.h>

#include "compiler.h"

struct cj_err {
	char msg[1024]; /* "what: on what: why", without the program name */
	char hint[512]; /* empty, or what to do */
};

/*
 * Where a library function sends what is not an error: WARN for a
 * changed meaning or a weakened policy (printed as "warning:"), NOTE for a
 * remark (printed with -v). Either may be NULL: the message is dropped.
 */
struct cj_msgs {
	void (*warn)(void *ctx, const char *msg);
	void (*note)(void *ctx, const char *msg);
	void *ctx;
};

/* Send a formatted message to MSGS->warn or ->note (NULL MSGS: dropped). */
void cj_msgs_warn(const struct cj_msgs *msgs, const char *fmt, ...)
    CJ_PRINTF(2, 3);
void cj_msgs_note(const struct cj_msgs *msgs, const char *fmt, ...)
    CJ_PRINTF(2, 3);

/*
 * WHERE ("file:3: "), then FMT's text, into BUF of LEN bytes: cut where it
 * does not fit; when WHERE alone does not fit, the text is left out.
 */
void cj_vformat_at(char *buf, size_t len, const char *where, const char *fmt,
		   va_list ap) CJ_PRINTF(4, 0);

/* Set the message (and clear the hint). Returns CODE, for `return`. */
int cj_err_set(struct cj_err *e, int code, const char *fmt, ...)
    CJ_PRINTF(3, 4);
/* Set the hint. */
void cj_err_hint(struct cj_err *e, const char *fmt, ...) CJ_PRINTF(2, 3);

#endif
