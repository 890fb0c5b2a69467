/* SPDX-License-Identifier: MIT */
/*
 * A file capejail reads from the jail's root (its /etc/passwd): resolved
 * beneath the root's descriptor as the jail would (RESOLVE_IN_ROOT: no
 * symlink leads out), the last component never a symlink, only a regular
 * file, and never more than CJ_ROOT_FILE_MAX bytes. It is opened O_PATH
 * first and checked, so a FIFO or a device is never opened for reading:
 * nothing can block capejail or touch a device.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "jail.h"

static const char *type_name(mode_t m)
{
	return S_ISFIFO(m)   ? "a FIFO"
	       : S_ISCHR(m)  ? "a character device"
	       : S_ISBLK(m)  ? "a block device"
	       : S_ISSOCK(m) ? "a socket"
	       : S_ISDIR(m)  ? "a directory"
			     : "not a regular file";
}

static int reopen(int pathfd)
{
	char proc[64];

	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", pathfd);
	return open(proc, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
}

int cj_root_file_read(int rootfd, const char *path, char **out, size_t *len,
		      char *why, size_t whylen)
{
	struct open_how how = {
		.flags = O_PATH | O_NOFOLLOW | O_CLOEXEC,
		.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS,
	};
	int pfd = (int)syscall(SYS_openat2, rootfd, path, &how, sizeof(how));
	int fd = -1, rc = 0;
	struct stat st;
	ssize_t n = 0;
	char *buf = NULL;

	*out = NULL;
	*len = 0;
	if (pfd < 0)
		return -errno;
	if (fstat(pfd, &st))
		rc = -errno;
	else if (S_ISLNK(st.st_mode))
		rc = -ELOOP;
	else if (!S_ISREG(st.st_mode)) {
		snprintf(why, whylen, "is %s, not a regular file",
			 type_name(st.st_mode));
		rc = -EINVAL;
	} else if (st.st_size > CJ_ROOT_FILE_MAX)
		rc = -EFBIG;
	if (!rc && (fd = reopen(pfd)) < 0)
		rc = -errno;
	close(pfd);
	if (!rc && !(buf = malloc(CJ_ROOT_FILE_MAX + 2)))
		rc = -ENOMEM;
	while (!rc && *len <= CJ_ROOT_FILE_MAX) {
		n = read(fd, buf + *len, CJ_ROOT_FILE_MAX + 1 - *len);
		if (n < 0)
			rc = -errno;
		if (n <= 0)
			break;
		*len += (size_t)n;
	}
	if (!rc && *len > CJ_ROOT_FILE_MAX)
		rc = -EFBIG;
	if (fd >= 0)
		close(fd);
	if (rc == -ELOOP)
		snprintf(why, whylen, "is a symlink");
	else if (rc == -EFBIG)
		snprintf(why, whylen, "is larger than %d bytes",
			 CJ_ROOT_FILE_MAX);
	if (rc) {
		free(buf);
		return rc;
	}
	buf[*len] = '\0';
	*out = buf;
	return 0;
}
