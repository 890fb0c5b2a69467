/* SPDX-License-Identifier: MIT */
#include <stdio.h>

#include "sysctl.h"

int64_t cj_sysctl_read(const char *path)
{
	FILE *f = fopen(path, "re");
	long long v = -1;

	if (!f)
		return -1;
	if (fscanf(f, "%lld", &v) != 1)
		v = -1;
	fclose(f);
	return v;
}
