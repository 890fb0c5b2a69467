/* SPDX-License-Identifier: MIT */
/*
 * The jail's mount step, shared by mount.c (stage, /proc, /dev, the switch)
 * and layer.c (the root, the writable places, the binds). Every mount is
 * made detached with the new mount API and attached by descriptor; every
 * destination inside the jail is resolved beneath the jail's root.
 */
#ifndef CAPEJAIL_MOUNTAPI_H
#define CAPEJAIL_MOUNTAPI_H

#include "jail.h"

/* capejail's private staging tmpfs, over the host's /tmp in the jail's
 * mount namespace only; it goes away with the old root. */
#define CJ_STAGE       "/tmp"
#define CJ_STAGE_ROOT  CJ_STAGE "/root"
#define CJ_STAGE_LOWER CJ_STAGE "/lower"
#define CJ_STAGE_RW    CJ_STAGE "/rw"

struct cj_mnt {
	const struct cj_plan *plan;
	int root; /* the jail's root at CJ_STAGE_ROOT (O_PATH) */
	char *detail;
	size_t len;
	int *code; /* set for a failure that has its own exit status */
};

/* A new tmpfs, detached: mount fd or -errno. OPTS: "key=value,..." */
int cj_tmpfs_new(const char *opts, unsigned attrs);
/* The one way capejail makes a writable tmpfs (cj_writable_attrs). */
int cj_tmpfs_writable(const struct cj_plan *plan, int64_t size, unsigned mode,
		      uid_t uid, gid_t gid);
/* Attach detached mount MNT at DIRFD/PATH ("" for DIRFD itself). */
int cj_attach(int mnt, int dirfd, const char *path);
/* PATH inside the jail, resolved beneath ROOT: O_PATH fd or -errno. */
int cj_open_in(int root, const char *path, int flags);

/*
 * dest.c: PATH inside the jail, opened (O_PATH) when it exists, else made
 * (a directory, or an empty file when DIR is false) where capejail's own
 * file systems hold it. fd, or -errno with M->detail naming the part.
 */
int cj_dest_open(struct cj_mnt *m, const char *path, bool dir);

/* layer.c */
int cj_layer_root(struct cj_mnt *m);
int cj_layer_writable(struct cj_mnt *m);
int cj_layer_binds(struct cj_mnt *m);
int cj_layer_seal(struct cj_mnt *m);
/* The owner of the jail user's home tmpfs (the host ids, once mapped). */
void cj_home_owner(const struct cj_plan *plan, uid_t *uid, gid_t *gid);

#endif
