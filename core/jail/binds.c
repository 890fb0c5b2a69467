/* SPDX-License-Identifier: MIT */
/*
 * --bind, --ro-bind, --tmpfs, in the supervisor before the jail starts:
 * each SRC opened once and copied into a detached mount (nosuid, nodev,
 * and read-only for --ro-bind) that the jail's mount step attaches at
 * DEST (mount.c). Nothing looks SRC up by path after this.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/mount.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "idmap.h"
#include "jail.h"

static const char *opt_name(enum cj_mount_kind k)
{
	return k == CJ_MNT_BIND	     ? "--bind"
	       : k == CJ_MNT_RO_BIND ? "--ro-bind"
				     : "--tmpfs";
}

/* DEST defaults to SRC's own path (the descriptor's, symlinks resolved). */
static void default_dest(struct cj_bind *b, int fd)
{
	char link[64];
	ssize_t n;

	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	n = readlink(link, b->dest, sizeof(b->dest) - 1);
	b->dest[n > 0 ? n : 0] = '\0';
}

static int open_bind(const struct cj_plan *plan, struct cj_bind *b,
		     struct cj_err *e)
{
	unsigned attrs =
	    b->kind == CJ_MNT_RO_BIND
		? MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV
		: cj_writable_attrs(plan);
	int fd = open(b->src, O_PATH | O_CLOEXEC), rc;

	if (fd < 0 || fstat(fd, &b->src_st)) {
		rc = errno;
		if (fd >= 0)
			close(fd);
		cj_err_set(e, 0, "%s '%s': %s", opt_name(b->kind), b->src,
			   strerror(rc));
		cj_err_hint(e, "SRC is a path on the host, opened before the "
			       "jail starts");
		return CJ_EX_BIND;
	}
	if (!S_ISDIR(b->src_st.st_mode) && !S_ISREG(b->src_st.st_mode) &&
	    !S_ISSOCK(b->src_st.st_mode)) {
		close(fd);
		return cj_err_set(e, CJ_EX_BIND,
				  "%s '%s': not a directory, regular file or "
				  "socket",
				  opt_name(b->kind), b->src);
	}
	if (!b->dest[0])
		default_dest(b, fd);
	b->tree = cj_clone_tree(fd, "", true, attrs);
	close(fd);
	if (b->tree >= 0)
		return 0;
	cj_err_set(e, 0, "%s '%s': copy the mount: %s", opt_name(b->kind),
		   b->src, strerror(-b->tree));
	cj_err_hint(e, "capejail needs open_tree and mount_setattr (Linux "
		       "5.12 or later)");
	return CJ_EX_BIND;
}

int cj_binds_open(struct cj_plan *plan, const struct cj_opts *o,
		  const struct cj_msgs *msgs, struct cj_err *e)
{
	if (!o->nmounts)
		return 0;
	plan->binds = calloc(o->nmounts, sizeof(*plan->binds));
	if (!plan->binds)
		return cj_err_set(e, CJ_EX_SOFTWARE, "binds: out of memory");
	for (size_t i = 0; i < o->nmounts; i++) {
		const struct cj_mount_spec *m = &o->mounts[i];
		struct cj_bind *b = &plan->binds[i];
		int rc;

		b->kind = m->kind;
		b->tree = -1;
		plan->nbinds++;
		snprintf(b->src, sizeof(b->src), "%.*s", (int)m->src_len,
			 m->src ? m->src : "");
		snprintf(b->dest, sizeof(b->dest), "%.*s", (int)m->dest_len,
			 m->dest ? m->dest : "");
		b->size = m->size == CJ_LIMIT_DEFAULT ? plan->limits.tmp_size
						      : m->size;
		if (m->kind != CJ_MNT_TMPFS) {
			rc = open_bind(plan, b, e);
			if (rc)
				return rc;
		}
		cj_msgs_note(msgs, "%s %s%s%s", opt_name(b->kind), b->src,
			     b->src[0] ? " at " : "", b->dest);
	}
	return 0;
}

/*
 * Files written through a --bind belong on the host to SRC's owner: the
 * detached copy is idmapped "owner -> the jail's host id", so the jail sees
 * SRC's files as its own and what it creates is stored as SRC's owner. A
 * source owned by root (uid or gid 0) is not mapped: the jail never writes
 * as host root or group root; it writes there as its own host id, where the
 * permissions let it. --ro-bind is not mapped: nothing is written.
 */
int cj_binds_idmap(struct cj_plan *plan, const struct cj_msgs *msgs,
		   struct cj_err *e)
{
	for (size_t i = 0; i < plan->nbinds; i++) {
		struct cj_bind *b = &plan->binds[i];
		int ns, rc;

		if (b->kind != CJ_MNT_BIND || b->tree < 0)
			continue;
		if (plan->rootless) {
			cj_msgs_note(
			    msgs,
			    "--bind %s: not idmapped (rootless): the "
			    "jail writes there as %s %u, where its "
			    "modes let it",
			    b->src,
			    plan->subid ? "your subordinate uid" : "you, uid",
			    (unsigned)(plan->subid ? plan->subid_host_uid
						   : plan->caller_uid));
			continue;
		}
		if (b->src_st.st_uid == 0 || b->src_st.st_gid == 0) {
			cj_msgs_note(msgs,
				     "--bind %s: owned by root, not idmapped: "
				     "the jail writes there as host id %u",
				     b->src, (unsigned)plan->user.host_uid);
			continue;
		}
		ns = cj_idmap_userns_fd(b->src_st.st_uid, b->src_st.st_gid,
					plan->user.host_uid,
					plan->user.host_gid, e);
		if (ns < 0)
			return CJ_EX_OSERR;
		rc = cj_idmap_apply(b->tree, ns, b->src, e);
		close(ns);
		if (rc)
			return rc == CJ_EX_OSERR ? CJ_EX_BIND : rc;
		cj_msgs_note(msgs,
			     "--bind %s: idmapped, files written there belong "
			     "to uid %u gid %u on the host",
			     b->src, (unsigned)b->src_st.st_uid,
			     (unsigned)b->src_st.st_gid);
	}
	return 0;
}

void cj_binds_free(struct cj_plan *plan)
{
	for (size_t i = 0; i < plan->nbinds; i++)
		if (plan->binds[i].tree >= 0)
			close(plan->binds[i].tree);
	free(plan->binds);
	plan->binds = NULL;
	plan->nbinds = 0;
}
