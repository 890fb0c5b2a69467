/* SPDX-License-Identifier: MIT */
/*
 * The ids the jail will run PROG with, as the launcher resolves its -u
 * (core/jail/user.c: a name or uid in ROOT's /etc/passwd, a bare uid with
 * its own gid, "nobody" by default, else 65534), so that discover judges
 * the uid and gid calls of a jail run the way the jail will.
 */
#ifndef CJS_DISCOVER_IDS_H
#define CJS_DISCOVER_IDS_H

#include <stdint.h>
#include <stdio.h>

/* USER (NULL: the default) looked up in F (may be NULL). 0 or -ENOENT. */
int dids_lookup(const char *user, FILE *f, uint32_t *uid, uint32_t *gid);

/* The same in ROOT's /etc/passwd (NULL: the host's root). */
int dids_resolve(const char *root, const char *user, uint32_t *uid,
		 uint32_t *gid);

#endif
