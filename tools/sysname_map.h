/* SPDX-License-Identifier: MIT */
/*
 * strace's syscall names -> the policy's (libseccomp's) names.
 *
 * For the native x86_64 ABI the two agree, except that strace prints
 * "syscall_0x1c4" for numbers it does not know (newer than strace) which
 * libseccomp may know (fchmodat2). Names that exist only in strace's
 * 32-bit personality (_llseek, mmap2, fstat64, umount, ...) mean a process
 * made i386 syscalls (int 0x80), which capejail kills as a foreign ABI.
 */
#ifndef CJS_SYSNAME_MAP_H
#define CJS_SYSNAME_MAP_H

#include <stdbool.h>
#include <stddef.h>

struct sm_name {
	char name[64];	 /* the policy's name, or strace's when unknown */
	int nr;		 /* native number, -1 if none */
	bool foreign;	 /* an i386-only name */
	char native[64]; /* foreign: the nearest native syscall, or "" */
};

/* Map NAME as strace printed it. Never fails. */
void sm_map(const char *strace_name, struct sm_name *out);

/*
 * The nearest native equivalent of an i386-only NAME (a constant, or
 * written to BUF), or NULL when NAME is not one.
 */
const char *sm_i386_alias(const char *name, char *buf, size_t len);

#endif
