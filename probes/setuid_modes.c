/* SPDX-License-Identifier: MIT */
/*
 * probe: setuid_modes
 * class: host files
 * tries: make a setuid file by each call that takes a mode: creat, open
 *   and openat creating it with mode 4755, chmod, fchmod, fchmodat and
 *   fchmodat2 on a plain file. Through a --bind or a --writable-root such
 *   a file lands on the host's disk, where the bit works. ESCAPED if any
 *   file kept the bit (named); each file is removed at once.
 * args: {tmp}
 * control: root
 * expect: BLOCKED(EPERM)
 * layer: seccomp (creat, open, openat, chmod, fchmod, fchmodat and
 *   fchmodat2: a mode with S_ISUID or S_ISGID fails with EPERM)
 */
#include "probe.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#ifndef SYS_fchmodat2
#define SYS_fchmodat2 452
#endif

enum { CREAT, OPEN, OPENAT, CHMOD, FCHMOD, FCHMODAT, FCHMODAT2, NCALLS };
static const char *const names[NCALLS] = { "creat",    "open",	 "openat",
					   "chmod",    "fchmod", "fchmodat",
					   "fchmodat2" };

/* Make PATH setuid with CALL: 0 or -1 with errno. */
static long make_setuid(int call, const char *path)
{
	long fd, ret = 0;

	switch (call) {
	case CREAT:
		fd = syscall(SYS_creat, path, 04755);
		break;
	case OPEN:
		fd =
		    syscall(SYS_open, path, O_WRONLY | O_CREAT | O_EXCL, 04755);
		break;
	case OPENAT:
		fd = syscall(SYS_openat, AT_FDCWD, path,
			     O_WRONLY | O_CREAT | O_EXCL, 04755);
		break;
	default:
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0755);
		if (fd < 0)
			return -1;
		if (call == CHMOD)
			ret = syscall(SYS_chmod, path, 04755);
		else if (call == FCHMOD)
			ret = syscall(SYS_fchmod, (int)fd, 04755);
		else if (call == FCHMODAT)
			ret = syscall(SYS_fchmodat, AT_FDCWD, path, 04755);
		else
			ret = syscall(SYS_fchmodat2, AT_FDCWD, path, 04755, 0);
	}
	if (fd >= 0) {
		int e = errno;

		close((int)fd);
		errno = e;
	}
	return fd < 0 ? -1 : ret;
}

int main(int argc, char **argv)
{
	const char *dir = arg(argc, argv, 1, "/tmp");
	char path[4096], kept[256] = "", refused[256] = "";
	int err = EPERM;

	probe_init();
	for (int call = 0; call < NCALLS; call++) {
		struct stat st;
		long ret;
		int e;

		snprintf(path, sizeof(path), "%s/setuid_modes.%d.%s", dir,
			 (int)getpid(), names[call]);
		ret = make_setuid(call, path);
		e = errno;
		if (!ret && stat(path, &st) == 0 && (st.st_mode & S_ISUID))
			snprintf(kept + strlen(kept),
				 sizeof(kept) - strlen(kept), " %s",
				 names[call]);
		else if (ret && !(e == ENOSYS && call == FCHMODAT2))
			snprintf(refused + strlen(refused),
				 sizeof(refused) - strlen(refused), " %s:%s",
				 names[call], errname(e));
		/* Any answer but EPERM, or a bit the kernel dropped, says
		 * something else stopped it: shown as the verdict. */
		if (!ret && !(st.st_mode & S_ISUID))
			err = 0;
		else if (ret && e != EPERM &&
			 !(e == ENOSYS && call == FCHMODAT2))
			err = e;
		unlink(path);
	}
	if (*kept)
		escaped("a setuid file made by:%s", kept);
	blocked(err, "no setuid file; refused:%s",
		*refused ? refused : " none");
}
