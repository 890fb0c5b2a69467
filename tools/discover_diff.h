/* SPDX-License-Identifier: MIT */
/*
 * The syscalls a traced program used, held against a policy: which the
 * jail would kill, which would fail with an errno, which pass only under
 * argument conditions, which the policy does not know. Pure.
 */
#ifndef CJS_DISCOVER_DIFF_H
#define CJS_DISCOVER_DIFF_H

#include <stdbool.h>
#include <stddef.h>

#include "policy.h"
#include "trace_usage.h"

enum dd_class {
	DD_KILL,    /* the policy kills the program on it */
	DD_COND,    /* allowed only under argument conditions */
	DD_ERRNO,   /* fails with an errno in the jail (the call never runs) */
	DD_UNKNOWN, /* not in the policy table (newer than libseccomp) */
	DD_FOREIGN, /* a 32-bit (i386) syscall: foreign ABIs are killed */
	DD_ALLOWED, /* allowed unconditionally */
};

struct dd_entry {
	char name[64];	 /* the policy's name (strace's if unknown) */
	char strace[64]; /* as strace printed it */
	char native[64]; /* DD_FOREIGN: the nearest native syscall */
	int row;	 /* table row, -1 */
	int nr;		 /* native number, -1 */
	enum dd_class cls;
	struct cj_verdict verdict; /* unconditional, or unmatched calls */
	bool dangerous;
	unsigned long count;  /* calls */
	unsigned long enosys; /* of which answered ENOSYS on this host */
	unsigned long pass, killed, failed; /* DD_COND: by argument check */
	const char *sample; /* DD_COND: arguments of a call that fails */
	char *const *fails; /* DD_COND: distinct arguments of failing calls */
	size_t nfails;
	bool blocks;	/* the jail would kill the program on it */
	bool allowable; /* --allow NAME would let it run */
};

struct dd_result {
	struct dd_entry *v; /* sorted by class, then name */
	size_t n;
	size_t nclass[DD_ALLOWED + 1];
	size_t nblocking;
};

/* Hold U's syscalls against P. 0, or -ENOMEM. */
int dd_compute(const struct cj_policy *p, const struct tu_usage *u,
	       struct dd_result *out);
void dd_free(struct dd_result *r);

/* 1 when some syscall would get the program killed, else 0. */
int dd_status(const struct dd_result *r);

/*
 * The names to pass to --allow so nothing is killed, comma-separated,
 * into BUF (empty when none). Returns the number of names.
 */
size_t dd_allow_list(const struct dd_result *r, char *buf, size_t len);

/* Same for the syscalls that would fail with an errno (DD_ERRNO). */
size_t dd_errno_list(const struct dd_result *r, char *buf, size_t len);

const char *dd_class_name(enum dd_class c);

#endif
