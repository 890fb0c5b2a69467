/* SPDX-License-Identifier: MIT */
/*
 * Messages on stderr, prefixed with the program's name ("capejail:",
 * "capejail-syscalls:"). Errors name what failed, on what, and what to do
 * (a "hint:" line when there is a known remedy).
 *
 * Only the programs' entry points print: library code hands back a
 * struct cj_err (err.h) or a code, and never includes this header.
 */
#ifndef CAPEJAIL_LOG_H
#define CAPEJAIL_LOG_H

#include <stdbool.h>

#include "compiler.h"
#include "err.h"

/*
 * Called first by each entry point: PROG prefixes every message; QUIET
 * suppresses cj_info only (never warnings or errors), VERBOSE enables
 * cj_verbose.
 */
void cj_log_init(const char *prog, bool quiet, bool verbose);
bool cj_log_verbose_on(void);
bool cj_log_quiet_on(void);

void cj_error(const char *fmt, ...) CJ_PRINTF(1, 2);
void cj_warn(const char *fmt, ...) CJ_PRINTF(1, 2);
void cj_info(const char *fmt, ...) CJ_PRINTF(1, 2);
void cj_verbose(const char *fmt, ...) CJ_PRINTF(1, 2);
/* "PROG: hint: ..." — follows an error. */
void cj_hint(const char *fmt, ...) CJ_PRINTF(1, 2);
/* An error handed back by the library: its message, then its hint. */
void cj_log_err(const struct cj_err *e);

#endif
