/* SPDX-License-Identifier: MIT */
/*
 * The narrowest rule discover proposes for a call the default kills on
 * its arguments: one conditional rule per distinct failing call, on the
 * arguments the table's own rules compare ("allow setsockopt if arg1 == 1
 * and arg2 == 2"), never an unconditional allow that would drop the
 * table's argument rules. Pure.
 */
#ifndef CJS_DISCOVER_RULES_H
#define CJS_DISCOVER_RULES_H

#include <stddef.h>

#include "discover_diff.h"
#include "policy.h"

/* The arguments ROW's conditional rules in P compare, as bits (1 << n). */
unsigned drl_compared_args(const struct cj_policy *p, int row);

/*
 * The profile lines ("allow NAME if ...") that let E's failing calls run
 * and nothing else of them, distinct, into LINES (each LEN bytes wide, at
 * most MAX). Returns how many, 0 when no failing call's arguments could
 * be read (then nothing can be proposed for it).
 */
size_t drl_build(const struct cj_policy *p, const struct dd_entry *e,
		 char (*lines)[256], size_t max);

#endif
