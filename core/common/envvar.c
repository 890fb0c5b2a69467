/* SPDX-License-Identifier: MIT */
#include "envvar.h"

#include <string.h>

bool cj_env_entry_valid(const char *s)
{
	const char *eq = strchr(s, '=');

	if (!eq || eq == s)
		return false;
	for (const char *p = s; p < eq; p++)
		if (!(*p == '_' || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= 'a' && *p <= 'z') ||
		      (p > s && *p >= '0' && *p <= '9')))
			return false;
	return true;
}
