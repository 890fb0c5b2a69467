/* SPDX-License-Identifier: MIT */
/*
 * The syscall policy: the default table (core/policy/syscalls.def), the
 * argument rules (core/policy/argrules.def) and a mutable copy that profiles
 * edit.
 *
 * Everything here is pure: no syscalls, no libseccomp. Name <-> number
 * translation lives in sysnr.c, BPF generation in filter.c.
 */
#ifndef CAPEJAIL_POLICY_H
#define CAPEJAIL_POLICY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum cj_action {
	CJ_ACT_ALLOW = 0,
	CJ_ACT_KILL,  /* kill the whole jailed process (reported by name) */
	CJ_ACT_ERRNO, /* fail with an errno value, the call never runs */
};

/* Row flags. */
#define CJ_DANGEROUS 0x1u /* a known escape or kernel-attack primitive */

/* One row of the default policy table. */
struct cj_syscall {
	const char *name;      /* libseccomp's name for the native ABI */
	enum cj_action action; /* default verdict */
	int err;	       /* errno for CJ_ACT_ERRNO */
	const char *group;     /* e.g. "files", "namespaces" */
	unsigned flags;	       /* CJ_DANGEROUS */
	const char *why;       /* one-paragraph rationale */
};

/* The table, sorted by name. */
const struct cj_syscall *cj_table(size_t *count);
/* Row index of NAME, or -1. */
int cj_table_index(const char *name);
const struct cj_syscall *cj_table_find(const char *name);
/* Up to MAX names of the table closest to NAME (edit distance). */
size_t cj_table_suggest(const char *name, const char **out, size_t max);
/*
 * The one suggestion text for an unknown NAME, into BUF: "did you mean:
 * a, b?", or where to find every name when none is close.
 */
void cj_table_suggest_text(const char *name, char *buf, size_t len);

const char *cj_action_name(enum cj_action action);

/* Argument comparisons, with libseccomp's meaning of a and b. */
enum cj_cmp {
	CJ_CMP_EQ = 0,
	CJ_CMP_NE,
	CJ_CMP_LT,
	CJ_CMP_LE,
	CJ_CMP_GT,
	CJ_CMP_GE,
	CJ_CMP_MASKED_EQ, /* (arg & a) == b */
};

#define CJ_MAX_CMP 6

struct cj_argcmp {
	unsigned arg; /* 0..5 */
	enum cj_cmp op;
	uint64_t a; /* the value, or the mask for CJ_CMP_MASKED_EQ */
	uint64_t b; /* the masked value for CJ_CMP_MASKED_EQ */
};

/*
 * A conditional rule: when every comparison holds, ACTION applies to ROW.
 * A row with conditional rules gets no unconditional verdict in the filter:
 * a call matching none of its rules gets the policy's fallback verdict.
 */
struct cj_cond {
	int row;
	enum cj_action action;
	int err;
	unsigned ncmp;
	struct cj_argcmp cmp[CJ_MAX_CMP];
	/* 1 + the index of the argument rule that made it; 0: none. */
	unsigned argrule;
};

/*
 * The largest errno a verdict may carry: libseccomp 2.5 refuses
 * SCMP_ACT_ERRNO(4095) (MAX_ERRNO) and above, as a rule and as the default
 * action, so a policy that named it could never be compiled.
 */
#define CJ_ERRNO_MAX 4094

struct cj_verdict {
	enum cj_action action;
	int err;
};

/* The same verdict (the errno counts only for CJ_ACT_ERRNO). */
static inline bool cj_verdict_same(struct cj_verdict a, struct cj_verdict b)
{
	return a.action == b.action &&
	       (a.action != CJ_ACT_ERRNO || a.err == b.err);
}

/* Syscall numbers below this that libseccomp does not know get `unknown`. */
#define CJ_NR_LIMIT 512

struct cj_policy {
	size_t nrows;		    /* == table count */
	struct cj_verdict *rows;    /* per table row */
	struct cj_verdict fallback; /* unmatched conditions, numbers >= limit */
	struct cj_verdict unknown;  /* numbers libseccomp does not know */
	struct cj_cond *conds;
	size_t nconds, capconds;
};

/* The default policy: table verdicts + argument rules. 0 or -ENOMEM. */
int cj_policy_default(struct cj_policy *p);
/*
 * The empty policy: every row killed, no conditional rules, fallback kill,
 * numbers libseccomp does not know ENOSYS. 0 or -ENOMEM.
 */
int cj_policy_empty(struct cj_policy *p);
/* A deep copy of SRC into DST (overwritten, not freed). 0 or -ENOMEM. */
int cj_policy_copy(struct cj_policy *dst, const struct cj_policy *src);
void cj_policy_free(struct cj_policy *p);
/*
 * All or nothing: when RC is 0, P is freed and becomes FRESH; otherwise
 * FRESH is freed and P stays as it was. Returns RC.
 */
int cj_policy_commit(struct cj_policy *p, struct cj_policy *fresh, int rc);

/*
 * Drop the rules that name the jail's own ids (CJ_OWN_UID/CJ_OWN_GID,
 * which only capejail's launcher binds) and give their rows the fallback
 * verdict, for tools that cannot bind them (an exported OCI profile): the
 * uid and gid calls then stay as narrow as the fallback, never wider.
 */
void cj_policy_drop_own_ids(struct cj_policy *p);

/* Edits. Return 0, -ENOENT for an unknown name, -ENOMEM. */
int cj_policy_set(struct cj_policy *p, const char *name, struct cj_verdict v);
/* Drop every conditional rule of ROW. */
void cj_policy_clear_conds(struct cj_policy *p, int row);
/* Append C as it is (cond.h: cj_row_add_rule keeps a row tidy). */
int cj_policy_add_cond(struct cj_policy *p, const struct cj_cond *c);
/* Room for MORE rules, so that adding them cannot fail. 0 or -ENOMEM. */
int cj_policy_reserve_conds(struct cj_policy *p, size_t more);
/* Does ROW have conditional rules? */
bool cj_policy_has_conds(const struct cj_policy *p, int row);

/*
 * Knock out argument rule RULE (an index into cj_argrules) of a default
 * policy, for the test build's knock-outs (probes/knockouts): the calls
 * the rule refuses (kills, or answers with an errno) are allowed, the
 * row's other rules stay. Sets *CHANGED to false when the filter would be
 * the same (another rule of the row answers those calls first). 0,
 * -ENOENT (no such rule), -ENOTSUP (the row's other rules are not one
 * masked argument: never so in argrules.def), -ENOMEM.
 */
int cj_policy_knock_out_rule(struct cj_policy *p, size_t rule, bool *changed);

/*
 * Turn "ARG & MASK must not be any of VALUES" into masked-equality pieces
 * whose union is exactly the complement. Writes at most MAX pieces to
 * OUT_MASK/OUT_VALUE and returns how many, or -ENOSPC. Pure; unit-tested.
 */
int cj_complement(uint64_t mask, const uint64_t *values, size_t nvalues,
		  uint64_t *out_mask, uint64_t *out_value, size_t max);

#endif
