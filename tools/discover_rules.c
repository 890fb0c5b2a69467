/* SPDX-License-Identifier: MIT */
#include "discover_rules.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "argcheck.h"

unsigned drl_compared_args(const struct cj_policy *p, int row)
{
	unsigned bits = 0;

	for (size_t i = 0; i < p->nconds; i++)
		if (p->conds[i].row == row)
			for (unsigned k = 0; k < p->conds[i].ncmp; k++)
				bits |= 1u << p->conds[i].cmp[k].arg;
	return bits;
}

/* "allow NAME if argA == V and argB == W" from V's compared arguments. */
static int rule_line(const char *name, unsigned bits, const uint64_t *v,
		     size_t nv, char *buf, size_t len)
{
	size_t pos;
	int n = snprintf(buf, len, "allow %s", name);
	bool first = true;

	if (n < 0 || (size_t)n >= len)
		return -1;
	pos = (size_t)n;
	for (unsigned a = 0; a < 6; a++) {
		if (!(bits & (1u << a)))
			continue;
		if (a >= nv)
			return -1; /* strace did not print it */
		n = snprintf(
		    buf + pos, len - pos,
		    v[a] < 256 ? "%s arg%u == %llu" : "%s arg%u == 0x%llx",
		    first ? " if" : " and", a, (unsigned long long)v[a]);
		if (n < 0 || (size_t)n >= len - pos)
			return -1;
		pos += (size_t)n;
		first = false;
	}
	return first ? -1 : 0;
}

size_t drl_build(const struct cj_policy *p, const struct dd_entry *e,
		 char (*lines)[256], size_t max)
{
	unsigned bits;
	size_t n = 0;

	if (e->row < 0)
		return 0;
	bits = drl_compared_args(p, e->row);
	for (size_t i = 0; i < e->nfails && n < max; i++) {
		uint64_t v[6] = { 0 };
		size_t nv =
		    ac_call_args(e->name, e->fails[i], strlen(e->fails[i]), v);
		char line[256];
		bool seen = false;

		if (rule_line(e->name, bits, v, nv, line, sizeof(line)))
			continue;
		for (size_t k = 0; k < n && !seen; k++)
			seen = strcmp(lines[k], line) == 0;
		if (!seen)
			snprintf(lines[n++], sizeof(lines[0]), "%s", line);
	}
	return n;
}
