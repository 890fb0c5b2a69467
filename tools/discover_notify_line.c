/* SPDX-License-Identifier: MIT */
/*
 * The notify engine's lines (discover_notify.h): parsed, and turned into
 * the text trace_usage and the argument checks read from strace. Pure.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "discover_notify.h"
#include "discover_rules.h"
#include "filter.h"

int dn_parse_line(const char *line, struct dn_call *c)
{
	unsigned long long v[10];
	char *end;
	const char *p = line;
	int n = 0;

	memset(c, 0, sizeof(*c));
	while (n < 10) {
		while (*p == ' ')
			p++;
		if (!*p || *p == '\n')
			break;
		errno = 0;
		v[n] = strtoull(p, &end, n == 0 || n == 1 ? 10 : 16);
		if (end == p || errno || (*end && *end != ' ' && *end != '\n'))
			return -1;
		n++;
		p = end;
	}
	while (*p == ' ')
		p++;
	if ((n != 9 && n != 10) || (*p && *p != '\n') || v[0] > INT32_MAX ||
	    v[1] > INT32_MAX || v[2] > UINT32_MAX)
		return -1;
	c->pid = (int)v[0];
	c->nr = (int)v[1];
	c->arch = (uint32_t)v[2];
	for (int i = 0; i < 6; i++)
		c->args[i] = v[3 + i];
	c->has_flags = n == 10;
	c->flags = n == 10 ? v[9] : 0;
	return 0;
}

int dn_event(const struct cj_policy *policy, const struct dn_call *c,
	     char *name, size_t name_len, char *args, size_t args_len)
{
	int row;
	unsigned bits;
	size_t pos = 0;

	if (c->nr < 0)
		return -1;
	cj_sysname(c->nr, name, name_len);
	args[0] = '\0';
	if (strcmp(name, "clone3") == 0) {
		/* held against clone's rules, as strace's decoded struct is */
		if (c->has_flags)
			snprintf(args, args_len, "{flags=0x%" PRIx64 "}",
				 c->flags);
		return 0;
	}
	row = cj_table_index(name);
	bits = row < 0 ? 0 : drl_compared_args(policy, row);
	for (unsigned a = 0; a < 6 && bits >> a; a++) {
		/* as strace's -e raw= prints them */
		int w = snprintf(args + pos, args_len - pos,
				 c->args[a] ? "%s0x%" PRIx64 : "%s%" PRIu64,
				 a ? ", " : "", c->args[a]);

		if (w < 0 || (size_t)w >= args_len - pos) {
			args[0] = '\0'; /* too small: no arguments rather than
					   some */
			return 0;
		}
		pos += (size_t)w;
	}
	return 0;
}
