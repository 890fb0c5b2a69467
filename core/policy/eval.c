/* SPDX-License-Identifier: MIT */
/*
 * The one evaluator (eval.h): the compiled filter, run on a call.
 *
 * A small interpreter of classic BPF as seccomp runs it: the program reads
 * struct seccomp_data (nr, arch, ip, args[6], 32 bits at a time) and ends
 * in a return value whose upper 16 bits are the action. It knows the
 * instructions libseccomp emits (load, and-mask, compare-and-jump, jump,
 * return); any other instruction, or a jump out of the program, ends the
 * run as a kill, which tests/unit/test_eval.c would show against the real
 * kernel.
 */
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "compiler.h"
#include "eval.h"

int cj_eval_init(struct cj_eval *ev, const struct cj_policy *p)
{
	memset(ev, 0, sizeof(*ev));
	ev->policy = p;
	ev->arch = cj_native_arch();
	return cj_filter_build(p, false, &ev->bpf);
}

int cj_eval_init_bpf(struct cj_eval *ev, const struct cj_policy *p,
		     const struct cj_bpf *bpf)
{
	memset(ev, 0, sizeof(*ev));
	ev->policy = p;
	ev->arch = cj_native_arch();
	return cj_bpf_copy(&ev->bpf, bpf);
}

size_t cj_eval_bind_ids(struct cj_eval *ev, uint32_t uid, uint32_t gid)
{
	return cj_bpf_bind_ids(&ev->bpf, uid, gid);
}

void cj_eval_free(struct cj_eval *ev)
{
	cj_bpf_free(&ev->bpf);
	ev->policy = NULL;
}

/* A call as the filter sees it, and which arguments it may read. */
struct call {
	struct seccomp_data data;
	size_t nargs;
	bool unchecked;
};

/* The 32-bit word at OFF of the call; false when OFF is outside it. */
static bool load_word(struct call *c, uint32_t off, uint32_t *out)
{
	const size_t args = offsetof(struct seccomp_data, args);

	if (off % 4 || off > sizeof(c->data) - 4)
		return false;
	if (off >= args && (off - args) / 8 >= c->nargs)
		c->unchecked = true;
	memcpy(out, (const char *)&c->data + off, 4);
	return true;
}

/* The kernel's result for a conditional jump, or -1: not one. */
static int jump_taken(const struct sock_filter *in, uint32_t a)
{
	switch (in->code) {
	case BPF_JMP | BPF_JEQ | BPF_K:
		return a == in->k;
	case BPF_JMP | BPF_JGT | BPF_K:
		return a > in->k;
	case BPF_JMP | BPF_JGE | BPF_K:
		return a >= in->k;
	case BPF_JMP | BPF_JSET | BPF_K:
		return (a & in->k) != 0;
	default:
		return -1;
	}
}

/* The program's return value for C; SECCOMP_RET_KILL_PROCESS on a fault. */
static uint32_t run(const struct cj_bpf *bpf, struct call *c)
{
	const struct sock_filter *prog = bpf->insns;
	uint32_t a = 0;

	for (size_t pc = 0; pc < bpf->len; pc++) {
		const struct sock_filter *in = &prog[pc];
		int taken;

		switch (in->code) {
		case BPF_LD | BPF_W | BPF_ABS:
			if (!load_word(c, in->k, &a))
				return SECCOMP_RET_KILL_PROCESS;
			continue;
		case BPF_ALU | BPF_AND | BPF_K:
			a &= in->k;
			continue;
		case BPF_JMP | BPF_JA:
			pc += in->k;
			continue;
		case BPF_RET | BPF_K:
			return in->k;
		default:
			break;
		}
		taken = jump_taken(in, a);
		if (taken < 0)
			return SECCOMP_RET_KILL_PROCESS;
		pc += taken ? in->jt : in->jf;
	}
	return SECCOMP_RET_KILL_PROCESS; /* ran off the end */
}

static struct cj_verdict verdict_of(uint32_t ret)
{
	switch (ret & SECCOMP_RET_ACTION_FULL) {
	case SECCOMP_RET_ALLOW:
	case SECCOMP_RET_LOG:
		return (struct cj_verdict){ CJ_ACT_ALLOW, 0 };
	case SECCOMP_RET_ERRNO:
		return (struct cj_verdict){ CJ_ACT_ERRNO,
					    (int)(ret & SECCOMP_RET_DATA) };
	default: /* kill, trap, notification: the call never runs */
		return (struct cj_verdict){ CJ_ACT_KILL, 0 };
	}
}

