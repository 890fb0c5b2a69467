/* SPDX-License-Identifier: MIT */
/*
 * ROOT, in the supervisor before the jail starts: opened once, component
 * by component without following symlinks, each directory on the way
 * checked (trust.c); then the detached, read-only copies of what the jail
 * will see, made from that descriptor. Nothing after this looks ROOT up
 * by path again, so swapping the path has no effect on the jail.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/mount.h>
#include <linux/openat2.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "jail.h"
#include "selfpath.h"

unsigned cj_writable_attrs(const struct cj_plan *plan)
{
	/* --no-new-code: nothing written in the jail can be executed */
	return MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV |
	       (plan->no_new_code ? MOUNT_ATTR_NOEXEC : 0);
}

int cj_clone_tree(int dirfd, const char *path, bool recursive, unsigned attrs)
{
	struct mount_attr a = { .attr_set = attrs };
	unsigned flags = OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC |
			 AT_SYMLINK_NOFOLLOW | (*path ? 0 : AT_EMPTY_PATH) |
			 (recursive ? AT_RECURSIVE : 0);
	int t = (int)syscall(SYS_open_tree, dirfd, path, flags);

	if (t < 0)
		return -errno;
	if (syscall(SYS_mount_setattr, t, "", AT_EMPTY_PATH | AT_RECURSIVE, &a,
		    sizeof(a))) {
		int e = errno;

		close(t);
		return -e;
	}
	return t;
}

static int untrusted(const struct cj_plan *plan, const char *path,
		     const char *why, bool accept, const struct cj_msgs *msgs,
		     struct cj_err *e)
{
	if (accept) {
		cj_msgs_warn(msgs,
			     "--untrusted-root: '%s' is %s: whoever can write "
			     "it can change what the jail runs",
			     path, why);
		return 0;
	}
	cj_err_set(e, 0, "root directory: '%s' is %s", path, why);
	cj_err_hint(e,
		    "the root and every directory above it must be owned by "
		    "root%s and not writable by group or others (chown and "
		    "chmod go-w), or pass --untrusted-root",
		    plan->rootless ? " or you" : "");
	return CJ_EX_NOROOT;
}

/* Open the canonical PATH one component at a time, checking each. */
static int walk_root(struct cj_plan *plan, bool accept,
		     const struct cj_msgs *msgs, struct cj_err *e)
{
	char path[sizeof(plan->root)], shown[sizeof(plan->root)], why[96];
	struct stat st, next;
	char *save = NULL, *comp;
	int fd = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC), rc = 0;

	snprintf(path, sizeof(path), "%s", plan->root);
	snprintf(shown, sizeof(shown), "/");
	if (fd < 0 || fstat(fd, &st))
		goto oserr;
	for (comp = strtok_r(path, "/", &save); comp;
	     comp = strtok_r(NULL, "/", &save)) {
		int child = openat(
		    fd, comp, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

		if (child < 0 || fstat(child, &next)) {
			if (child >= 0)
				close(child);
			goto oserr;
		}
		if (!rc && !cj_dir_trusted(&st, &next, plan->caller_uid, why,
					   sizeof(why)))
			rc = untrusted(plan, shown, why, accept, msgs, e);
		close(fd);
		fd = child;
		st = next;
		snprintf(shown + strlen(shown), sizeof(shown) - strlen(shown),
			 "%s%s", strlen(shown) > 1 ? "/" : "", comp);
		if (rc)
			break;
	}
	if (!rc &&
	    !cj_dir_trusted(&st, NULL, plan->caller_uid, why, sizeof(why)))
		rc = untrusted(plan, plan->root, why, accept, msgs, e);
	if (rc) {
		close(fd);
		return rc;
	}
	plan->root_fd = fd;
	return 0;
oserr:
	rc = errno;
	if (fd >= 0)
		close(fd);
	cj_err_set(e, 0, "root directory '%s': open '%s': %s", plan->root,
		   shown, strerror(rc));
	cj_err_hint(e, "the root changed while capejail opened it: try again");
	return CJ_EX_NOROOT;
}

