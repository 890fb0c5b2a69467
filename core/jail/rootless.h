/* SPDX-License-Identifier: MIT */
/*
 * Rootless mode: capejail run by an ordinary user (no setuid bit, no file
 * capabilities, no sudo). Before anything else is built, capejail enters a
 * user namespace of its own (the "outer" one: the caller's uid and gid are
 * its uid and gid 0, nothing else is mapped) with a mount namespace of its
 * own; there it holds the capabilities the root jail is built with, over
 * namespaces it owns, and builds the same jail: the jail's own user
 * namespace (userns.c) nests inside the outer one. docs/rootless.md says
 * what differs from the root jail.
 */
#ifndef CAPEJAIL_ROOTLESS_H
#define CAPEJAIL_ROOTLESS_H

#include <stdbool.h>
#include <sys/types.h>

#include "err.h"

/* The host settings that decide whether an ordinary user gets a userns. */
struct cj_userns_knobs {
	long max_user_namespaces; /* user.max_user_namespaces; -1: unreadable */
	long unprivileged_clone;  /* kernel.unprivileged_userns_clone; -1 absent
				   */
	long apparmor_restrict; /* kernel.apparmor_restrict_unprivileged_userns;
				 * -1: absent */
};

/* Read them from /proc/sys. */
void cj_userns_knobs_read(struct cj_userns_knobs *k);

/*
 * Why the kernel refused the outer user namespace: WHAT failed (e.g.
 * "unshare(CLONE_NEWUSER)") with ERR, explained from K into E (which
 * setting refused it and what to do). Pure. Returns CJ_EX_NOPERM.
 */
int cj_userns_refusal(const char *what, int err,
		      const struct cj_userns_knobs *k, struct cj_err *e);

/*
 * Enter the outer user namespace and a mount namespace of its own, uid
 * UID and gid GID (the caller's) mapped to 0. 0, or CJ_EX_NOPERM (or
 * CJ_EX_OSERR) with E set.
 */
int cj_rootless_enter(uid_t uid, gid_t gid, struct cj_err *e);

#endif
