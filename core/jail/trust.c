/* SPDX-License-Identifier: MIT */
/*
 * Whether a directory on the way to ROOT can be trusted: pure rules on
 * stat results, so they can be tested without a file system.
 *
 * ROOT itself and every ancestor must be owned by root (or, rootless, by
 * the caller, who could change the jail's files anyway) and not writable
 * by group or others: whoever can write one of them can swap or change
 * what the jail runs. One exception: a sticky directory writable by
 * everyone (such as /tmp, mode 1777) is accepted as an ancestor when the
 * next directory on the way has a trusted owner, because the sticky bit
 * keeps others from renaming or removing an entry they do not own. ROOT
 * itself is never accepted sticky and world-writable: anyone could add
 * entries to the jail's /.
 */
#include <stdio.h>
#include <sys/stat.h>

#include "jail.h"

bool cj_dir_trusted(const struct stat *st, const struct stat *next,
		    uid_t caller, char *why, size_t len)
{
	mode_t m = st->st_mode & 07777;

	if (st->st_uid != 0 && st->st_uid != caller) {
		if (caller)
			snprintf(why, len,
				 "owned by uid %u, neither root nor "
				 "you (uid %u)",
				 (unsigned)st->st_uid, (unsigned)caller);
		else
			snprintf(why, len, "owned by uid %u, not root",
				 (unsigned)st->st_uid);
		return false;
	}
	if (!(m & (S_IWGRP | S_IWOTH)))
		return true;
	if (next && (m & S_ISVTX) &&
	    (next->st_uid == 0 || next->st_uid == caller))
		return true;
	snprintf(why, len, "writable by %s (mode %04o)",
		 m & S_IWOTH ? "others" : "its group", (unsigned)m);
	return false;
}

/*
 * May UID/GID search (x) a directory with ST? The jail's user has no
 * supplementary groups and no capabilities, so uid 0 is no exception.
 */
bool cj_dir_enterable(const struct stat *st, uid_t uid, gid_t gid)
{
	if (st->st_uid == uid)
		return st->st_mode & S_IXUSR;
	if (st->st_gid == gid)
		return st->st_mode & S_IXGRP;
	return st->st_mode & S_IXOTH;
}
