/* SPDX-License-Identifier: MIT */
/*
 * /etc/subuid and /etc/subgid (subuid(5)): "owner:start:count" lines, the
 * owner a user name or a uid. Pure: the first range of the caller's.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "rootless.h"

/* A decimal number below 2^32 taking all of S. */
static int parse_u32(const char *s, uint32_t *out)
{
	char *end = NULL;
	unsigned long long v;

	if (!*s || strspn(s, "0123456789") != strlen(s))
		return -EINVAL;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *end || v > UINT32_MAX)
		return -EINVAL;
	*out = (uint32_t)v;
	return 0;
}

/* Is OWNER the user NAME or its number ID? */
static bool is_owner(const char *owner, const char *name, uint32_t id)
{
	uint32_t n;

	if (name && strcmp(owner, name) == 0)
		return true;
	return parse_u32(owner, &n) == 0 && n == id;
}

int cj_subid_lookup(FILE *f, const char *name, uint32_t id,
		    struct cj_subid_range *r)
{
	char line[512];

	while (f && fgets(line, sizeof(line), f)) {
		char *save = NULL, *owner, *start, *count, *rest;

		line[strcspn(line, "\n")] = '\0';
		owner = strtok_r(line, ":", &save);
		if (!owner || owner[0] == '#' || !is_owner(owner, name, id))
			continue;
		start = strtok_r(NULL, ":", &save);
		count = strtok_r(NULL, ":", &save);
		rest = strtok_r(NULL, ":", &save);
		if (!start || !count || rest || parse_u32(start, &r->start) ||
		    parse_u32(count, &r->count) ||
		    (uint64_t)r->start + r->count > UINT32_MAX)
			return -EINVAL;
		if (r->count > 0)
			return 0;
	}
	return -ENOENT;
}
