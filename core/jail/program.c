/* SPDX-License-Identifier: MIT */
/*
 * The program's own steps around the layers: a new session (no controlling
 * terminal to push keystrokes into), and last, execve.
 */
#include <errno.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "jail.h"

int cj_program_session(struct cj_jail *j, char *detail, size_t len)
{
	(void)detail;
	(void)len;
	if (setsid() < 0)
		return -errno;
	/* --pty: its own terminal becomes its controlling one (job control). */
	if (j->plan->pty && ioctl(0, TIOCSCTTY, 0))
		return -errno;
	return 0;
}

/* Returns only when execve failed: ENOENT is "not found" (127). */
int cj_program_exec(struct cj_jail *j, char *detail, size_t len)
{
	char **argv = j->plan->argv;
	int err;

	execvp(argv[0], argv);
	err = errno;
	snprintf(detail, len, "%s", argv[0]);
	return -err;
}
