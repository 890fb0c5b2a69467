/* SPDX-License-Identifier: MIT */
/*
 * Test-only (never installed): an idmapped bind of DIR, as capejail's
 * --bind makes it (core/jail/idmap.c), checked from both sides. It takes a
 * jail identity H the way capejail does (cj_id_acquire: a free id of the
 * range, locked while it runs), idmaps a detached clone of DIR so that
 * DIR's owner appears as H, and a child that is H and nothing else
 * (no groups, no capabilities) creates DIR/NAME through it. Prints
 *
 *   host-id H
 *   seen-as UID GID      the new file's owner through the idmapped mount
 *   on-disk UID GID      its owner on the host, through DIR itself
 *
 * and exits 0; 77 (with "SKIP: reason") when DIR's file system does not
 * support idmapped mounts; 1 on any other failure.
 *
 *   idmap_check DIR NAME
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "err.h"
#include "exit.h"
#include "idmap.h"
#include "idrange.h"

#define EX_SKIP 77

/* As H only: create NAME through the idmapped mount, report its owner. */
static int child(int mnt, const char *name, uid_t h)
{
	struct stat st;
	int fd;

	if (setgroups(0, NULL) || setresgid(h, h, h) || setresuid(h, h, h)) {
		fprintf(stderr, "idmap_check: become %u: %s\n", (unsigned)h,
			strerror(errno));
		return 1;
	}
	fd = openat(mnt, name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd < 0 || write(fd, "idmap-ok\n", 9) != 9 || fstat(fd, &st)) {
		fprintf(stderr, "idmap_check: create %s as %u: %s\n", name,
			(unsigned)h, strerror(errno));
		return 1;
	}
	close(fd);
	printf("seen-as %u %u\n", (unsigned)st.st_uid, (unsigned)st.st_gid);
	fflush(stdout);
	return 0;
}

/* DIR/NAME as the host sees it (not through the idmapped mount). */
static int stat_in(const char *dir, const char *name, struct stat *st)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (!stat(path, st))
		return 0;
	fprintf(stderr, "idmap_check: %s: %s\n", path, strerror(errno));
	return 1;
}

int main(int argc, char **argv)
{
	struct cj_err err = { 0 };
	struct stat dir, file;
	uint32_t h;
	int lock, userns, mnt, status, rc;
	pid_t pid;

	if (argc != 3) {
		fprintf(stderr, "usage: idmap_check DIR NAME\n");
		return 2;
	}
	if (stat(argv[1], &dir)) {
		fprintf(stderr, "idmap_check: %s: %s\n", argv[1],
			strerror(errno));
		return 1;
	}
	if (cj_id_acquire(getpid(), &h, &lock, &err)) {
		fprintf(stderr, "idmap_check: %s\n", err.msg);
		return 1;
	}
	printf("host-id %u\n", (unsigned)h);
	userns = cj_idmap_userns_fd(dir.st_uid, dir.st_gid, h, h, &err);
	if (userns < 0) {
		fprintf(stderr, "idmap_check: %s\n", err.msg);
		return 1;
	}
	mnt = (int)syscall(SYS_open_tree, AT_FDCWD, argv[1],
			   OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC);
	if (mnt < 0) {
		fprintf(stderr, "idmap_check: open_tree %s: %s\n", argv[1],
			strerror(errno));
		return 1;
	}
	rc = cj_idmap_apply(mnt, userns, argv[1], &err);
	if (rc) {
		printf("%s: %s (%s)\n",
		       strstr(err.msg, "does not support") ? "SKIP" : "FAIL",
		       err.msg, err.hint);
		return strstr(err.msg, "does not support") ? EX_SKIP : 1;
	}
	fflush(stdout);
	pid = fork();
	if (pid == 0)
		_exit(child(mnt, argv[2], (uid_t)h));
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0)
		return 1;
	if (stat_in(argv[1], argv[2], &file))
		return 1;
	printf("on-disk %u %u\n", (unsigned)file.st_uid, (unsigned)file.st_gid);
	close(mnt);
	close(userns);
	close(lock);
	return 0;
}
