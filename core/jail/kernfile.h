/* SPDX-License-Identifier: MIT */
/* Kernel files: /proc/sys, /proc/PID, cgroups (kernfile.c). */
#ifndef CAPEJAIL_KERNFILE_H
#define CAPEJAIL_KERNFILE_H

#include <stdint.h>

/* The number at the start of PATH (a /proc/sys or cgroup file), or -1. */
int64_t cj_read_number(const char *path);
/* Write VALUE into PATH in one write(): 0 or -errno. */
int cj_write_string(const char *path, const char *value);

#endif