struct cj_verdict cj_policy_eval(const struct cj_eval *ev, int row,
				 const uint64_t *args, size_t nargs,
				 bool *unchecked)
{
	size_t n;
	const struct cj_syscall *t = cj_table(&n);
	struct call c = { .nargs = nargs < 6 ? nargs : 6 };
	int nr = row >= 0 && (size_t)row < n ? cj_sysnr(t[row].name) : -1;
	struct cj_verdict v;

	c.data.nr = nr;
	c.data.arch = ev->arch;
	memcpy(c.data.args, args, c.nargs * sizeof(args[0]));
	v = nr < 0 ? ev->policy->fallback : verdict_of(run(&ev->bpf, &c));
	if (unchecked)
		*unchecked = c.unchecked;
	return v;
}

static bool call_same(const struct cj_eval *a, const struct cj_eval *b, int row,
		      const uint64_t args[6], struct cj_eval_diff *diff)
{
	struct cj_verdict va = cj_policy_eval(a, row, args, 6, NULL);
	struct cj_verdict vb = cj_policy_eval(b, row, args, 6, NULL);

	if (cj_verdict_same(va, vb))
		return true;
	if (diff) {
		diff->row = row;
		memcpy(diff->args, args, sizeof(diff->args));
		diff->a = va;
		diff->b = vb;
	}
	return false;
}

/* Every argument set to one of a few values that masks and ranges meet. */
static bool probes_same(const struct cj_eval *a, const struct cj_eval *b,
			int row, struct cj_eval_diff *diff)
{
	static const uint64_t probes[] = { 0,	   1,	       2,
					   0x5401, 0xffffffff, UINT64_MAX };

	for (size_t k = 0; k < CJ_ARRAY_SIZE(probes); k++) {
		uint64_t args[6];

		for (int i = 0; i < 6; i++)
			args[i] = probes[k];
		if (!call_same(a, b, row, args, diff))
			return false;
	}
	return true;
}

/* Calls that meet the comparisons of ROW's rules in P, and their edges. */
static bool rules_same(const struct cj_eval *a, const struct cj_eval *b,
		       const struct cj_policy *p, int row,
		       struct cj_eval_diff *diff)
{
	for (size_t i = 0; i < p->nconds; i++) {
		const struct cj_cond *c = &p->conds[i];
		uint64_t base[6] = { 0 };

		if (c->row != row)
			continue;
		for (unsigned k = 0; k < c->ncmp && k < CJ_MAX_CMP; k++)
			if (c->cmp[k].arg < 6)
				base[c->cmp[k].arg] =
				    c->cmp[k].op == CJ_CMP_MASKED_EQ
					? c->cmp[k].b
					: c->cmp[k].a;
		for (int d = -1; d <= 1; d++) {
			uint64_t v[6];

			for (int j = 0; j < 6; j++)
				v[j] = base[j] + (uint64_t)(int64_t)d;
			if (!call_same(a, b, row, v, diff))
				return false;
		}
	}
	return true;
}

bool cj_eval_same(const struct cj_eval *a, const struct cj_eval *b,
		  struct cj_eval_diff *diff)
{
	for (size_t r = 0; r < a->policy->nrows; r++)
		if (!probes_same(a, b, (int)r, diff) ||
		    !rules_same(a, b, a->policy, (int)r, diff) ||
		    !rules_same(a, b, b->policy, (int)r, diff))
			return false;
	return true;
}

static const char *verdict_text(struct cj_verdict v, char *buf, size_t len)
{
	if (v.action == CJ_ACT_ERRNO)
		snprintf(buf, len, "errno %d", v.err);
	else
		snprintf(buf, len, "%s", cj_action_name(v.action));
	return buf;
}

const char *cj_eval_diff_text(const struct cj_eval_diff *diff, char *buf,
			      size_t len)
{
	size_t n;
	const struct cj_syscall *t = cj_table(&n);
	char a[32], b[32];

	snprintf(buf, len,
		 "%s(%#llx, %#llx, %#llx, %#llx, %#llx, %#llx): %s, "
		 "then %s",
		 diff->row >= 0 && (size_t)diff->row < n ? t[diff->row].name
							 : "?",
		 (unsigned long long)diff->args[0],
		 (unsigned long long)diff->args[1],
		 (unsigned long long)diff->args[2],
		 (unsigned long long)diff->args[3],
		 (unsigned long long)diff->args[4],
		 (unsigned long long)diff->args[5],
		 verdict_text(diff->a, a, sizeof(a)),
		 verdict_text(diff->b, b, sizeof(b)));
	return buf;
}
