/* SPDX-License-Identifier: MIT */
/*
 * `capejail-syscalls export --format systemd-preload`: the policy edits as
 * the Environment= lines of a systemd unit that loads them with
 * libcapejail-preload.so (docs/preload.md, docs/systemd.md). Pure.
 */
#ifndef CJS_EXPORT_PRELOAD_H
#define CJS_EXPORT_PRELOAD_H

#include <stddef.h>

#include "edits.h"
#include "err.h"

/* Where `make install` puts the library (PREFIX/lib). */
#ifndef CJ_PRELOAD_PATH
#define CJ_PRELOAD_PATH "/usr/local/lib/libcapejail-preload.so"
#endif

/*
 * The lines for EDITS (checked by cj_policy_build first): capejail's
 * default policy, one --profile as CAPEJAIL_PROFILE (made absolute), the
 * --deny lists as SECCOMP_SYSCALL_DENY. --allow and --seccomp-profile have
 * no equivalent in the library's variables: an error that says to write a
 * profile. LIB is the library's path. 0 with *OUT (heap), or a cj_exit
 * status with E set.
 */
int ep_unit_lines(const struct cj_edit *edits, size_t n, const char *lib,
		  char **out, struct cj_err *e);

#endif
