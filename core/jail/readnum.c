/* SPDX-License-Identifier: MIT */
#include <stdio.h>

#include "readnum.h"

int64_t cj_read_number(const char *path)
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
