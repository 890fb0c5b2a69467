/* SPDX-License-Identifier: MIT */
/*
 * The preload library's last words: a SIGSYS handler for the filter's
 * SECCOMP_RET_TRAP verdicts that names the blocked call and its reason,
 * then ends the process with 128 + SIGSYS. Everything it prints is built
 * before the filter loads; the handler itself only looks up and writes.
 */
#ifndef CAPEJAIL_PRELOAD_TRAP_H
#define CAPEJAIL_PRELOAD_TRAP_H

#include "config.h"

/*
 * A syscall number no kernel has (above every ABI's table, below x32's
 * bit): the library's policies leave it to their fallback, a kill, so the
 * handler dies of SIGSYS by calling it (config.c keeps the fallback).
 */
#define CJ_PRELOAD_DIE_NR 0xfff
/* 128 + SIGSYS: the exit status if a profile let that number through. */
#define CJ_PRELOAD_KILLED 159

/*
 * Prepare the message of every row (WHY from cj_preload_policy) and
 * install the handler, for PROG. 0 or -errno: -EPERM when a filter this
 * process inherited (the library's own, loaded before an exec) guards
 * SIGSYS; its blocked calls then end the process without a message.
 */
int cj_trap_install(const char *prog, const enum cj_preload_why *why);

#endif
