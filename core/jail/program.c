/* SPDX-License-Identifier: MIT */
/*
 * The program's own steps around the layers: a new session (no controlling
 * terminal to push keystrokes into), and last, execve.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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

/* PROG as execvp found it: itself with a '/', else along PATH. */
static bool find_prog(const char *prog, char *path, size_t len)
{
	const char *dirs = getenv("PATH"), *p, *end;

	if (strchr(prog, '/')) {
		snprintf(path, len, "%s", prog);
		return access(path, F_OK) == 0;
	}
	for (p = dirs; p && *p; p = *end ? end + 1 : end) {
		end = strchrnul(p, ':');
		snprintf(path, len, "%.*s/%s", (int)(end - p), p, prog);
		if (access(path, F_OK) == 0)
			return true;
	}
	return false;
}

/* The interpreter a "#!" line of PATH names, into INTERP; false if none. */
static bool script_interpreter(const char *path, char *interp, size_t len)
{
	char line[256];
	ssize_t n;
	size_t k = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return false;
	n = read(fd, line, sizeof(line) - 1);
	close(fd);
	if (n < 3 || line[0] != '#' || line[1] != '!')
		return false;
	line[n] = '\0';
	for (char *c = line + 2; *c == ' ' || *c == '\t';)
		memmove(c, c + 1, strlen(c));
	while (line[2 + k] && line[2 + k] != ' ' && line[2 + k] != '\t' &&
	       line[2 + k] != '\n')
		k++;
	snprintf(interp, len, "%.*s", (int)k, line + 2);
	return k > 0;
}

/*
 * Returns only when execve failed: ENOENT is "not found" (127). Two
 * failures are told apart for the report: a script whose interpreter is
 * missing (ENOENT, DETAIL names the interpreter) and a directory given
 * as the program (EISDIR, where execve says EACCES).
 */
int cj_program_exec(struct cj_jail *j, char *detail, size_t len)
{
	char **argv = j->plan->argv;
	char path[512], interp[256];
	struct stat st;
	int err;

	execvp(argv[0], argv);
	err = errno;
	snprintf(detail, len, "%s", argv[0]);
	if (!find_prog(argv[0], path, sizeof(path)))
		return -err;
	if (err == EACCES && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return -EISDIR;
	if (err == ENOENT && script_interpreter(path, interp, sizeof(interp)))
		snprintf(detail, len, "%s%s%s", path, CJ_EXEC_INTERP, interp);
	return -err;
}
