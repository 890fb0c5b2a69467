/* SPDX-License-Identifier: MIT */
/*
 * --status-fd N and --status-file PATH: where the JSON object saying how the
 * jail ended goes (status_json.c); --discover-fd N is checked the same way.
 * Opened before the jail starts, close-on- exec, and never in the jail: the
 * jail's init keeps only its fds 3 to 5 (supervise.c), so the program can
 * neither write there nor close it.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "capejail.h"

int cj_statusfd_open(const struct cj_opts *o, int *fd, struct cj_err *e)
{
	*fd = -1;
	if (o->status_file) {
		*fd = open(o->status_file,
			   O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOCTTY,
			   0644);
		if (*fd < 0)
			return cj_err_set(e, CJ_EX_CANTCREAT,
					  "--status-file %s: cannot open it "
					  "for writing: %s",
					  o->status_file, strerror(errno));
		return 0;
	}
	if (o->status_fd < 0)
		return 0;
	if (cj_outfd_check(o->status_fd, "--status-fd", e))
		return CJ_EX_CANTCREAT;
	*fd = o->status_fd;
	return 0;
}

int cj_outfd_check(int fd, const char *opt, struct cj_err *e)
{
	int fl = fcntl(fd, F_GETFL);

	if (fl < 0 || (fl & O_ACCMODE) == O_RDONLY) {
		cj_err_set(e, CJ_EX_CANTCREAT, "%s %d: %s", opt, fd,
			   fl < 0 ? "not an open descriptor"
				  : "open read-only, cannot write to it");
		cj_err_hint(e,
			    "open it for writing in the calling shell, "
			    "e.g. 'capejail %s 3 ... 3>FILE'",
			    opt);
		return CJ_EX_CANTCREAT;
	}
	fcntl(fd, F_SETFD, FD_CLOEXEC);
	return 0;
}

int cj_statusfd_write(int fd, const char *json)
{
	int rc;

	if (fd < 0)
		return 0;
	rc = cj_caller_write(fd, json, strlen(json), CJ_STATUS_TIMEOUT_MS);
	return rc;
}
