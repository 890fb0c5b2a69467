/* SPDX-License-Identifier: MIT */
/*
 * Taking a host id for a jail (idrange.h): a lock file per id in
 * /run/capejail (root's, mode 0700), flock()ed for the jail's lifetime by
 * the supervisor, which is the only process that holds the descriptor; the
 * kernel drops the lock when it dies, so a crash leaks nothing. Lock files
 * are never removed: unlinking a lock another capejail is about to take
 * would let two jails share an id. Ids that are host accounts are skipped.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "err.h"
#include "exit.h"
#include "idrange.h"

/* Room for one NSS entry; a bigger one answers ERANGE: "exists". */
#define NSS_BUF 16384

struct walk {
	int dir;	  /* CJ_ID_LOCK_DIR */
	int lock_fd;	  /* the lock taken */
	const char *what; /* what failed, when TRY stops the walk */
};

/* 0 no such account, 1 an account, -errno when NSS cannot say. */
static int host_account(uint32_t id)
{
	static char buf[NSS_BUF];
	struct passwd pw, *pwp = NULL;
	struct group gr, *grp = NULL;
	int rc = getpwuid_r((uid_t)id, &pw, buf, sizeof(buf), &pwp);

	if (rc == ERANGE || pwp)
		return 1;
	/* glibc documents these as "not found" for some back ends */
	if (rc && rc != ENOENT && rc != ESRCH && rc != EBADF && rc != EPERM)
		return -rc;
	rc = getgrgid_r((gid_t)id, &gr, buf, sizeof(buf), &grp);
	if (rc == ERANGE || grp)
		return 1;
	if (rc && rc != ENOENT && rc != ESRCH && rc != EBADF && rc != EPERM)
		return -rc;
	return 0;
}

static int try_id(uint32_t id, void *ctx)
{
	struct walk *w = ctx;
	char name[32];
	int rc = host_account(id), fd;

	if (rc < 0) {
		w->what = "look the id up in the host's accounts (NSS)";
		return rc;
	}
	if (rc > 0)
		return -EBUSY;
	rc = cj_id_lock_name(id, name, sizeof(name));
	if (rc)
		return rc;
	fd = openat(w->dir, name, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC,
		    0600);
	if (fd < 0) {
		w->what = "open a lock file in " CJ_ID_LOCK_DIR;
		return -errno;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) == 0) {
		w->lock_fd = fd;
		return 0;
	}
	rc = errno;
	close(fd);
	if (rc == EWOULDBLOCK)
		return -EBUSY; /* a running jail's */
	w->what = "lock a file in " CJ_ID_LOCK_DIR;
	return -rc;
}

/* The lock directory: made when missing, root's and private, no symlink. */
static int open_lock_dir(struct cj_err *e)
{
	struct stat st;
	int fd;

	if (mkdir(CJ_ID_LOCK_DIR, 0700) && errno != EEXIST)
		return -cj_err_set(e, CJ_EX_OSERR, "create %s: %s",
				   CJ_ID_LOCK_DIR, strerror(errno));
	fd = open(CJ_ID_LOCK_DIR,
		  O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return -cj_err_set(e, CJ_EX_OSERR, "open %s: %s",
				   CJ_ID_LOCK_DIR, strerror(errno));
	if (fstat(fd, &st) || st.st_uid != 0 || (st.st_mode & 077)) {
		close(fd);
		cj_err_set(e, 0,
			   "%s: not a directory of root's with mode 0700: "
			   "anyone else who can write it can make two jails "
			   "share an identity",
			   CJ_ID_LOCK_DIR);
		cj_err_hint(e,
			    "remove it (while no jail runs) or run "
			    "'chown root:root %s && chmod 700 %s'",
			    CJ_ID_LOCK_DIR, CJ_ID_LOCK_DIR);
		return -CJ_EX_OSERR;
	}
	return fd;
}

int cj_id_acquire(pid_t pid, uint32_t *id, int *lock_fd, struct cj_err *e)
{
	struct walk w = { .dir = -1, .lock_fd = -1 };
	int rc;

	*lock_fd = -1;
	w.dir = open_lock_dir(e);
	if (w.dir < 0)
		return -w.dir;
	rc = cj_id_walk(CJ_ID_BASE, CJ_ID_COUNT, cj_id_start(pid, CJ_ID_COUNT),
			try_id, &w, id);
	close(w.dir);
	if (rc == 0) {
		*lock_fd = w.lock_fd;
		return 0;
	}
	if (rc == -EBUSY) {
		cj_err_set(e, 0,
			   "no free jail identity: every host id from %u to "
			   "%u is a host account or a running jail's",
			   CJ_ID_BASE, CJ_ID_BASE + CJ_ID_COUNT - 1);
		cj_err_hint(e, "wait for a jail to end and try again");
		return CJ_EX_TEMPFAIL;
	}
	return cj_err_set(e, CJ_EX_OSERR, "take a host id for the jail: %s: %s",
			  w.what ? w.what : "walk the id range", strerror(-rc));
}
