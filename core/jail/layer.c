/* SPDX-License-Identifier: MIT */
/*
 * The jail's root and what is mounted in it, inside the jail's mount
 * namespace, from the detached trees the plan made (rootfs.c, binds.c):
 *
 *   read-only  a small tmpfs of capejail's own into which ROOT's top-level
 *              entries are attached read-only (symlinks recreated), with
 *              /proc, /dev and /tmp made in it; sealed read-only at the end
 *   overlay    ROOT as the lower layer, upper and work dirs in a bounded
 *              tmpfs that vanishes with the jail
 *   writable   ROOT's tree itself, read-write (nosuid, nodev)
 *
 * Then the writable places (bounded tmpfs) and the user's binds in order.
 * Every destination is resolved beneath the jail's root, so no symlink in
 * ROOT can point a mount at a host path. capejail never writes to ROOT.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/mount.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "mountapi.h"

#define FAILED(what, rc) (snprintf(mt->detail, mt->len, "%s", (what)), (rc))

void cj_home_owner(const struct cj_plan *plan, uid_t *uid, gid_t *gid)
{
	/* the jail's host ids, which its user namespace maps to the user's */
	*uid = plan->user.host_uid;
	*gid = plan->user.host_gid;
}

/* Read-only mode: capejail's layer with ROOT's top level in it. */
static int layer_readonly(struct cj_mnt *mt)
{
	const struct cj_plan *plan = mt->plan;
	int m = cj_tmpfs_new("mode=0755,size=1m,nr_inodes=4096",
			     MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV);
	int rc = m < 0 ? m : cj_attach(m, AT_FDCWD, CJ_STAGE_ROOT);

	if (rc)
		return FAILED("capejail's root layer (tmpfs)", rc);
	mt->root = open(CJ_STAGE_ROOT, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (mt->root < 0)
		return FAILED(CJ_STAGE_ROOT, -errno);
	for (size_t i = 0; i < plan->nentries; i++) {
		const struct cj_root_entry *en = &plan->entries[i];
		int fd;

		snprintf(mt->detail, mt->len, "/%s", en->name);
		if (en->link) {
			if (symlinkat(en->link, mt->root, en->name))
				return -errno;
			continue;
		}
		if (en->dir)
			fd = mkdirat(mt->root, en->name, 0755);
		else
			fd = openat(mt->root, en->name,
				    O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC,
				    0644);
		if (fd < 0)
			return -errno;
		if (!en->dir)
			close(fd);
		if (en->tree < 0) /* rootless: a host mount point, left empty */
			continue;
		/* The plan's descriptor stays open: duplicate to attach. */
		fd = fcntl(en->tree, F_DUPFD_CLOEXEC, 0);
		rc = fd < 0 ? -errno : cj_attach(fd, mt->root, en->name);
		if (rc)
			return rc;
	}
	for (const char *const *n =
		 (const char *const[]){ "proc", "dev", "tmp", NULL };
	     *n; n++)
		if (mkdirat(mt->root, *n, 0755))
			return FAILED(*n, -errno);
	return 0;
}

static int fsconfig_str(int fs, const char *key, const char *val)
{
	return syscall(SYS_fsconfig, fs, FSCONFIG_SET_STRING, key, val, 0)
		   ? -errno
		   : 0;
}

/* --overlay: ROOT read-only below, a bounded tmpfs above. */
static int layer_overlay(struct cj_mnt *mt)
{
	const struct cj_plan *plan = mt->plan;
	int t = fcntl(plan->root_tree, F_DUPFD_CLOEXEC, 0), rc, fs, m;

	if (mkdir(CJ_STAGE_LOWER, 0700) || mkdir(CJ_STAGE_RW, 0700) || t < 0)
		return FAILED(CJ_STAGE, -errno);
	rc = cj_attach(t, AT_FDCWD, CJ_STAGE_LOWER);
	if (rc)
		return FAILED("the root (overlay's lower layer)", rc);
	m = cj_tmpfs_writable(plan, plan->limits.tmp_size, 0755, 0, 0);
	rc = m < 0 ? m : cj_attach(m, AT_FDCWD, CJ_STAGE_RW);
	if (!rc && (mkdir(CJ_STAGE_RW "/upper", 0755) ||
		    mkdir(CJ_STAGE_RW "/work", 0700)))
		rc = -errno;
	if (rc)
		return FAILED("the overlay's upper layer (tmpfs)", rc);
	fs = (int)syscall(SYS_fsopen, "overlay", FSOPEN_CLOEXEC);
	if (fs < 0)
		return FAILED("overlay (is the overlay module available?)",
			      -errno);
	rc = fsconfig_str(fs, "lowerdir", CJ_STAGE_LOWER);
	if (!rc)
		rc = fsconfig_str(fs, "upperdir", CJ_STAGE_RW "/upper");
	if (!rc)
		rc = fsconfig_str(fs, "workdir", CJ_STAGE_RW "/work");
	if (!rc &&
	    syscall(SYS_fsconfig, fs, FSCONFIG_CMD_CREATE, NULL, NULL, 0))
		rc = -errno;
	m = rc ? -1
	       : (int)syscall(SYS_fsmount, fs, FSMOUNT_CLOEXEC,
			      cj_writable_attrs(plan));
	if (!rc && m < 0)
		rc = -errno;
	close(fs);
	if (!rc)
		rc = cj_attach(m, AT_FDCWD, CJ_STAGE_ROOT);
	if (rc)
		return FAILED("overlay", rc);
	mt->root = open(CJ_STAGE_ROOT, O_PATH | O_DIRECTORY | O_CLOEXEC);
	return mt->root < 0 ? FAILED(CJ_STAGE_ROOT, -errno) : 0;
}

/*
 * /proc, /dev, /tmp as directories in the root. In the overlay anything
 * else there is replaced (in the upper layer only); ROOT itself, in
 * --writable-root, must have them.
 */
static int own_dirs(struct cj_mnt *mt)
{
	static const char *const names[] = { "proc", "dev", "tmp" };

	for (size_t i = 0; i < CJ_ARRAY_SIZE(names); i++) {
		const char *n = names[i];
		struct stat st;
		int have = !fstatat(mt->root, n, &st, AT_SYMLINK_NOFOLLOW);

		if (have && S_ISDIR(st.st_mode))
			continue;
		snprintf(mt->detail, mt->len,
			 "/%s in the root is %s (--writable-root: capejail "
			 "never changes ROOT; create the directory)",
			 n, have ? "not a directory" : "missing");
		if (mt->plan->root_mode == CJ_ROOT_WRITABLE) {
			*mt->code = CJ_EX_NOROOT;
			return have ? -ENOTDIR : -ENOENT;
		}
		if ((have && unlinkat(mt->root, n, 0)) ||
		    mkdirat(mt->root, n, 0755))
			return FAILED(n, -errno);
	}
	return 0;
}

int cj_layer_root(struct cj_mnt *mt)
{
	int rc;

	switch (mt->plan->root_mode) {
	case CJ_ROOT_READONLY:
		return layer_readonly(mt);
	case CJ_ROOT_OVERLAY:
		rc = layer_overlay(mt);
		break;
	case CJ_ROOT_WRITABLE: {
		int t = fcntl(mt->plan->root_tree, F_DUPFD_CLOEXEC, 0);

		rc = t < 0 ? -errno : cj_attach(t, AT_FDCWD, CJ_STAGE_ROOT);
		if (rc)
			return FAILED(mt->plan->root, rc);
		mt->root =
		    open(CJ_STAGE_ROOT, O_PATH | O_DIRECTORY | O_CLOEXEC);
		rc = mt->root < 0 ? FAILED(CJ_STAGE_ROOT, -errno) : 0;
		break;
	}
	default:
		return -EINVAL;
	}
	return rc ? rc : own_dirs(mt);
}

/* A writable tmpfs at PATH if PATH is (or can be made) a directory. */
static int tmpfs_at(struct cj_mnt *mt, const char *path, int64_t size,
		    unsigned mode, uid_t uid, gid_t gid, bool make)
{
	int dir = make ? cj_dest_open(mt, path, true)
		       : cj_open_in(mt->root, path, O_DIRECTORY);
	int m;

	if (dir < 0)
		return dir;
	m = cj_tmpfs_writable(mt->plan, size, mode, uid, gid);
	if (m < 0) {
		close(dir);
		return m;
	}
	m = cj_attach(m, dir, "");
	close(dir);
	return m;
}

int cj_layer_writable(struct cj_mnt *mt)
{
	const struct cj_plan *plan = mt->plan;
	int64_t size = plan->limits.tmp_size;
	const char *home = plan->user.home;
	uid_t uid;
	gid_t gid;
	int rc = tmpfs_at(mt, "/tmp", size, 01777, 0, 0, false);

	if (rc)
		return FAILED("/tmp", rc);
	if (plan->root_mode == CJ_ROOT_WRITABLE)
		return 0;
	/* Where ROOT has no /var/tmp, there is none (the plan said so). */
	rc = tmpfs_at(mt, "/var/tmp", size, 01777, 0, 0, false);
	if (rc && rc != -ENOENT && rc != -ENOTDIR)
		return FAILED("/var/tmp", rc);
	if (!strcmp(home, "/") || !strncmp(home, "/tmp", 4) ||
	    !strncmp(home, "/proc", 5) || !strncmp(home, "/dev", 4))
		return 0;
	cj_home_owner(plan, &uid, &gid);
	rc = tmpfs_at(mt, home, size, 0700, uid, gid, true);
	/* A home that cannot be made in capejail's layer: none. */
	if (rc == -EROFS || rc == -ENOTDIR)
		rc = 0;
	return rc ? FAILED(home, rc) : 0;
}

static const char *bind_opt(enum cj_mount_kind k)
{
	return k == CJ_MNT_BIND	     ? "--bind"
	       : k == CJ_MNT_RO_BIND ? "--ro-bind"
				     : "--tmpfs";
}

static int one_bind(struct cj_mnt *mt, const struct cj_bind *b)
{
	bool dir = b->kind == CJ_MNT_TMPFS || S_ISDIR(b->src_st.st_mode);
	int dest = cj_dest_open(mt, b->dest, dir), t, rc;
	struct stat st;

	if (dest < 0)
		return dest;
	if (fstat(dest, &st) || S_ISDIR(st.st_mode) != dir) {
		close(dest);
		snprintf(mt->detail, mt->len, "%s %s: %s is %sa directory",
			 bind_opt(b->kind), b->src, b->dest, dir ? "not " : "");
		return dir ? -ENOTDIR : -EISDIR;
	}
	if (b->kind == CJ_MNT_TMPFS)
		t = cj_tmpfs_writable(mt->plan, b->size, 01777, 0, 0);
	else
		t = fcntl(b->tree, F_DUPFD_CLOEXEC, 0);
	rc = t < 0 ? -errno : 0; /* idmapped by the plan (binds.c) */
	if (!rc)
		rc = cj_attach(t, dest, "");
	else if (t >= 0)
		close(t);
	close(dest);
	return rc;
}

int cj_layer_binds(struct cj_mnt *mt)
{
	for (size_t i = 0; i < mt->plan->nbinds; i++) {
		const struct cj_bind *b = &mt->plan->binds[i];
		int rc;

		snprintf(mt->detail, mt->len, "%s %s%s%s", bind_opt(b->kind),
			 b->src, b->src[0] ? " at " : "", b->dest);
		rc = one_bind(mt, b);
		if (rc) {
			*mt->code = CJ_EX_BIND;
			return rc;
		}
	}
	return 0;
}

/* The layer itself read-only: only the tmpfs mounted on it are writable. */
int cj_layer_seal(struct cj_mnt *mt)
{
	struct mount_attr ro = { .attr_set = MOUNT_ATTR_RDONLY };

	if (mt->plan->root_mode != CJ_ROOT_READONLY)
		return 0;
	if (syscall(SYS_mount_setattr, mt->root, "", AT_EMPTY_PATH, &ro,
		    sizeof(ro)))
		return FAILED("/ (read-only)", -errno);
	return 0;
}
