/* SPDX-License-Identifier: MIT */
/*
 * The fingerprint of the files the default policy is written in, recorded
 * by the generator in build/gen/default_filter.c and recomputed by
 * tests/unit/test_filter.c: when they differ, the precompiled filter was
 * made from other sources than the ones in the tree, and is stale.
 * FNV-1a (64 bits) over each file's length and bytes, in order.
 */
#ifndef CAPEJAIL_FINGERPRINT_H
#define CAPEJAIL_FINGERPRINT_H

#include <errno.h>
#include <stdint.h>
#include <stdio.h>

static inline uint64_t cj_fnv1a(uint64_t h, const void *data, size_t len)
{
	const unsigned char *s = data;

	for (size_t i = 0; i < len; i++)
		h = (h ^ s[i]) * 0x100000001b3ull;
	return h;
}

/* Hash PATH's length and bytes into *H. 0 or -errno. */
static inline int cj_fingerprint_file(const char *path, uint64_t *h)
{
	unsigned char buf[8192];
	uint64_t total = 0, body = 0xcbf29ce484222325ull;
	FILE *f = fopen(path, "rb");
	size_t n;
	int rc = 0;

	if (!f)
		return -errno;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0) {
		body = cj_fnv1a(body, buf, n);
		total += n;
	}
	if (ferror(f))
		rc = -EIO;
	fclose(f);
	*h = cj_fnv1a(cj_fnv1a(*h, &total, sizeof(total)), &body, sizeof(body));
	return rc;
}

/*
 * "fnv1a64:0123456789abcdef" for the NULL-terminated FILES, into OUT.
 * 0, or -errno when a file cannot be read.
 */
static inline int cj_fingerprint_files(const char *const *files, char *out,
				       size_t len)
{
	uint64_t h = 0xcbf29ce484222325ull;

	for (size_t i = 0; files[i]; i++) {
		int rc = cj_fingerprint_file(files[i], &h);

		if (rc)
			return rc;
	}
	snprintf(out, len, "fnv1a64:%016llx", (unsigned long long)h);
	return 0;
}

#endif
