/* SPDX-License-Identifier: MIT */
/*
 * The pure part of the jail's host id allocation (idrange.h): where the
 * search starts and the walk over the range. No system calls: the caller's
 * TRY function does the locking.
 */
#include <errno.h>
#include <stdio.h>

#include "idrange.h"

uint32_t cj_id_start(pid_t pid, uint32_t count)
{
	if (count == 0)
		return 0;
	/* pids are positive; a bad one still lands in the range */
	return (uint32_t)pid % count;
}

int cj_id_walk(uint32_t base, uint32_t count, uint32_t start,
	       cj_id_try_fn *try_id, void *ctx, uint32_t *out)
{
	if (count == 0 || start >= count)
		return -EINVAL;
	/* (uid_t)-1 is "no id" to the kernel: never hand it out */
	if ((uint64_t)base + count - 1 > UINT32_MAX - 1)
		return -ERANGE;
	for (uint32_t i = 0; i < count; i++) {
		uint32_t id = base + (start + i) % count;
		int rc = try_id(id, ctx);

		if (rc == 0) {
			*out = id;
			return 0;
		}
		if (rc != -EBUSY)
			return rc;
	}
	return -EBUSY;
}

int cj_id_lock_name(uint32_t id, char *buf, size_t len)
{
	int n = snprintf(buf, len, "%u.lock", (unsigned)id);

	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : 0;
}
