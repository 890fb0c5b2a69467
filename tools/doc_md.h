/* SPDX-License-Identifier: MIT */
/*
 * SYSCALLS.md, generated from the policy table (core/policy/syscalls.def) and
 * the argument rules (core/policy/argrules.def). Deterministic: the same table
 * always gives the same bytes.
 */
#ifndef CJS_DOC_MD_H
#define CJS_DOC_MD_H

#include <stdio.h>

#include "policy.h"

/* Write SYSCALLS.md for policy P. 0, or -EIO when OUT failed. */
int cjs_doc_write(FILE *out, const struct cj_policy *p);

#endif
