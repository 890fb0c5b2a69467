/* SPDX-License-Identifier: MIT */
/*
 * probe: setuid_plant
 * class: host files
 * tries: plant a setuid+setgid file where it would keep working: create a
 *   file, chmod 6755, and look whether it kept both bits on a writable
 *   mount that honours them (no nosuid). The argument is the first place
 *   to try (on the host, a fresh scratch directory; in the jail, /tmp);
 *   in the jail every other place it can write is tried too (/, /var/tmp,
 *   /dev/shm, $HOME, /probes). Each file is removed at once.
 * args: {tmp}
 * control: root
 * expect: BLOCKED(EROFS/EACCES/EPERM/none)
 * layer: read-only root; every writable place a nosuid tmpfs
 */
#include "probe.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/statvfs.h>

/* 0: planted (a working setuid file); else the errno, or -1: nosuid. */
static int plant(const char *dir)
{
	char path[4200];
	struct statvfs sv;
	struct stat st;
	int fd, err = 0;

	snprintf(path, sizeof(path), "%s/cj-setuid-probe", dir);
	fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0755);
	if (fd < 0)
		return errno;
	if (fchmod(fd, 06755) || fstat(fd, &st) || fstatvfs(fd, &sv))
		err = errno;
	else if ((st.st_mode & 06000) != 06000)
		err = EPERM; /* the bits did not stick */
	else if (sv.f_flag & ST_NOSUID)
		err = -1;
	close(fd);
	unlink(path);
	if (!err)
		note("%s: mode %04o on a mount without nosuid", path,
		     (unsigned)(st.st_mode & 07777));
	return err;
}

int main(int argc, char **argv)
{
	const char *first = arg(argc, argv, 1, "/tmp");
	const char *home = getenv("HOME");
	const char *places[] = {
		first, "/", "/var/tmp", "/dev/shm", home ? home : "/", "/probes"
	};
	/* Only the jail's own places beyond the first: never the host's /. */
	size_t n = strcmp(first, "/tmp") == 0 ? 6 : 1;
	int last = -1;

	probe_init();
	for (size_t i = 0; i < n; i++) {
		int rc = plant(places[i]);

		if (rc == 0)
			escaped(
			    "a setuid+setgid file kept its bits in %s, on a "
			    "mount that honours them",
			    places[i]);
		note("%s: %s", places[i],
		     rc < 0 ? "nosuid mount" : errname(rc));
		if (rc > 0)
			last = rc;
	}
	if (last > 0)
		blocked(last, "no place to plant a working setuid file (last "
			      "refusal)");
	blocked(0, "every writable place is nosuid");
}
