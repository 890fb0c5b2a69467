/* SPDX-License-Identifier: MIT */
/*
 * Idmapped binds: a bind's files belong, on the host, to the owner of the
 * bind's source, while the jail sees them as its own. A detached mount
 * (open_tree OPEN_TREE_CLONE) is given a user namespace whose only mapping
 * is "DISK HOST 1": a file owned by DISK on disk appears owned by HOST (the
 * jail's host id, hence the jail's own id inside its user namespace), and
 * a file the jail creates through it is stored on disk as DISK.
 */
#ifndef CAPEJAIL_IDMAP_H
#define CAPEJAIL_IDMAP_H

#include <sys/types.h>

struct cj_err;

/*
 * A user namespace fd for mount_setattr(MOUNT_ATTR_IDMAP) mapping DISK_UID
 * to HOST_UID and DISK_GID to HOST_GID, nothing else. The fd (close-on-
 * exec), or -1 with ERR set (capejail's exit status: CJ_EX_OSERR).
 */
int cj_idmap_userns_fd(uid_t disk_uid, gid_t disk_gid, uid_t host_uid,
		       gid_t host_gid, struct cj_err *err);

/*
 * Idmap the detached mount MNT_FD (open_tree with OPEN_TREE_CLONE) with
 * USERNS_FD. WHAT names the mount in messages (the bind's source). 0, or
 * a cj_exit status with ERR set: a file system without idmapped mounts is
 * named, with what to do instead.
 */
int cj_idmap_apply(int mnt_fd, int userns_fd, const char *what,
		   struct cj_err *err);

/*
 * Write "IN_NS OUT_NS 1" to /proc/PID/FILE (uid_map or gid_map): the one
 * mapping a user namespace of capejail's ever gets. 0 or -errno.
 */
int cj_idmap_write(pid_t pid, const char *file, unsigned in_ns,
		   unsigned out_ns);

#endif