int cj_root_open(struct cj_plan *plan, const char *root, bool accept,
		 const struct cj_msgs *msgs, struct cj_err *e)
{
	struct stat st;

	if (!root) {
		plan->host_root = true;
		snprintf(plan->root, sizeof(plan->root), "/");
		plan->root_fd = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC);
		if (plan->root_fd < 0)
			return cj_err_set(e, CJ_EX_OSERR, "open /: %s",
					  strerror(errno));
		return 0;
	}
	if (!realpath(root, plan->root)) {
		char mkroot[CJ_CMD_LEN];

		cj_err_set(e, 0, "root directory '%s': %s", root,
			   strerror(errno));
		cj_err_hint(
		    e, "build one (as root) with: %s %s",
		    cj_command("capejail-mkroot", mkroot, sizeof(mkroot)),
		    root);
		return CJ_EX_NOROOT;
	}
	if (stat(plan->root, &st) || !S_ISDIR(st.st_mode)) {
		cj_err_set(e, 0, "root directory '%s' is not a directory",
			   root);
		cj_err_hint(
		    e, "-r takes the directory that becomes / in the jail");
		return CJ_EX_NOROOT;
	}
	if (strcmp(plan->root, "/") == 0) {
		cj_err_set(e, 0,
			   "-r '%s' is the host's root, which cannot be "
			   "mounted as a jail's root",
			   root);
		cj_err_hint(e, "omit -r to run in the host's root, read-only");
		return CJ_EX_USAGE;
	}
	return walk_root(plan, accept, msgs, e);
}

/*
 * Rootless: ROOT was opened and checked in the host's mount namespace,
 * where a tree cannot be cloned; open it again in capejail's own (a copy
 * of it) and make sure it is the same directory. Its ancestors are
 * trusted, so only root or the caller could have swapped it meanwhile.
 */
int cj_root_reopen(struct cj_plan *plan, struct cj_err *e)
{
	struct open_how how = {
		.flags = O_PATH | O_DIRECTORY | O_CLOEXEC,
		.resolve = RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS,
	};
	struct stat was, now;
	int fd =
	    (int)syscall(SYS_openat2, AT_FDCWD, plan->root, &how, sizeof(how));

	if (fd < 0 || fstat(fd, &now) || fstat(plan->root_fd, &was) ||
	    now.st_dev != was.st_dev || now.st_ino != was.st_ino) {
		int err = fd < 0 ? errno : ESTALE;

		if (fd >= 0)
			close(fd);
		cj_err_set(e, 0,
			   "root directory '%s': open it again in capejail's "
			   "own mount namespace: %s",
			   plan->root, strerror(err));
		cj_err_hint(e, "the root changed while capejail opened it: "
			       "try again");
		return CJ_EX_NOROOT;
	}
	close(plan->root_fd);
	plan->root_fd = fd;
	return 0;
}

/* The names capejail makes itself in its layer. */
static bool own_name(const char *n)
{
	return !strcmp(n, "proc") || !strcmp(n, "dev") || !strcmp(n, "tmp");
}

/*
 * Rootless, the host's root: its mounts are copies locked together (no
 * detached copy of "/" without what is mounted on it), so each top-level
 * entry is copied alone: one that is itself a mount point becomes an empty
 * directory, as the root jail sees it; one with mounts beneath it that
 * cannot be left out is copied with them, and -v says so.
 */
static int add_host_entry(struct cj_plan *plan, int src,
			  struct cj_root_entry *en, const struct stat *st,
			  const struct cj_msgs *msgs)
{
	const unsigned ro =
	    MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV;
	struct stat top;

	if (fstat(src, &top))
		return -errno;
	if (st->st_dev != top.st_dev) {
		cj_msgs_note(msgs,
			     "root: /%s is a mount of its own: an empty "
			     "directory in the jail",
			     en->name);
		plan->nentries++;
		return 0;
	}
	en->tree = cj_clone_tree(src, en->name, false, ro);
	if (en->tree == -EINVAL) {
		en->tree = cj_clone_tree(src, en->name, true, ro);
		cj_msgs_note(msgs,
			     "root: /%s has mounts beneath it that a rootless "
			     "jail cannot leave out: visible, read-only",
			     en->name);
	}
	if (en->tree < 0)
		return en->tree;
	plan->nentries++;
	return 0;
}

