/* SPDX-License-Identifier: MIT */
/*
 * The policy of a jail that shares the host's network (--share-net): the
 * default with the rows of core/policy/sharenet.def changed.
 */
#ifndef CAPEJAIL_SHARENET_H
#define CAPEJAIL_SHARENET_H

#include <stddef.h>

#include "policy.h"

struct cj_net_row {
	const char *name;
	struct cj_verdict verdict;
	const char *why;
};

/* The rows that differ under --share-net, in sharenet.def's order. */
const struct cj_net_row *cj_sharenet_rows(size_t *count);
/* The --share-net verdict of NAME, or NULL when it is the default's. */
const struct cj_net_row *cj_sharenet_find(const char *name);
/*
 * Apply them to P (the rows' argument rules are dropped with them).
 * 0, or -ENOENT when a row names no syscall of the table.
 */
int cj_policy_share_net(struct cj_policy *p);

#endif
