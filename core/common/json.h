/* SPDX-License-Identifier: MIT */
/*
 * A tiny JSON writer into a caller's buffer (the status fd's object), and
 * the escaping of program-controlled text for a one-line report. Pure: no
 * I/O, no allocation.
 */
#ifndef CAPEJAIL_JSON_H
#define CAPEJAIL_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct cj_json {
	char *buf;
	size_t cap, len;
	bool overflow; /* BUF was too small: the text is cut, not valid */
	bool comma;    /* the next member needs a comma before it */
};

void cj_json_init(struct cj_json *j, char *buf, size_t cap);
/* "{" / "}" ; KEY NULL: an array element or the top level. */
void cj_json_begin(struct cj_json *j, const char *key);
void cj_json_end(struct cj_json *j);
void cj_json_begin_array(struct cj_json *j, const char *key);
void cj_json_end_array(struct cj_json *j);
void cj_json_str(struct cj_json *j, const char *key, const char *s);
void cj_json_int(struct cj_json *j, const char *key, int64_t v);
void cj_json_uint(struct cj_json *j, const char *key, uint64_t v);
void cj_json_bool(struct cj_json *j, const char *key, bool v);
void cj_json_null(struct cj_json *j, const char *key);
/* 0, or -1 when the buffer was too small. */
int cj_json_finish(const struct cj_json *j);

/*
 * S as a JSON string body into OUT (without the quotes): '"' and '\\'
 * escaped, control bytes and every byte >= 0x7f as \u00XX, so the result
 * is ASCII and always valid JSON (read such a string as Latin-1 to get the
 * raw bytes back). Cut at a whole escape when OUT is too small.
 */
void cj_json_escape(const char *s, char *out, size_t len);

/*
 * S for a line of text a terminal or log shows: printable ASCII kept,
 * '\\' doubled, every other byte (controls, ESC, DEL, >= 0x80) as \xHH.
 * Cut at a whole escape when OUT is too small.
 */
void cj_text_escape(const char *s, char *out, size_t len);

#endif