/* One top-level entry of SRC (a directory fd) into the next slot. */
static int add_entry(struct cj_plan *plan, int src, const char *name,
		     const struct cj_msgs *msgs)
{
	struct cj_root_entry *en = &plan->entries[plan->nentries];
	char link[PATH_MAX];
	struct stat st;
	ssize_t n;

	if (fstatat(src, name, &st, AT_SYMLINK_NOFOLLOW))
		return -errno;
	memset(en, 0, sizeof(*en));
	en->tree = -1;
	snprintf(en->name, sizeof(en->name), "%s", name);
	if (S_ISLNK(st.st_mode)) {
		n = readlinkat(src, name, link, sizeof(link) - 1);
		if (n < 0)
			return -errno;
		link[n] = '\0';
		en->link = strdup(link);
		if (!en->link)
			return -ENOMEM;
	} else if (S_ISDIR(st.st_mode) || S_ISREG(st.st_mode)) {
		en->dir = S_ISDIR(st.st_mode);
		if (plan->rootless && plan->host_root)
			return add_host_entry(plan, src, en, &st, msgs);
		en->tree = cj_clone_tree(src, name, true,
					 MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID |
					     MOUNT_ATTR_NODEV);
		if (en->tree < 0)
			return en->tree;
	} else {
		cj_msgs_note(msgs,
			     "root: /%s is not a directory, file or "
			     "symlink: left out of the jail",
			     name);
		return 0;
	}
	plan->nentries++;
	return 0;
}

/* Read-only: each top-level entry of ROOT, as a detached read-only tree. */
static int root_entries(struct cj_plan *plan, int src,
			const struct cj_msgs *msgs, char *failed, size_t len)
{
	int dfd = openat(src, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC), rc = 0;
	size_t cap = 0;
	struct dirent *d;
	DIR *dir;

	if (dfd < 0)
		return -errno;
	dir = fdopendir(dfd);
	if (!dir) {
		close(dfd);
		return -ENOMEM;
	}
	while (!rc && (d = readdir(dir))) {
		if (!strcmp(d->d_name, ".") || !strcmp(d->d_name, "..") ||
		    own_name(d->d_name))
			continue;
		if (plan->nentries == cap) {
			void *p = realloc(plan->entries,
					  (cap + 32) * sizeof(*plan->entries));

			if (!p) {
				rc = -ENOMEM;
				break;
			}
			plan->entries = p;
			cap += 32;
		}
		snprintf(failed, len, "/%s", d->d_name);
		rc = add_entry(plan, src, d->d_name, msgs);
	}
	closedir(dir);
	return rc;
}

int cj_root_trees(struct cj_plan *plan, const struct cj_msgs *msgs,
		  struct cj_err *e)
{
	/*
	 * The host's root: its own file system only, not what is on it;
	 * rootless, its mounts are locked to it, and the overlay built on
	 * it sees its own file system only anyway.
	 */
	bool rec = !plan->host_root || plan->rootless;
	char failed[300] = "/";
	int src = plan->root_fd, base = -1, rc = 0;

	/* Rootless: "/" and its mounts are locked together (add_entry). */
	if (plan->host_root && plan->rootless &&
	    plan->root_mode == CJ_ROOT_READONLY)
		;
	else if (plan->host_root) {
		/* Rootless --overlay: the lower layer is one file system. */
		base = cj_clone_tree(plan->root_fd, "", plan->rootless, 0);
		src = base;
		if (base < 0)
			rc = base;
	}
	if (rc)
		;
	else if (plan->root_mode == CJ_ROOT_READONLY)
		rc = root_entries(plan, src, msgs, failed, sizeof(failed));
	else {
		unsigned attrs = plan->root_mode == CJ_ROOT_WRITABLE
				     ? cj_writable_attrs(plan)
				     : MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID |
					   MOUNT_ATTR_NODEV;

		plan->root_tree = cj_clone_tree(src, "", rec, attrs);
		if (plan->root_tree < 0)
			rc = plan->root_tree;
	}
	if (base >= 0)
		close(base);
	if (!rc)
		return 0;
	cj_err_set(e, 0, "copy the root's mounts (%s%s): %s",
		   plan->host_root ? "" : plan->root,
		   failed[1] || plan->host_root ? failed : "", strerror(-rc));
	cj_err_hint(e, "capejail needs the new mount API (open_tree, "
		       "mount_setattr: Linux 5.12 or later)");
	return CJ_EX_OSERR;
}

void cj_root_free(struct cj_plan *plan)
{
	for (size_t i = 0; i < plan->nentries; i++) {
		if (plan->entries[i].tree >= 0)
			close(plan->entries[i].tree);
		free(plan->entries[i].link);
	}
	free(plan->entries);
	plan->entries = NULL;
	plan->nentries = 0;
	if (plan->root_tree >= 0)
		close(plan->root_tree);
	if (plan->root_fd >= 0)
		close(plan->root_fd);
	plan->root_tree = plan->root_fd = -1;
}
