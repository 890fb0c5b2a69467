/* SPDX-License-Identifier: MIT */
/*
 * Checks shared by the fuzz harnesses. A parser must never crash, must
 * leave the policy untouched and say why when it refuses its input, and
 * what it accepts must compile with libseccomp and survive an OCI export
 * and import with the same verdict for every syscall.
 */
#ifndef CAPEJAIL_FUZZ_COMMON_H
#define CAPEJAIL_FUZZ_COMMON_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capejail.h"
#include "export.h"
#include "profile.h"
#include "eval.h"

#define FUZZ_CHECK(cond, ...)                                              \
	do {                                                               \
		if (!(cond)) {                                             \
			fprintf(stderr, "fuzz check failed: %s: ", #cond); \
			fprintf(stderr, __VA_ARGS__);                      \
			fputc('\n', stderr);                               \
			abort();                                           \
		}                                                          \
	} while (0)

static inline void fuzz_quiet(void *ctx, const char *msg)
{
	(void)ctx;
	(void)msg;
}

static inline int fuzz_same_policy(const struct cj_policy *a,
				   const struct cj_policy *b)
{
	if (a->nrows != b->nrows || a->nconds != b->nconds ||
	    memcmp(a->rows, b->rows, a->nrows * sizeof(*a->rows)) ||
	    memcmp(&a->fallback, &b->fallback, sizeof(a->fallback)) ||
	    memcmp(&a->unknown, &b->unknown, sizeof(a->unknown)))
		return 0;
	for (size_t i = 0; i < a->nconds; i++)
		if (memcmp(&a->conds[i], &b->conds[i], sizeof(a->conds[i])))
			return 0;
	return 1;
}

/*
 * Do P and Q give every syscall the same verdict, as their compiled
 * filters decide it (eval.h)? Aborts with the first difference.
 */
static inline void fuzz_check_rows(const struct cj_policy *p,
				   const struct cj_policy *q)
{
	struct cj_eval ep, eq;
	struct cj_eval_diff d;
	char text[256];

	FUZZ_CHECK(cj_eval_init(&ep, p) == 0, "compile the original");
	FUZZ_CHECK(cj_eval_init(&eq, q) == 0, "compile the re-import");
	FUZZ_CHECK(cj_eval_same(&ep, &eq, &d), "%s after the round trip",
		   cj_eval_diff_text(&d, text, sizeof(text)));
	cj_eval_free(&ep);
	cj_eval_free(&eq);
}

static inline uint64_t fuzz_hash(uint64_t h, const void *data, size_t len)
{
	const unsigned char *s = data;

	for (size_t i = 0; i < len; i++)
		h = (h ^ s[i]) * 0x100000001b3ull;
	return h;
}

/*
 * Has a policy like P been checked already? Compiling a filter takes
 * milliseconds, and most inputs only differ in what the policy ignores.
 */
static inline int fuzz_seen(const struct cj_policy *p)
{
	static uint64_t seen[1 << 16];
	uint64_t h = 0xcbf29ce484222325ull;
	size_t slot;

	h = fuzz_hash(h, p->rows, p->nrows * sizeof(*p->rows));
	h = fuzz_hash(h, p->conds, p->nconds * sizeof(*p->conds));
	h = fuzz_hash(h, &p->fallback, sizeof(p->fallback));
	h = fuzz_hash(h, &p->unknown, sizeof(p->unknown));
	h |= 1;
	slot = (size_t)(h % (sizeof(seen) / sizeof(seen[0])));
	if (seen[slot] == h)
		return 1;
	seen[slot] = h;
	return 0;
}

/* What a parser accepted compiles and survives an OCI round trip. */
static inline void fuzz_check_accepted(const struct cj_policy *p)
{
	static const struct cj_oci_ops ops = {
		.kernel_release = "6.1.0",
		.note = fuzz_quiet,
		.warn = fuzz_quiet,
	};
	struct cj_policy q;
	struct cj_bpf bpf;
	char *json = NULL, err[512];
	int big = 0, rc;

	if (!getenv("FUZZ_NO_DEDUP") && fuzz_seen(p))
		return;
	rc = cj_filter_build(p, true, &bpf);
	FUZZ_CHECK(rc == 0, "cj_filter_build: %d", rc);
	cj_bpf_free(&bpf);
	FUZZ_CHECK(cj_export_oci(p, &json) == 0, "export");
	FUZZ_CHECK(cj_policy_default(&q) == 0, "default");
	/* Values above INT64_MAX are beyond jansson: documented. */
	for (size_t i = 0; i < p->nconds; i++)
		for (unsigned k = 0; k < p->conds[i].ncmp; k++)
			big |=
			    (p->conds[i].cmp[k].a | p->conds[i].cmp[k].b) >> 63;
	rc = cj_oci_parse(&q, "export.json", json, strlen(json), &ops, err,
			  sizeof(err));
	FUZZ_CHECK(rc == 0 || big, "re-import: %s\n%s", err, json);
	if (rc == 0) {
		/*
		 * The export drops the rules on the jail's own ids (no runtime
		 * can bind them): compare with the policy as exported.
		 */
		struct cj_policy exported;

		FUZZ_CHECK(cj_policy_copy(&exported, p) == 0, "copy");
		cj_policy_drop_own_ids(&exported);
		fuzz_check_rows(&exported, &q);
		cj_policy_free(&exported);
	}
	free(json);
	cj_policy_free(&q);
}

#endif
