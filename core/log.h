/* SPDX-License-Identifier: MIT */
/*
 * Messages on stderr, always prefixed "capejail:". Errors name what failed,
 * on what, and what to do (a "hint:" line when there is a known remedy).
 */
#ifndef CAPEJAIL_LOG_H
#define CAPEJAIL_LOG_H

#include <stdbool.h>

#include "compiler.h"

/* Set by --quiet: suppresses cj_info only, never warnings or errors. */
extern bool cj_log_quiet;
extern bool cj_log_verbose;

void cj_error(const char *fmt, ...) CJ_PRINTF(1, 2);
void cj_warn(const char *fmt, ...) CJ_PRINTF(1, 2);
void cj_info(const char *fmt, ...) CJ_PRINTF(1, 2);
void cj_verbose(const char *fmt, ...) CJ_PRINTF(1, 2);
/* "capejail: hint: ..." — follows an error. */
void cj_hint(const char *fmt, ...) CJ_PRINTF(1, 2);

#endif
