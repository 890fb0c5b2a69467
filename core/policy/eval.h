/* SPDX-License-Identifier: MIT */
/*
 * The one evaluator: the verdict a policy gives one call, as the kernel
 * gives it. The policy is compiled once (cj_eval_init, libseccomp) and the
 * program is run on each call the way the kernel runs it, because for the
 * rules of one syscall that overlap, libseccomp's tree decides which one
 * wins, not the order of the rules (cond.c, "How the kernel decides").
 */
#ifndef CAPEJAIL_EVAL_H
#define CAPEJAIL_EVAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "filter.h"
#include "policy.h"

struct cj_eval {
	const struct cj_policy *policy; /* borrowed: must outlive this */
	struct cj_bpf bpf;		/* compiled without notification */
	uint32_t arch;			/* the native AUDIT_ARCH_* */
};

/* Compile P for questions. 0 or -errno (cj_filter_build's). */
int cj_eval_init(struct cj_eval *ev, const struct cj_policy *p);
/*
 * The same from BPF, P already compiled (e.g. the precompiled default, in
 * notify mode: a notification is a kill here). 0 or -ENOMEM.
 */
int cj_eval_init_bpf(struct cj_eval *ev, const struct cj_policy *p,
		     const struct cj_bpf *bpf);
void cj_eval_free(struct cj_eval *ev);
/*
 * Judge the uid and gid calls as made by a process with UID and GID (the
 * jail binds its own the same way, cj_bpf_bind_ids). Unbound, a call with
 * any real id fails those rules. Returns the comparisons bound.
 */
size_t cj_eval_bind_ids(struct cj_eval *ev, uint32_t uid, uint32_t gid);

/*
 * The verdict for a call of ROW whose first NARGS arguments (at most 6)
 * are ARGS. When the filter needs an argument beyond them, *UNCHECKED is
 * set and the verdict means nothing; UNCHECKED may be NULL when NARGS is 6.
 */
struct cj_verdict cj_policy_eval(const struct cj_eval *ev, int row,
				 const uint64_t *args, size_t nargs,
				 bool *unchecked);

/* Where two policies were found to differ (cj_eval_same). */
struct cj_eval_diff {
	int row;
	uint64_t args[6];
	struct cj_verdict a, b;
};

/*
 * Do A and B give every row of the table the same verdict, for calls made
 * of the values their rules compare with and the values next to those?
 * False with the first difference in *DIFF (may be NULL).
 */
bool cj_eval_same(const struct cj_eval *a, const struct cj_eval *b,
		  struct cj_eval_diff *diff);
/* "getpriority(0x1, 0, 0, 0, 0, 0): allow, then errno 13" into BUF. */
const char *cj_eval_diff_text(const struct cj_eval_diff *diff, char *buf,
			      size_t len);

#endif
