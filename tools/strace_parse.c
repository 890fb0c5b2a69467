/* SPDX-License-Identifier: MIT */
/*
 * strace's output, one line at a time (see strace_parse.h).
 */
#include "strace_parse.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static const char unfinished[] = "<unfinished ...>";

static const char *skip_spaces(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

static size_t ident_len(const char *s)
{
	size_t n = 0;

	while (isalnum((unsigned char)s[n]) || s[n] == '_')
		n++;
	return n;
}

static bool set_name(char *dst, const char *s, size_t n)
{
	if (n == 0 || n >= SP_NAME_MAX)
		return false;
	memcpy(dst, s, n);
	dst[n] = '\0';
	return true;
}

static bool parse_int(const char *s, const char **end, long *out)
{
	char *e;
	long v = strtol(s, &e, 10);

	if (e == s || v < 0 || v > INT32_MAX)
		return false;
	*out = v;
	*end = e;
	return true;
}

/* "[pid  1234] " (terminal) or "1234  " (-o FILE), else no prefix. */
static const char *parse_pid(const char *s, int *pid)
{
	const char *end;
	long v;

	*pid = 0;
	if (strncmp(s, "[pid", 4) == 0) {
		if (!parse_int(skip_spaces(s + 4), &end, &v) || *end != ']')
			return NULL;
		*pid = (int)v;
		return skip_spaces(end + 1);
	}
	if (isdigit((unsigned char)*s)) {
		if (!parse_int(s, &end, &v) || (*end != ' ' && *end != '\t'))
			return NULL;
		*pid = (int)v;
		return skip_spaces(end);
	}
	return s;
}

/* Is AT outside every double-quoted string that starts at or after P? */
static bool outside_string(const char *p, const char *at)
{
	bool in = false;

	for (; p < at; p++) {
		if (in && *p == '\\' && p + 1 < at)
			p++;
		else if (*p == '"')
			in = !in;
	}
	return !in;
}

/* The ')' that closes the call, given text that starts at depth 1. */
static const char *match_close(const char *p, const char *end)
{
	int depth = 1;
	bool in = false;

	for (; p < end; p++) {
		if (in) {
			if (*p == '\\' && p + 1 < end)
				p++;
			else if (*p == '"')
				in = false;
		} else if (*p == '"') {
			in = true;
		} else if (*p == '(') {
			depth++;
		} else if (*p == ')' && --depth == 0) {
			return p;
		}
	}
	return NULL;
}

/* Last ")   = " outside strings: for lines whose parentheses are odd. */
static const char *last_ret_paren(const char *p, const char *end)
{
	const char *found = NULL;
	bool in = false;

	for (; p < end; p++) {
		if (in) {
			if (*p == '\\' && p + 1 < end)
				p++;
			else if (*p == '"')
				in = false;
		} else if (*p == '"') {
			in = true;
		} else if (*p == ')') {
			const char *q = skip_spaces(p + 1);

			if (q > p + 1 && q[0] == '=' && q[1] == ' ')
				found = p;
		}
	}
	return found;
}

/* " = 0", " = -1 ENOENT (...)", " = ? ERESTARTSYS (...)", " = 0x7f..." */
static bool parse_ret(const char *s, struct sp_event *ev)
{
	char *e;
	size_t n;

	s = skip_spaces(s);
	if (*s != '=')
		return false;
	s = skip_spaces(s + 1);
	if (*s == '?') {
		ev->ret_known = false;
		s++;
	} else if (*s == '-' && isdigit((unsigned char)s[1])) {
		ev->ret = strtoll(s, &e, 10);
		ev->ret_known = true;
		s = e;
	} else if (isdigit((unsigned char)*s)) {
		ev->ret = (long long)strtoull(s, &e, 0);
		ev->ret_known = true;
		s = e;
	} else {
		return false;
	}
	s = skip_spaces(s);
	n = ident_len(s);
	if (s[0] == 'E' && n > 1 && n < SP_NAME_MAX)
		set_name(ev->err, s, n);
	if (strncmp(s, "/* ", 3) == 0 && isdigit((unsigned char)s[3])) {
		long long pid = strtoll(s + 3, &e, 10);

		if (strncmp(e, " in strace's PID NS */", 22) == 0)
			ev->ret_pidns = pid;
	}
	ev->has_ret = true;
	return true;
}

/* The return of a call whose argument text starts at P (depth 1). */
static void parse_tail(const char *p, const char *end, struct sp_event *ev)
{
	const char *close = match_close(p, end);

	if (close && parse_ret(close + 1, ev))
		return;
	close = last_ret_paren(p, end);
	if (close)
		parse_ret(close + 1, ev);
}

static int parse_exit_line(const char *s, struct sp_event *ev)
{
	const char *end;
	long v;

	if (strncmp(s, "exited with ", 12) == 0) {
		if (!parse_int(s + 12, &end, &v))
			return -1;
		ev->kind = SP_EXITED;
		ev->status = (int)v;
		return 0;
	}
	if (strncmp(s, "killed by ", 10) == 0) {
		s += 10;
		if (!set_name(ev->name, s, ident_len(s)))
			return -1;
		ev->kind = SP_KILLED;
		ev->core_dumped = strstr(s, "(core dumped)") != NULL;
		return 0;
	}
	if (strncmp(s, "superseded by execve in pid ", 28) == 0) {
		if (!parse_int(s + 28, &end, &v))
			return -1;
		ev->kind = SP_SUPERSEDED;
		ev->status = (int)v;
		return 0;
	}
	return -1;
}

static int parse_signal_line(const char *s, struct sp_event *ev)
{
	if (strncmp(s, "stopped by ", 11) == 0)
		s += 11;
	if (!set_name(ev->name, s, ident_len(s)))
		return -1;
	ev->kind = SP_SIGNAL;
	return 0;
}

static int parse_resumed(const char *s, const char *end, struct sp_event *ev)
{
	size_t n = ident_len(s);

	if (!set_name(ev->name, s, n) || strncmp(s + n, " resumed>", 9) != 0)
		return -1;
	ev->kind = SP_RESUMED;
	parse_tail(s + n + 9, end, ev);
	return 0;
}

static int parse_call(const char *s, const char *end, struct sp_event *ev)
{
	size_t n = ident_len(s), ulen = sizeof(unfinished) - 1;
	const char *args = s + n + 1, *close;

	if (isdigit((unsigned char)*s) || !set_name(ev->name, s, n) ||
	    s[n] != '(')
		return -1;
	ev->args = args;
	if ((size_t)(end - args) >= ulen &&
	    memcmp(end - ulen, unfinished, ulen) == 0 &&
	    outside_string(args, end - ulen)) {
		const char *a = end - ulen;

		while (a > args && a[-1] == ' ')
			a--;
		ev->kind = SP_UNFINISHED;
		ev->args_len = (size_t)(a - args);
		return 0;
	}
	ev->kind = SP_CALL;
	close = match_close(args, end);
	if (!close)
		close = last_ret_paren(args, end);
	ev->args_len = close ? (size_t)(close - args) : (size_t)(end - args);
	parse_tail(args, end, ev);
	return 0;
}

int sp_parse_line(const char *line, struct sp_event *ev)
{
	const char *s, *end;
	int rc = -1;

	memset(ev, 0, sizeof(*ev));
	s = parse_pid(line, &ev->pid);
	if (!s)
		return -1;
	end = s + strlen(s);
	while (end > s && (end[-1] == '\n' || end[-1] == '\r' ||
			   end[-1] == ' ' || end[-1] == '\t'))
		end--;
	if (strncmp(s, "+++ ", 4) == 0)
		rc = parse_exit_line(s + 4, ev);
	else if (strncmp(s, "--- ", 4) == 0)
		rc = parse_signal_line(s + 4, ev);
	else if (strncmp(s, "<... ", 5) == 0)
		rc = parse_resumed(s + 5, end, ev);
	else if (isalpha((unsigned char)*s) || *s == '_')
		rc = parse_call(s, end, ev);
	if (rc) {
		memset(ev, 0, sizeof(*ev));
		ev->kind = SP_IGNORED;
	}
	return rc;
}

size_t sp_raw_args(const char *args, size_t len, uint64_t *out, size_t max)
{
	const char *p = args, *end = args + len;
	size_t n = 0;

	while (p < end && n < max) {
		char buf[32], *e;
		const char *tok = p, *comma = memchr(p, ',', (size_t)(end - p));
		const char *tend = comma ? comma : end;
		size_t tl;

		while (tok < tend && *tok == ' ')
			tok++;
		while (tend > tok && tend[-1] == ' ')
			tend--;
		tl = (size_t)(tend - tok);
		if (tl == 0 || tl >= sizeof(buf))
			break;
		memcpy(buf, tok, tl);
		buf[tl] = '\0';
		if (!isdigit((unsigned char)buf[0]) && buf[0] != '-')
			break;
		out[n] = strtoull(buf, &e, 0);
		if (*e)
			break;
		n++;
		if (!comma)
			break;
		p = comma + 1;
	}
	return n;
}

int sp_unknown_nr(const char *name)
{
	char *e;
	unsigned long v;

	if (strncmp(name, "syscall_0x", 10) != 0 ||
	    !isxdigit((unsigned char)name[10]))
		return -1;
	v = strtoul(name + 10, &e, 16);
	return *e || v > INT32_MAX ? -1 : (int)v;
}
