/* SPDX-License-Identifier: MIT */
/*
 * capejail-syscalls' messages on stderr: "capejail-syscalls: error: ...",
 * followed by "capejail-syscalls: hint: ..." when there is a remedy.
 */
#ifndef CJS_LOG_H
#define CJS_LOG_H

#include "compiler.h"

#define CJS_PROG "capejail-syscalls"

void cjs_error(const char *fmt, ...) CJ_PRINTF(1, 2);
void cjs_hint(const char *fmt, ...) CJ_PRINTF(1, 2);
void cjs_warn(const char *fmt, ...) CJ_PRINTF(1, 2);
void cjs_note(const char *fmt, ...) CJ_PRINTF(1, 2);

#endif
