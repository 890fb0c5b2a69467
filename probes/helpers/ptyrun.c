/* SPDX-License-Identifier: MIT */
/*
 * ptyrun: run a command on a fresh pseudo-terminal, as its session's
 * controlling terminal, copying what it prints to stdout; exit with its
 * status (128+N when killed by signal N). Stdin is not forwarded. With -E
 * the command's stderr stays ptyrun's own stderr (so that a launcher's
 * messages can be told apart from the program's output). Used by
 * probes/run for the terminal-injection probes (TIOCSTI), on the host and
 * around the jail. Not a probe.
 *
 *   ptyrun [-E] CMD [ARGS...]
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int master, status, keep_stderr = -1, first = 1;
	char buf[4096];
	pid_t pid;

	if (argc > 1 && !strcmp(argv[1], "-E")) {
		keep_stderr = dup(2);
		first = 2;
	}
	if (argc <= first) {
		fprintf(stderr, "usage: ptyrun [-E] CMD [ARGS...]\n");
		return 64;
	}
	pid = forkpty(&master, NULL, NULL, NULL);
	if (pid < 0) {
		perror("ptyrun: forkpty");
		return 71;
	}
	if (pid == 0) {
		if (keep_stderr >= 0) {
			dup2(keep_stderr, 2);
			close(keep_stderr);
		}
		execvp(argv[first], argv + first);
		fprintf(stderr, "ptyrun: %s: %m\n", argv[first]);
		_exit(127);
	}
	if (keep_stderr >= 0)
		close(keep_stderr);
	for (;;) {
		ssize_t n = read(master, buf, sizeof(buf));

		if (n > 0) {
			if (write(1, buf, (size_t)n) < 0)
				break;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		break; /* EIO: every slave fd is closed */
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return 71;
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}
