/* SPDX-License-Identifier: MIT */
/*
 * --grant-read, --grant-write (capejail.h): the filter sends open, openat
 * and creat to the supervisor, which
 *
 *  1. judges the call with the policy as the options made it (grants.c):
 *     a kill stays a kill, an errno is answered;
 *  2. reads the path once into its own memory; a relative path, or one
 *     under no grant, is let through to the jail's own file system (the
 *     kernel reading the path again can only find the jail's files there);
 *  3. for a path under a grant, checks the flags against the grant, that
 *     the notification still stands, and opens the path itself beneath the
 *     grant's directory (openat2: RESOLVE_BENEATH, no symlinks, no magic
 *     links, no other mount), first as O_PATH to see that it is a regular
 *     file (a FIFO or device is never opened), then again by that
 *     descriptor with the program's flags; a granted file must be the file
 *     granted (device and inode);
 *  4. puts the descriptor in the program (SECCOMP_IOCTL_NOTIF_ADDFD with
 *     SEND: the call returns its number). A brokered call is never let
 *     through: the kernel never reads the program's memory after the
 *     decision. A refusal is ENOENT, as for a missing file; flags wider
 *     than a read grant EACCES.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <linux/seccomp.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "broker.h"
#include "jail.h"

#ifndef SYS_openat2
#define SYS_openat2 437
#endif
#ifndef SECCOMP_ADDFD_FLAG_SEND
#define SECCOMP_ADDFD_FLAG_SEND (1UL << 1)
#endif

/* The path a call names: from the program's memory, read once. */
struct open_call {
	char path[4096];
	uint64_t flags;
	unsigned mode;
	bool absolute_dirfd; /* open, creat, or openat with an absolute path */
};

/*
 * Read the NUL-terminated string at ADDR of PID into BUF, a page at a
 * time (the string may end just before an unmapped page). 0, -EFAULT, or
 * -ENAMETOOLONG.
 */
static int read_path(pid_t pid, uint64_t addr, char *buf, size_t len)
{
	size_t got = 0;

	while (got < len) {
		size_t chunk = 4096 - ((addr + got) & 4095);
		struct iovec local, remote;
		ssize_t n;

		if (chunk > len - got)
			chunk = len - got;
		local = (struct iovec){ buf + got, chunk };
		remote =
		    (struct iovec){ (void *)(uintptr_t)(addr + got), chunk };
		n = process_vm_readv(pid, &local, 1, &remote, 1, 0);
		if (n <= 0)
			return -EFAULT;
		if (memchr(buf + got, '\0', (size_t)n))
			return 0;
		got += (size_t)n;
	}
	return -ENAMETOOLONG;
}

/* The arguments of open, openat or creat, as the call gave them. */
static int read_call(const struct seccomp_notif *req, struct open_call *c)
{
	const __u64 *a = req->data.args;
	uint64_t path = a[0];

	if (req->data.nr == SYS_openat) {
		path = a[1];
		c->flags = a[2];
		c->mode = (unsigned)a[3];
	} else if (req->data.nr == SYS_creat) {
		c->flags = O_CREAT | O_WRONLY | O_TRUNC;
		c->mode = (unsigned)a[1];
	} else {
		c->flags = a[1];
		c->mode = (unsigned)a[2];
	}
	c->flags &= 0xffffffffu; /* an int in the kernel */
	return read_path((pid_t)req->pid, path, c->path, sizeof(c->path));
}

static int openat2_beneath(int dirfd, const char *rest, uint64_t flags,
			   unsigned mode)
{
	/* knock-out build: resolved as a plain openat would */
	bool plain = cj_layer_knocked_out("grant_beneath");
	struct open_how how = {
		.flags = flags | O_CLOEXEC | (plain ? 0 : O_NOFOLLOW),
		.mode = (flags & (O_CREAT | __O_TMPFILE)) ? mode : 0,
		.resolve = plain ? 0
				 : RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS |
				       RESOLVE_NO_MAGICLINKS | RESOLVE_NO_XDEV,
	};
	int fd = (int)syscall(SYS_openat2, dirfd, rest, &how, sizeof(how));

	return fd < 0 ? -errno : fd;
}

/* The program's umask, from /proc/PID/status (022 when unknown). */
static unsigned program_umask(pid_t pid)
{
	char path[64], line[128];
	unsigned mask = 022;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	f = fopen(path, "re");
	if (!f)
		return mask;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "Umask: %o", &mask) == 1)
			break;
	fclose(f);
	return mask;
}

/*
 * Create REST beneath G for a write grant (O_CREAT, the file missing):
 * O_EXCL, so nothing that exists is opened this way. The file belongs to
 * whoever ran capejail, as the grant does (never to the jail's transient
 * host id); its mode is the program's, without set-id bits, under the
 * program's umask. fd or -errno.
 */
static int create(const struct cj_grant_open *g, const char *rest,
		  const struct open_call *c, pid_t pid)
{
	unsigned mode = c->mode & 0777 & ~program_umask(pid);

	return openat2_beneath(g->dirfd, rest,
			       (c->flags & ~(uint64_t)O_TRUNC) | O_EXCL, mode);
}

