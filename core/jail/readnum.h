/* SPDX-License-Identifier: MIT */
/* A number the kernel shows in a file: /proc/sys, cgroups (readnum.c). */
#ifndef CAPEJAIL_READNUM_H
#define CAPEJAIL_READNUM_H

#include <stdint.h>

/* The number at the start of PATH (a /proc/sys or cgroup file), or -1. */
int64_t cj_read_number(const char *path);

#endif
