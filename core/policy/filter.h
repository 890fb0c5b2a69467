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

/* How a kill verdict reaches the kernel. */
enum cj_kill_mode {
	CJ_KILL_PROCESS, /* SECCOMP_RET_KILL_PROCESS: the process dies */
	CJ_KILL_NOTIFY,	 /* a user notification: a supervisor names it */
	CJ_KILL_TRAP,	 /* SIGSYS: the process's own handler names it */
	/* discovery: kill and errno verdicts alike become notifications */
	CJ_NOTIFY_ALL,
};
/* The general form of both: KILL says how a kill verdict is delivered. */
int cj_filter_build_mode(const struct cj_policy *policy, enum cj_kill_mode kill,
			 int optimize, struct cj_bpf *out);
void cj_bpf_free(struct cj_bpf *bpf);
/* A copy of SRC that DST owns. 0 or -ENOMEM. */
int cj_bpf_copy(struct cj_bpf *dst, const struct cj_bpf *src);
/*
 * Write the jail's UID and GID over the placeholders CJ_OWN_UID and
 * CJ_OWN_GID (policy_rules.h) in BPF. Returns how many comparisons were
 * bound (0 when the policy has no own-id rules).
 */
size_t cj_bpf_bind_ids(struct cj_bpf *bpf, uint32_t uid, uint32_t gid);

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
