/* SPDX-License-Identifier: MIT */
#include "textfmt.h"

#include <string.h>

#include "profile.h"

void cjs_wrap_hanging(FILE *out, const char *text, const char *first,
		      const char *rest, int width)
{
	const char *p = text, *prefix = first;

	while (*p) {
		int room = width - (int)strlen(prefix);
		size_t n, cut;

		if (room < 20)
			room = 20;
		while (*p == ' ')
			p++;
		n = strlen(p);
		if (!n)
			break;
		if (n <= (size_t)room) {
			cut = n;
		} else {
			/* Break at the last space that fits; else at the next.
			 */
			cut = (size_t)room;
			while (cut > 0 && p[cut] != ' ')
				cut--;
			if (cut == 0) {
				const char *sp = strchr(p, ' ');

				cut = sp ? (size_t)(sp - p) : n;
			}
		}
		fprintf(out, "%s%.*s\n", prefix, (int)cut, p);
		p += cut;
		prefix = rest;
	}
}

void cjs_wrap_prefixed(FILE *out, const char *text, const char *prefix,
		       int width)
{
	cjs_wrap_hanging(out, text, prefix, prefix, width);
}

void cjs_wrap(FILE *out, const char *text, int indent, int width)
{
	char prefix[64];

	if (indent < 0 || indent >= (int)sizeof(prefix))
		indent = 0;
	memset(prefix, ' ', (size_t)indent);
	prefix[indent] = '\0';
	cjs_wrap_prefixed(out, text, prefix, width);
}

size_t cjs_first_sentence(const char *text)
{
	const char *p = text;

	while ((p = strchr(p, '.')) != NULL) {
		/* "e.g." and "5.5" do not end a sentence. */
		if ((p[1] == ' ' || p[1] == '\0') &&
		    !(p - text >= 3 && strncmp(p - 3, "e.g", 3) == 0) &&
		    !(p - text >= 3 && strncmp(p - 3, "i.e", 3) == 0))
			return (size_t)(p - text) + 1;
		p++;
	}
	return strlen(text);
}

const char *cjs_calls(unsigned long n, char *buf, size_t len)
{
	snprintf(buf, len, "%lu call%s", n, n == 1 ? "" : "s");
	return buf;
}

void cjs_shell_word(FILE *out, const char *word)
{
	static const char safe[] = "abcdefghijklmnopqrstuvwxyz"
				   "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
				   "0123456789_-+=/.,:@%";

	if (*word && word[strspn(word, safe)] == '\0') {
		fputs(word, out);
		return;
	}
	fputc('\'', out);
	for (; *word; word++) {
		if (*word == '\'')
			fputs("'\\''", out);
		else
			fputc(*word, out);
	}
	fputc('\'', out);
}

const char *cjs_verdict_text(struct cj_verdict v, bool conds, char *buf,
			     size_t len)
{
	char ebuf[32];

	if (conds)
		return "allowed with argument rules";
	switch (v.action) {
	case CJ_ACT_ALLOW:
		return "allowed";
	case CJ_ACT_KILL:
		return "killed";
	case CJ_ACT_ERRNO:
		snprintf(buf, len, "fails with %s",
			 cj_errno_name(v.err, ebuf, sizeof(ebuf)));
		return buf;
	}
	return "?";
}
