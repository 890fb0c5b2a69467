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
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "err.h"

/*
 * Must capejail run rootless? Yes unless it is root of the initial user
 * namespace (uid_map "0 0 4294967295"): root of another one (unshare -r,
 * a rootless container) has no host ids to give a jail either.
 */
bool cj_rootless_needed(void);

/* The host settings that decide whether an ordinary user gets a userns. */
struct cj_userns_knobs {
	int64_t
	    max_user_namespaces; /* user.max_user_namespaces; -1: unreadable */
	int64_t
	    unprivileged_clone; /* kernel.unprivileged_userns_clone; -1 absent
				 */
	int64_t
	    apparmor_restrict; /* kernel.apparmor_restrict_unprivileged_userns;
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

/* A range of /etc/subuid or /etc/subgid: COUNT ids from START. */
struct cj_subid_range {
	uint32_t start, count;
};

/*
 * The first range of the user NAME (or of its number ID) in F, a subuid or
 * subgid file ("owner:start:count" lines). Pure. 0; -ENOENT when the user
 * has none; -EINVAL for a malformed line of the user's.
 */
int cj_subid_lookup(FILE *f, const char *name, uint32_t id,
		    struct cj_subid_range *r);

/* How the outer namespace maps: the caller's ids as 0, and --subids. */
struct cj_rootless_ids {
	uid_t uid; /* the caller's */
	gid_t gid;
	/* --subids: mapped from 1 up (count 0: not asked for) */
	struct cj_subid_range su, sg;
};

/*
 * --subids: the caller's ranges (from /etc/subuid and /etc/subgid) into
 * IDS, and a subordinate uid and gid no other jail of the caller's holds:
 * *SLOT (1 up, the outer namespace's id for them), held while *LOCK (an
 * abstract unix socket named after the host uid) stays open. 0, or
 * CJ_EX_UNAVAILABLE (newuidmap or newgidmap missing), CJ_EX_NOPERM (no
 * range), CJ_EX_TEMPFAIL (every id taken) with E set.
 */
int cj_subid_acquire(struct cj_rootless_ids *ids, uint32_t *slot, int *lock,
		     struct cj_err *e);

/*
 * --subids: fork the helper that, once capejail has unshared, maps it with
 * newuidmap and newgidmap. The helper's pid, *GO (write a byte when
 * unshared) and *REPORT (its reason when it fails); or -errno.
 */
pid_t cj_subid_helper(const struct cj_rootless_ids *ids, int *go, int *report);
/*
 * Let the helper go (UNSHARED) or away, and reap it. 0, or CJ_EX_NOPERM
 * with E set when it could not map.
 */
int cj_subid_helper_wait(pid_t helper, int go, int report, bool unshared,
			 struct cj_err *e);

/*
 * Enter the outer user namespace and a mount namespace of its own: the
 * caller's uid and gid mapped to 0 (with --subids, their ranges from 1 up,
 * through newuidmap and newgidmap; setgroups then stays allowed). 0, or
 * CJ_EX_NOPERM (CJ_EX_OSERR) with E set.
 */
int cj_rootless_enter(const struct cj_rootless_ids *ids, struct cj_err *e);

#endif