/* Open REST beneath grant G with C's flags: fd or -errno (refusals). */
static int open_granted(const struct cj_grant_open *g, const char *rest,
			const struct open_call *c, pid_t pid)
{
	char self[64];
	struct stat st;
	int pathfd, fd;

	if (g->name[0]) { /* a granted file: only itself */
		if (rest[0])
			return -ENOENT;
		rest = g->name;
	} else if (!rest[0]) {
		return -ENOENT; /* the directory itself: no directory fds */
	}
	pathfd = openat2_beneath(g->dirfd, rest, O_PATH, 0);
	if (pathfd == -ENOENT && (c->flags & O_CREAT) && g->g.write &&
	    !g->name[0])
		return create(g, rest, c, pid);
	if (pathfd < 0)
		return pathfd;
	if (fstat(pathfd, &st) || !S_ISREG(st.st_mode) ||
	    (g->name[0] && (st.st_dev != g->dev || st.st_ino != g->ino))) {
		close(pathfd);
		return -ENOENT;
	}
	if ((c->flags & O_CREAT) && (c->flags & O_EXCL)) {
		close(pathfd);
		return -EEXIST;
	}
	/* the same file again, by our own descriptor: the type cannot change */
	snprintf(self, sizeof(self), "/proc/self/fd/%d", pathfd);
	fd = open(self, (int)(c->flags & ~(uint64_t)(O_CREAT | O_EXCL |
						     O_NOFOLLOW | O_NOCTTY)) |
			    O_CLOEXEC | O_NOCTTY);
	fd = fd < 0 ? -errno : fd;
	close(pathfd);
	return fd;
}

/*
 * Knock-out build only: the broker this design rules out, which reads the
 * path again after deciding and opens whatever it says then.
 */
static int naive_open(const struct seccomp_notif *req, struct open_call *c)
{
	int fd;

	if (read_call(req, c))
		return -EFAULT;
	fd = open(c->path, (int)(c->flags & O_ACCMODE) | O_CLOEXEC);
	return fd < 0 ? -errno : fd;
}

/* What the program sees: every way out of the grant is a missing file. */
static int refusal(int err)
{
	switch (err) {
	case -EXDEV: /* RESOLVE_BENEATH, RESOLVE_NO_XDEV */
	case -ELOOP: /* a symlink, a magic link */
	case -ENOTDIR:
	case -EISDIR:
		return -ENOENT;
	default:
		return err;
	}
}

/* Answer REQ with ERR (0 with nothing to say is never sent here). */
static int answer(int listener, const struct seccomp_notif *req, int err,
		  bool cont)
{
	struct seccomp_notif_resp resp = { .id = req->id, .error = err };

	if (cont)
		resp.flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
	if (ioctl(listener, SECCOMP_IOCTL_NOTIF_SEND, &resp) == 0)
		return 0;
	return errno == ENOENT ? 0 : -errno; /* ENOENT: the caller is gone */
}

/* Put FD in the program as the call's result. fd number or -errno. */
static int install(int listener, const struct seccomp_notif *req, int fd,
		   uint64_t flags)
{
	struct seccomp_notif_addfd a = {
		.id = req->id,
		.flags = SECCOMP_ADDFD_FLAG_SEND,
		.srcfd = (__u32)fd,
		.newfd_flags = (flags & O_CLOEXEC) ? O_CLOEXEC : 0,
	};
	int n = ioctl(listener, SECCOMP_IOCTL_NOTIF_ADDFD, &a);

	return n < 0 ? -errno : n;
}

int cj_broker_open(int listener, const struct seccomp_notif *req,
		   const struct cj_plan *plan, struct cj_result *res)
{
	struct cj_verdict v;
	struct open_call c;
	char rest[4096];
	int g, fd, rc;
	bool unchecked = false;
	int row = cj_table_index(req->data.nr == SYS_openat  ? "openat"
				 : req->data.nr == SYS_creat ? "creat"
							     : "open");

	uint64_t args[6];

	/* 1. the policy as the options made it */
	memcpy(args, req->data.args, sizeof(args));
	v = cj_policy_eval(&plan->grant_eval, row, args, 6, &unchecked);
	if (v.action == CJ_ACT_KILL)
		return 1; /* blocked: the caller names it and ends the jail */
	if (v.action == CJ_ACT_ERRNO)
		return answer(listener, req, -v.err, false);
	/* 2. the path, once */
	rc = read_call(req, &c);
	if (rc == -EFAULT || rc == -ENAMETOOLONG || c.path[0] != '/')
		return answer(listener, req, 0, true); /* the kernel says */
	g = -1; /* the longest grant the path falls under */
	for (size_t i = 0, best = 0; i < plan->ngrants; i++) {
		size_t l = strlen(plan->grants[i].g.path);
		char r[4096];

		if (cj_grant_match(&plan->grants[i].g, 1, c.path, r,
				   sizeof(r)) == 0 &&
		    l > best) {
			best = l;
			g = (int)i;
			memcpy(rest, r, sizeof(rest));
		}
	}
	if (g < 0)
		return answer(listener, req, 0, true); /* not a grant's */
	/* 3. under a grant: decided on our copy alone */
	fd = cj_layer_knocked_out("grant_flags")
		 ? 0
		 : cj_grant_flags_verdict(plan->grants[g].g.write, c.flags);
	if (!fd && ioctl(listener, SECCOMP_IOCTL_NOTIF_ID_VALID, &req->id))
		return 0; /* the caller is gone */
	if (!fd && cj_layer_knocked_out("broker"))
		fd = naive_open(req, &c); /* the double fetch ruled out */
	else if (!fd)
		fd = open_granted(&plan->grants[g], rest, &c, (pid_t)req->pid);
	/* 4. installed, or refused */
	rc = fd < 0 ? refusal(fd) : install(listener, req, fd, c.flags);
	if (fd >= 0)
		close(fd);
	cj_broker_record(plan, res, "open", c.path, c.flags, rc,
			 (pid_t)req->pid);
	if (rc < 0 && fd >= 0 && rc == -ENOENT)
		return 0; /* ADDFD: the caller is gone */
	return rc < 0 ? answer(listener, req, rc, false) : 0;
}
