/* SPDX-License-Identifier: MIT */
/*
 * --bind SRC[:DEST], --ro-bind SRC[:DEST], --tmpfs DEST[:SIZE]: the
 * option's text into a struct cj_mount_spec. Pure: no I/O.
 *
 * A path may itself hold ':', so the split is at the last ':' followed by
 * what the second part must be: '/' for a bind's DEST, a size for a tmpfs.
 */
#include <string.h>

#include "capejail.h"

static const char *const kind_name[] = {
	[CJ_MNT_BIND] = "--bind",
	[CJ_MNT_RO_BIND] = "--ro-bind",
	[CJ_MNT_TMPFS] = "--tmpfs",
};

static int bad(char *err, size_t len, const char *fmt, const char *opt,
	       const char *arg) CJ_PRINTF(3, 0);

static int bad(char *err, size_t len, const char *fmt, const char *opt,
	       const char *arg)
{
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	snprintf(err, len, fmt, opt, arg);
#pragma GCC diagnostic pop
	return CJ_EX_USAGE;
}

/* The last ':' in ARG whose tail satisfies OK, or NULL. */
static const char *split_at(const char *arg, bool (*ok)(const char *tail))
{
	for (const char *p = strrchr(arg, ':'); p; p--) {
		if (*p == ':' && ok(p + 1))
			return p;
		if (p == arg)
			break;
	}
	return NULL;
}

static bool is_abs(const char *tail)
{
	return tail[0] == '/';
}

static bool is_size(const char *tail)
{
	int64_t v;

	return cj_parse_size(tail, &v) == 0;
}

/* ".." as a whole component (inside the jail it would climb to /). */
static bool has_dotdot(const char *p, size_t n)
{
	size_t i = 0;

	while (i < n) {
		size_t start = i;

		while (i < n && p[i] != '/')
			i++;
		if (i - start == 2 && p[start] == '.' && p[start + 1] == '.')
			return true;
		i++;
	}
	return false;
}

/* DEST: absolute, not "/", no "..". */
static int check_dest(const char *d, size_t n, const char *opt, const char *arg,
		      char *err, size_t len)
{
	size_t slashes = strspn(d, "/");

	if (n == 0 || d[0] != '/')
		return bad(err, len,
			   "%s '%s': the destination must be an absolute "
			   "path inside the jail",
			   opt, arg);
	if (slashes >= n)
		return bad(err, len,
			   "%s '%s': cannot mount over the jail's / (use -r "
			   "for the root, or a directory below it)",
			   opt, arg);
	if (has_dotdot(d, n))
		return bad(err, len,
			   "%s '%s': the destination may not contain '..'", opt,
			   arg);
	return 0;
}

int cj_mount_spec_parse(enum cj_mount_kind kind, const char *arg,
			struct cj_mount_spec *m, char *err, size_t errlen)
{
	const char *opt = kind_name[kind];
	const char *colon;

	memset(m, 0, sizeof(*m));
	m->kind = kind;
	m->size = CJ_LIMIT_DEFAULT;
	if (!*arg)
		return bad(err, errlen, "%s: empty argument%s", opt, "");
	if (kind == CJ_MNT_TMPFS) {
		colon = split_at(arg, is_size);
		m->dest = arg;
		m->dest_len = colon ? (size_t)(colon - arg) : strlen(arg);
		if (colon) {
			cj_parse_size(colon + 1, &m->size);
			if (m->size == CJ_LIMIT_NONE || m->size < 1)
				return bad(err, errlen,
					   "%s '%s': the size must be at "
					   "least 1 byte (a tmpfs is always "
					   "bounded)",
					   opt, arg);
		}
		return check_dest(m->dest, m->dest_len, opt, arg, err, errlen);
	}
	colon = split_at(arg, is_abs);
	m->src = arg;
	m->src_len = colon ? (size_t)(colon - arg) : strlen(arg);
	if (m->src_len == 0)
		return bad(err, errlen, "%s '%s': empty source path", opt, arg);
	if (!colon)
		return 0;
	m->dest = colon + 1;
	m->dest_len = strlen(m->dest);
	return check_dest(m->dest, m->dest_len, opt, arg, err, errlen);
}
