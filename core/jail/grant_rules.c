/* SPDX-License-Identifier: MIT */
/*
 * --grant-read and --grant-write (capejail.h): the paths as given, which
 * grant a path a program opens falls under, and which open flags a grant
 * allows. Pure: no syscalls.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>

#include "capejail.h"

static int bad(char *err, size_t len, const char *opt, const char *arg,
	       const char *why)
{
	snprintf(err, len, "%s '%s': %s", opt, arg, why);
	return CJ_EX_USAGE;
}

int cj_grant_parse(const char *arg, bool write, struct cj_grant *g, char *err,
		   size_t errlen)
{
	const char *opt = write ? "--grant-write" : "--grant-read";
	size_t len = strlen(arg);

	if (arg[0] != '/')
		return bad(err, errlen, opt, arg,
			   "expected an absolute path, the path the program "
			   "will open it by");
	if (len == 1)
		return bad(err, errlen, opt, arg,
			   "the whole host file system cannot be granted");
	if (len >= sizeof(g->path))
		return bad(err, errlen, opt, arg, "path too long");
	if (arg[len - 1] == '/' || strstr(arg, "//") || strstr(arg, "/./") ||
	    strstr(arg, "/../") || strcmp(arg + len - 2, "/.") == 0 ||
	    (len >= 3 && strcmp(arg + len - 3, "/..") == 0))
		return bad(err, errlen, opt, arg,
			   "expected a canonical path (no '//', '.', '..' "
			   "or trailing '/'), e.g. from realpath");
	g->write = write;
	memcpy(g->path, arg, len + 1);
	return 0;
}

/* PATH with "//" and "/./" collapsed (and a trailing "/." dropped). */
static int collapse(const char *path, char *out, size_t len)
{
	size_t o = 0;

	for (const char *p = path; *p;) {
		if (p[0] == '/' && (p[1] == '/' || p[1] == '\0') && o) {
			p++; /* "//" and a trailing "/" */
			continue;
		}
		if (p[0] == '/' && p[1] == '.' && (p[2] == '/' || !p[2])) {
			p += 2; /* "/./" and a trailing "/." */
			continue;
		}
		if (o + 1 >= len)
			return -ENAMETOOLONG;
		out[o++] = *p++;
	}
	if (o > 1 && out[o - 1] == '/')
		o--;
	out[o] = '\0';
	return 0;
}

int cj_grant_match(const struct cj_grant *g, size_t n, const char *path,
		   char *rest, size_t restlen)
{
	char norm[4096];
	int best = -1;
	size_t best_len = 0;

	if (path[0] != '/')
		return -1;
	if (collapse(path, norm, sizeof(norm)))
		return -ENAMETOOLONG;
	for (size_t i = 0; i < n; i++) {
		size_t l = strlen(g[i].path);

		if (strncmp(norm, g[i].path, l) == 0 &&
		    (norm[l] == '\0' || norm[l] == '/') && l > best_len) {
			best = (int)i;
			best_len = l;
		}
	}
	if (best < 0)
		return -1;
	{
		const char *r = norm + best_len + (norm[best_len] == '/');
		size_t rl = strlen(r);

		if (rl >= restlen)
			return -ENAMETOOLONG;
		memcpy(rest, r, rl + 1);
	}
	return best;
}

int cj_grant_flags_verdict(bool write, uint64_t flags)
{
	if ((flags & O_PATH) || (flags & __O_TMPFILE) || (flags & O_DIRECTORY))
		return -ENOENT;
	if (write)
		return 0;
	if ((flags & O_ACCMODE) != O_RDONLY ||
	    (flags & (O_CREAT | O_TRUNC | O_APPEND)))
		return -EACCES;
	return 0;
}
