/* SPDX-License-Identifier: MIT */
/*
 * Symbolic names of the argument values the argument rules compare
 * (argrules.def): socket levels and options, address families, clone
 * flags, terminal ioctls, file types. The kill report and discover decode
 * arguments with them, as strace does; a unit test checks that every
 * value the rules name has its name here. Pure.
 */
#ifndef CAPEJAIL_ARGNAMES_H
#define CAPEJAIL_ARGNAMES_H

#include <stddef.h>
#include <stdint.h>

/*
 * "(3, SOL_SOCKET, SO_REUSEADDR)": the first NARGS (at most 6) arguments
 * of a call of SYSCALL, each by name where the rules' tables know it,
 * into BUF. Returns BUF.
 */
const char *cj_args_decode(const char *syscall, const uint64_t *args,
			   size_t nargs, char *buf, size_t len);

/* The name of argument ARG of SYSCALL with value V (ARG2 given for
 * setsockopt's option, which depends on the level), or NULL. */
const char *cj_arg_name(const char *syscall, unsigned arg, uint64_t v,
			uint64_t level);

/* Clone flags as "CLONE_NEWUSER|CLONE_NEWNS|0x11" into BUF. */
const char *cj_clone_flags_text(uint64_t flags, char *buf, size_t len);

#endif
