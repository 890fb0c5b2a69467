/* SPDX-License-Identifier: MIT */
/*
 * socket(2)'s argument rule: the (family, type, protocol) triples a jailed
 * program may create, and an errno for every other type and protocol of
 * those families. libseccomp lets a shorter rule win over a longer one that
 * overlaps it, or refuses to build (cond.c, "How the kernel decides"), so
 * the errno side is built as pieces that never overlap an allowed triple:
 * the family's other types (masked patterns, cj_complement), and for each
 * allowed type the protocols between the allowed ones (aligned blocks,
 * cj_range_pieces) and above them (one "greater than"). An allowed
 * protocol is compared on all 64 bits, so garbage in the upper half is
 * refused, never allowed.
 */
#include <errno.h>
#include <stdlib.h>

#include "compiler.h"
#include "policy.h"
#include "policy_rules.h"

#define FAMILY_MASK 0xffffffffu /* an int: the kernel reads 32 bits */
/*
 * The protocol's gaps are compared on its low 32 bits too (a mask with the
 * top bit set would not survive an OCI export: JSON parsers read signed
 * 64-bit integers). Garbage in the upper half then meets the final
 * "greater than" as well: both are the same errno, so no order matters.
 */
#define PROTO_MASK 0xffffffffu

int cj_range_pieces(uint64_t lo, uint64_t hi, uint64_t *mask, uint64_t *val,
		    size_t max)
{
	size_t n = 0;

	if (lo > hi)
		return 0;
	for (;;) {
		uint64_t size = 1;

		/* The largest block aligned at LO that ends at HI or before. */
		while (size <= (UINT64_MAX >> 1) &&
		       (lo & (2 * size - 1)) == 0 && hi - lo >= 2 * size - 1)
			size *= 2;
		if (n == max)
			return -ENOSPC;
		mask[n] = ~(size - 1);
		val[n] = lo;
		n++;
		if (hi - lo == size - 1)
			return (int)n;
		lo += size;
	}
}

static int add(struct cj_policy *p, int row, enum cj_action act, int err,
	       const struct cj_argcmp *cmp, unsigned ncmp)
{
	struct cj_cond c = { .row = row, .action = act, .err = err };

	c.ncmp = ncmp;
	for (unsigned i = 0; i < ncmp; i++)
		c.cmp[i] = cmp[i];
	return cj_policy_add_cond(p, &c);
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* Allowed PROTOS (sorted) of FAMILY/TYPE, and the errno for the others. */
static int add_protocols(struct cj_policy *p, int row, int err, uint64_t family,
			 uint64_t type, const uint64_t *protos, size_t n)
{
	struct cj_argcmp cmp[3] = {
		{ 0, CJ_CMP_MASKED_EQ, FAMILY_MASK, family },
		{ 1, CJ_CMP_MASKED_EQ, CJ_SOCK_TYPE_MASK, type },
		{ 2, CJ_CMP_EQ, 0, 0 },
	};
	uint64_t next = 0, m[64], v[64];
	int rc = 0;

	for (size_t i = 0; i < n && !rc; i++) {
		int k = protos[i] > next
			    ? cj_range_pieces(next, protos[i] - 1, m, v, 64)
			    : 0;

		for (int j = 0; j < k && !rc; j++) {
			cmp[2] = (struct cj_argcmp){ 2, CJ_CMP_MASKED_EQ,
						     m[j] & PROTO_MASK, v[j] };
			rc = add(p, row, CJ_ACT_ERRNO, err, cmp, 3);
		}
		if (k < 0)
			rc = k;
		cmp[2] = (struct cj_argcmp){ 2, CJ_CMP_EQ, protos[i], 0 };
		if (!rc)
			rc = add(p, row, CJ_ACT_ALLOW, 0, cmp, 3);
		next = protos[i] + 1;
	}
	cmp[2] = (struct cj_argcmp){ 2, CJ_CMP_GT, protos[n - 1], 0 };
	return rc ? rc : add(p, row, CJ_ACT_ERRNO, err, cmp, 3);
}

/* FAMILY's rules: its allowed types, and the errno for its other types. */
static int add_family(struct cj_policy *p, int row, const struct cj_argrule *r,
		      uint64_t family)
{
	uint64_t types[16], om[64], ov[64], protos[32];
	size_t nt = 0;
	int k, rc = 0;
	struct cj_argcmp cmp[2] = {
		{ 0, CJ_CMP_MASKED_EQ, FAMILY_MASK, family },
		{ 1, CJ_CMP_MASKED_EQ, 0, 0 },
	};

	for (size_t i = 0; i < r->nvalues; i++) {
		uint64_t t = CJ_SOCK_TYPE_OF(r->values[i]);
		bool seen = false;

		if (CJ_SOCK_FAMILY_OF(r->values[i]) != family)
			continue;
		for (size_t j = 0; j < nt; j++)
			seen |= types[j] == t;
		if (!seen && nt < CJ_ARRAY_SIZE(types))
			types[nt++] = t;
	}
	k = cj_complement(CJ_SOCK_TYPE_MASK, types, nt, om, ov,
			  CJ_ARRAY_SIZE(om));
	if (k < 0)
		return k;
	for (int i = 0; i < k && !rc; i++) {
		cmp[1].a = om[i];
		cmp[1].b = ov[i];
		rc = add(p, row, CJ_ACT_ERRNO, r->err, cmp, 2);
	}
	for (size_t t = 0; t < nt && !rc; t++) {
		size_t np = 0;

		for (size_t i = 0; i < r->nvalues; i++)
			if (CJ_SOCK_FAMILY_OF(r->values[i]) == family &&
			    CJ_SOCK_TYPE_OF(r->values[i]) == types[t] &&
			    np < CJ_ARRAY_SIZE(protos))
				protos[np++] = CJ_SOCK_PROTO_OF(r->values[i]);
		qsort(protos, np, sizeof(*protos), cmp_u64);
		rc =
		    add_protocols(p, row, r->err, family, types[t], protos, np);
	}
	return rc;
}

int cj_socket_rules(struct cj_policy *p, int row, const struct cj_argrule *r)
{
	int rc = 0;

	for (size_t i = 0; i < r->nvalues && !rc; i++) {
		uint64_t family = CJ_SOCK_FAMILY_OF(r->values[i]);
		bool first = true;

		for (size_t j = 0; j < i; j++)
			first &= CJ_SOCK_FAMILY_OF(r->values[j]) != family;
		if (first)
			rc = add_family(p, row, r, family);
	}
	return rc;
}
