/* SPDX-License-Identifier: MIT */
/*
 * The jail's own ids written into a compiled filter.
 *
 * The default policy allows the uid and gid calls only with ids the process
 * already has (argrules.def, ALLOW_EACH with CJ_OWN_UID/CJ_OWN_GID). Those
 * ids are known when the launcher resolves its user, long after the default
 * filter was compiled at build time, so the filter carries two placeholder
 * constants and the launcher replaces them here. libseccomp compares a
 * masked 32-bit argument with one BPF_JEQ|BPF_K per value, so each
 * placeholder is the K operand of conditional jumps only.
 */
#include <errno.h>
#include <stdbool.h>
#include <linux/filter.h>
#include <stdlib.h>
#include <string.h>

#include "filter.h"
#include "policy.h"
#include "policy_rules.h"

int cj_bpf_copy(struct cj_bpf *dst, const struct cj_bpf *src)
{
	size_t size = src->len * sizeof(struct sock_filter);

	memset(dst, 0, sizeof(*dst));
	if (!src->len)
		return 0;
	dst->insns = malloc(size);
	if (!dst->insns)
		return -ENOMEM;
	memcpy(dst->insns, src->insns, size);
	dst->len = src->len;
	return 0;
}

size_t cj_bpf_bind_ids(struct cj_bpf *bpf, uint32_t uid, uint32_t gid)
{
	struct sock_filter *insn = bpf->insns;
	size_t n = 0;

	for (size_t i = 0; i < bpf->len; i++) {
		if (BPF_CLASS(insn[i].code) != BPF_JMP ||
		    BPF_SRC(insn[i].code) != BPF_K ||
		    BPF_OP(insn[i].code) == BPF_JA)
			continue;
		if (insn[i].k == CJ_OWN_UID) {
			insn[i].k = uid;
			n++;
		} else if (insn[i].k == CJ_OWN_GID) {
			insn[i].k = gid;
			n++;
		}
	}
	return n;
}

/* Does C compare an argument with one of the jail's own ids? */
static bool names_own_id(const struct cj_cond *c)
{
	for (unsigned i = 0; i < c->ncmp; i++) {
		uint64_t v = c->cmp[i].op == CJ_CMP_MASKED_EQ ? c->cmp[i].b
							      : c->cmp[i].a;

		if (v == CJ_OWN_UID || v == CJ_OWN_GID)
			return true;
	}
	return false;
}

void cj_policy_drop_own_ids(struct cj_policy *p)
{
	size_t out = 0;

	for (size_t i = 0; i < p->nconds; i++) {
		if (!names_own_id(&p->conds[i])) {
			p->conds[out++] = p->conds[i];
			continue;
		}
		/* Calls its other rules do not take get the fallback. */
		if (p->conds[i].row >= 0 && (size_t)p->conds[i].row < p->nrows)
			p->rows[p->conds[i].row] = p->fallback;
	}
	p->nconds = out;
}
