/* SPDX-License-Identifier: MIT */
/*
 * A mount's destination inside the jail, in the jail's mount namespace:
 * resolved beneath the jail's root (openat2 RESOLVE_IN_ROOT, so a symlink
 * in ROOT only ever leads to another place in the jail), and, when it does
 * not exist, made only where the directory holding it is capejail's own:
 * its layer, a tmpfs, the overlay. Never in ROOT, never through a bind.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include "mountapi.h"

/* May capejail create an entry in DIR: its own layer, a tmpfs, the overlay? */
static bool ours(const struct cj_mnt *mt, int dir)
{
	struct statfs sf;
	struct stat st, root;

	if (fstatfs(dir, &sf) || fstat(dir, &st) || fstat(mt->root, &root))
		return false;
	if (sf.f_type != TMPFS_MAGIC && sf.f_type != OVERLAYFS_SUPER_MAGIC)
		return false;
	/* --writable-root: the root's own file system is ROOT's. */
	return mt->plan->root_mode != CJ_ROOT_WRITABLE ||
	       st.st_dev != root.st_dev;
}

/*
 * PATH inside the jail: opened when it exists, else made (a directory, or
 * an empty file when DIR is false) where capejail's own file systems hold
 * it. O_PATH fd, or -errno with DETAIL naming the first missing part.
 */
int cj_dest_open(struct cj_mnt *mt, const char *path, bool dir)
{
	char prefix[4096];
	size_t n = strlen(path), i = 0;
	int fd = -ENOENT;

	if (n >= sizeof(prefix))
		return -ENAMETOOLONG;
	while (i < n) {
		bool last;
		int parent, made;

		while (i < n && path[i] == '/')
			i++;
		while (i < n && path[i] != '/')
			i++;
		last = strspn(path + i, "/") == n - i;
		snprintf(prefix, sizeof(prefix), "%.*s", (int)i, path);
		if (fd >= 0)
			close(fd);
		fd = cj_open_in(mt->root, prefix, 0);
		if (fd != -ENOENT)
			continue;
		/* The parent exists (the previous round opened it). */
		snprintf(prefix, sizeof(prefix), "%.*s", (int)i, path);
		*strrchr(prefix, '/') = '\0';
		parent = cj_open_in(mt->root, prefix[0] ? prefix : "/", 0);
		if (parent < 0)
			return parent;
		if (!ours(mt, parent)) {
			close(parent);
			snprintf(prefix, sizeof(prefix), "%.*s", (int)i, path);
			snprintf(mt->detail, mt->len,
				 "%s is missing, and its directory is ROOT's "
				 "own: create it in ROOT, or use a place under "
				 "/tmp or a --tmpfs",
				 prefix);
			return -EROFS;
		}
		snprintf(prefix, sizeof(prefix), "%.*s", (int)i, path);
		if (last && !dir)
			made = openat(parent, strrchr(prefix, '/') + 1,
				      O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW |
					  O_CLOEXEC,
				      0644);
		else
			made = mkdirat(parent, strrchr(prefix, '/') + 1, 0755);
		if (made < 0) {
			fd = -errno;
			close(parent);
			snprintf(mt->detail, mt->len,
				 fd == -EEXIST ? "%s is a symlink to a missing "
						 "path (resolved inside the "
						 "root)"
					       : "%s",
				 prefix);
			return fd;
		}
		if (last && !dir)
			close(made);
		close(parent);
		fd = cj_open_in(mt->root, prefix, 0);
		if (fd < 0)
			return fd;
	}
	return fd;
}
