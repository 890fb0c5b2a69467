/* SPDX-License-Identifier: MIT */
#include "json.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

void cj_json_init(struct cj_json *j, char *buf, size_t cap)
{
	j->buf = buf;
	j->cap = cap;
	j->len = 0;
	j->overflow = cap == 0;
	j->comma = false;
	if (cap)
		buf[0] = '\0';
}

static void put(struct cj_json *j, const char *s)
{
	size_t n = strlen(s);

	if (j->overflow)
		return;
	if (j->len + n + 1 > j->cap) {
		j->overflow = true;
		return;
	}
	memcpy(j->buf + j->len, s, n + 1);
	j->len += n;
}

/* Append one escaped unit to OUT if it fits whole; false when full. */
static bool append(char *out, size_t len, size_t *at, const char *unit)
{
	size_t n = strlen(unit);

	if (*at + n + 1 > len)
		return false;
	memcpy(out + *at, unit, n + 1);
	*at += n;
	return true;
}

void cj_json_escape(const char *s, char *out, size_t len)
{
	size_t at = 0;

	if (!len)
		return;
	out[0] = '\0';
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		char unit[8];

		if (*p == '"' || *p == '\\')
			snprintf(unit, sizeof(unit), "\\%c", *p);
		else if (*p < 0x20 || *p >= 0x7f)
			snprintf(unit, sizeof(unit), "\\u%04x", *p);
		else
			snprintf(unit, sizeof(unit), "%c", *p);
		if (!append(out, len, &at, unit))
			return;
	}
}

void cj_text_escape(const char *s, char *out, size_t len)
{
	size_t at = 0;

	if (!len)
		return;
	out[0] = '\0';
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		char unit[8];

		if (*p == '\\')
			snprintf(unit, sizeof(unit), "\\\\");
		else if (*p < 0x20 || *p >= 0x7f)
			snprintf(unit, sizeof(unit), "\\x%02x", *p);
		else
			snprintf(unit, sizeof(unit), "%c", *p);
		if (!append(out, len, &at, unit))
			return;
	}
}

static void key(struct cj_json *j, const char *k)
{
	if (j->comma)
		put(j, ",");
	j->comma = true;
	if (k) {
		char esc[256];

		cj_json_escape(k, esc, sizeof(esc));
		put(j, "\"");
		put(j, esc);
		put(j, "\":");
	}
}

void cj_json_begin(struct cj_json *j, const char *k)
{
	key(j, k);
	put(j, "{");
	j->comma = false;
}

void cj_json_end(struct cj_json *j)
{
	put(j, "}");
	j->comma = true;
}

void cj_json_begin_array(struct cj_json *j, const char *k)
{
	key(j, k);
	put(j, "[");
	j->comma = false;
}

void cj_json_end_array(struct cj_json *j)
{
	put(j, "]");
	j->comma = true;
}

void cj_json_str(struct cj_json *j, const char *k, const char *s)
{
	/* Every byte may become six: \u00XX. */
	char esc[6 * 512 + 1];

	key(j, k);
	cj_json_escape(s ? s : "", esc, sizeof(esc));
	put(j, "\"");
	put(j, esc);
	put(j, "\"");
}

void cj_json_int(struct cj_json *j, const char *k, int64_t v)
{
	char num[32];

	key(j, k);
	snprintf(num, sizeof(num), "%" PRId64, v);
	put(j, num);
}

void cj_json_uint(struct cj_json *j, const char *k, uint64_t v)
{
	char num[32];

	key(j, k);
	snprintf(num, sizeof(num), "%" PRIu64, v);
	put(j, num);
}

void cj_json_bool(struct cj_json *j, const char *k, bool v)
{
	key(j, k);
	put(j, v ? "true" : "false");
}

void cj_json_null(struct cj_json *j, const char *k)
{
	key(j, k);
	put(j, "null");
}

int cj_json_finish(const struct cj_json *j)
{
	return j->overflow ? -1 : 0;
}
