/* SPDX-License-Identifier: MIT */
/*
 * The argument rules of the default policy (core/policy/argrules.def).
 */
#ifndef CAPEJAIL_POLICY_RULES_H
#define CAPEJAIL_POLICY_RULES_H

#include <errno.h>
#include <stddef.h>
#include <stdint.h>

#include "policy.h"

/* Namespace flags of clone(2), low 32 bits. */
#define CJ_CLONE_NS_FLAGS                                        \
	(0x00020000u /* NEWNS */ | 0x02000000u /* NEWCGROUP */ | \
	 0x04000000u /* NEWUTS */ | 0x08000000u /* NEWIPC */ |   \
	 0x10000000u /* NEWUSER */ | 0x20000000u /* NEWPID */ |  \
	 0x40000000u /* NEWNET */ | 0x00000080u /* NEWTIME */)

/* ALLOW_PAIRS values: two 32-bit arguments (arg and arg + 1) in one. */
#define CJ_PAIR(a, b) (((uint64_t)(a) << 32) | (uint32_t)(b))
#define CJ_PAIR_MASK  0xffffffffu

/*
 * ALLOW_SOCKETS values: socket(2)'s (family, type, protocol), the type
 * without its SOCK_NONBLOCK and SOCK_CLOEXEC flags (the kernel's
 * SOCK_TYPE_MASK).
 */
#define CJ_SOCK(f, t, p) \
	(((uint64_t)(f) << 40) | ((uint64_t)(t) << 32) | (uint32_t)(p))
#define CJ_SOCK_TYPE_MASK    0xfu
#define CJ_SOCK_FAMILY_OF(v) ((v) >> 40)
#define CJ_SOCK_TYPE_OF(v)   (((v) >> 32) & 0xff)
#define CJ_SOCK_PROTO_OF(v)  ((v)&0xffffffffu)
/*
 * ALLOW_EACH values that stand for the jail's own ids. The default filter is
 * compiled before the jail's user is known (at build time); the launcher
 * replaces these constants in the BPF with the uid and gid it switches to
 * (cj_bpf_bind_ids). No other constant of the filter has these values.
 */
#define CJ_OWN_UID 0x7ffe1d01u
#define CJ_OWN_GID 0x7ffe1d02u
/* The id argument "-1": leave this id as it is. */
#define CJ_ID_UNCHANGED 0xffffffffu

enum cj_argrule_kind {
	CJ_ARG_ALLOW_IN,
	CJ_ARG_ALLOW_PAIRS, /* allowed when (arg, arg + 1) is one of values */
	/*
	 * socket only: allowed when (arg0, arg1 & 0xf, arg2) is one of the
	 * CJ_SOCK values; any other type or protocol of their families fails
	 * with err (sockrules.c).
	 */
	CJ_ARG_ALLOW_SOCKETS,
	CJ_ARG_ALLOW_EACH, /* allowed when each of args 0..arg is one of values
			    */
	CJ_ARG_DENY_IN,
	CJ_ARG_ERRNO_IN,
};

struct cj_argrule {
	const char *name;
	unsigned arg;
	uint64_t mask;
	enum cj_argrule_kind kind;
	int err;
	const uint64_t *values;
	size_t nvalues;
	const char *why;
};

const struct cj_argrule *cj_argrules(size_t *count);

/*
 * [LO, HI] as aligned blocks, each "(x & MASK) == VAL": at most MAX written,
 * their count returned, or -ENOSPC. Pure; unit-tested.
 */
int cj_range_pieces(uint64_t lo, uint64_t hi, uint64_t *mask, uint64_t *val,
		    size_t max);
/* The conditions of an ALLOW_SOCKETS rule R, added to ROW of P. */
int cj_socket_rules(struct cj_policy *p, int row, const struct cj_argrule *r);

#endif
