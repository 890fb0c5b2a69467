/* SPDX-License-Identifier: MIT */
/*
 * A policy compiled to a seccomp BPF program (libseccomp), and syscall
 * names and numbers of the native ABI. filter.c is the only file that
 * includes <seccomp.h>.
 */
#ifndef CAPEJAIL_FILTER_H
#define CAPEJAIL_FILTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "policy.h"

/* A compiled seccomp program. */
struct cj_bpf {
	void *insns; /* struct sock_filter[] */
	size_t len;  /* instructions */
};

/*
 * Compile POLICY for the native ABI. With NOTIFY, every kill verdict becomes a
 * user notification so the supervisor can name the syscall before it kills
 * the jail (the call never runs either way). 0 or -errno.
 */
int cj_filter_build(const struct cj_policy *policy, bool notify,
		    struct cj_bpf *out);
/*
 * The same with libseccomp's optimisation level: 1 is a linear chain of
 * syscall checks, 2 (cj_filter_build) a binary tree. For measurements.
 */
int cj_filter_build_level(const struct cj_policy *policy, bool notify,
			  int optimize, struct cj_bpf *out);
void cj_bpf_free(struct cj_bpf *bpf);

/* Syscall names and numbers of the native ABI (libseccomp). */
int cj_sysnr(const char *name);			       /* -1 if unknown */
const char *cj_sysname(int nr, char *buf, size_t len); /* "syscall_0x1c4" */
/*
 * ARG as every option that takes a syscall accepts it: a name, or the
 * decimal number of a syscall of the native ABI (libseccomp resolves it).
 * Its row in the policy table, or -1 (cj_table_suggest_text then says why).
 */
int cj_table_index_arg(const char *arg);
/* The native ABI's AUDIT_ARCH_* value, as seccomp_data.arch holds it. */
uint32_t cj_native_arch(void);
/* The running libseccomp's version, "2.5.4", into BUF. */
const char *cj_libseccomp_version(char *buf, size_t len);

#endif
