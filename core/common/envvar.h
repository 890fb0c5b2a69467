/* SPDX-License-Identifier: MIT */
/*
 * KEY=VALUE entries given with -e, to the launcher and to discover.
 */
#ifndef CAPEJAIL_ENVVAR_H
#define CAPEJAIL_ENVVAR_H

#include <stdbool.h>

#define CJ_MAX_ENV 256

/* Is S KEY=VALUE with KEY made of letters, digits (not first) and _? */
bool cj_env_entry_valid(const char *s);

#endif
