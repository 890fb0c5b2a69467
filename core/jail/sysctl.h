/* SPDX-License-Identifier: MIT */
/* A kernel setting read from /proc/sys (sysctl.c). */
#ifndef CAPEJAIL_SYSCTL_H
#define CAPEJAIL_SYSCTL_H

#include <stdint.h>

/* The number at the start of PATH (a /proc/sys file), or -1. */
int64_t cj_sysctl_read(const char *path);

#endif
