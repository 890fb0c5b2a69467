/* SPDX-License-Identifier: MIT */
/*
 * discover --emit env / env-late: the SECCOMP_SYSCALL_ALLOW line for the
 * preload library (docs/preload.md). env lists every syscall the program
 * makes from its execve on (what a filter loaded before exec must allow);
 * env-late runs it with the library loaded and lists only what it makes
 * after the library's filter is in place, children included.
 */
#ifndef CJS_DISCOVER_ENV_H
#define CJS_DISCOVER_ENV_H

#include <stddef.h>

#include "discover_opts.h"
#include "trace_usage.h"

/* The preload library: beside our own executable, else where make
 * install puts it. Heap. */
char *denv_find_preload(void);

/*
 * "SECCOMP_SYSCALL_ALLOW=a:b:c" of the syscalls U counted, sorted by name,
 * into BUF. Names libseccomp does not know for the native ABI are left
 * out and counted in *UNKNOWN. Returns the number of names, or -1 when BUF
 * is too small.
 */
int denv_allow_line(const struct tu_usage *u, char *buf, size_t len,
		    size_t *unknown);

/* Run it all for O (o->emit is env or env-late); the exit status. */
int denv_discover(const struct dopts *o);

#endif
