/* SPDX-License-Identifier: MIT */
/*
 * Small text helpers for capejail-syscalls' output.
 */
#ifndef CJS_TEXTFMT_H
#define CJS_TEXTFMT_H

#include <stddef.h>
#include <stdbool.h>
#include <stdio.h>

#include "policy.h"

/* TEXT wrapped at WIDTH columns, each line indented by INDENT spaces. */
void cjs_wrap(FILE *out, const char *text, int indent, int width);
/* The first line after FIRST, the others after REST ("- ", "  "). */
void cjs_wrap_hanging(FILE *out, const char *text, const char *first,
		      const char *rest, int width);
/* The same with PREFIX ("# ") before every line. */
void cjs_wrap_prefixed(FILE *out, const char *text, const char *prefix,
		       int width);

/* Length of TEXT's first sentence, up to and including its full stop. */
size_t cjs_first_sentence(const char *text);

/* "1 call" / "12 calls" into BUF. */
const char *cjs_calls(unsigned long n, char *buf, size_t len);

/* WORD quoted for a POSIX shell when it needs quoting. */
void cjs_shell_word(FILE *out, const char *word);

/*
 * A verdict in words: "allowed", "allowed with argument rules", "killed",
 * "fails with ENOSYS" (into BUF when needed).
 */
const char *cjs_verdict_text(struct cj_verdict v, bool conds, char *buf,
			     size_t len);

#endif
