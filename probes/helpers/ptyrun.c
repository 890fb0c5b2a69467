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
 * With -S ptyrun also holds the terminal itself (the same file description
 * as the command's) and compares its state before and after: when the
 * attributes (termios), the file status flags (O_NONBLOCK, O_APPEND) or the
 * exclusive mode (TIOCEXCL) are not as they were once the command ended,
 * it prints "ESCAPED: ..." and exits 0 whatever the command did (the
 * terminal-state probe: a jail must leave its caller's terminal as found).
 *
 *   ptyrun [-E] [-S] CMD [ARGS...]
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <stdbool.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>
#include <utmp.h>

struct tty_state {
	struct termios tio;
	int flags, excl;
};

static void tty_state(int fd, struct tty_state *st)
{
	memset(st, 0, sizeof(*st));
	tcgetattr(fd, &st->tio);
	st->flags = fcntl(fd, F_GETFL) & (O_NONBLOCK | O_APPEND);
	if (ioctl(fd, TIOCGEXCL, &st->excl))
		st->excl = -1;
}

/* Copy the command's output until it has exited and the master is drained. */
static int relay(int master, pid_t pid)
{
	char buf[4096];
	int status = 0;
	bool done = false;

	for (;;) {
		struct pollfd p = { .fd = master, .events = POLLIN };
		ssize_t n;

		if (!done && waitpid(pid, &status, WNOHANG) == pid)
			done = true;
		if (poll(&p, 1, done ? 0 : 100) <= 0 || !(p.revents & POLLIN)) {
			if (done)
				break;
			continue;
		}
		n = read(master, buf, sizeof(buf));
		if (n > 0) {
			if (write(1, buf, (size_t)n) < 0)
				break;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (done)
			break;
	}
	if (!done)
		while (waitpid(pid, &status, 0) < 0)
			if (errno != EINTR)
				return 71 << 8;
	return status;
}

int main(int argc, char **argv)
{
	int master, slave = -1, status, keep_stderr = -1, first = 1;
	bool state = false;
	struct tty_state before, after;
	char buf[4096];
	pid_t pid;

	for (; first < argc && argv[first][0] == '-'; first++) {
		if (!strcmp(argv[first], "-E") && keep_stderr < 0)
			keep_stderr = dup(2);
		else if (!strcmp(argv[first], "-S"))
			state = true;
		else
			break;
	}
	if (argc <= first) {
		fprintf(stderr, "usage: ptyrun [-E] [-S] CMD [ARGS...]\n");
		return 64;
	}
	if (state) {
		if (openpty(&master, &slave, NULL, NULL, NULL)) {
			perror("ptyrun: openpty");
			return 71;
		}
		tty_state(slave, &before);
		pid = fork();
		if (pid == 0) {
			int fd = dup(slave);

			close(master);
			close(slave);
			if (login_tty(fd))
				_exit(71);
		}
	} else {
		pid = forkpty(&master, NULL, NULL, NULL);
	}
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
	if (state) {
		status = relay(master, pid);
		tty_state(slave, &after);
		if (memcmp(&before.tio, &after.tio, sizeof(before.tio)) ||
		    before.flags != after.flags || before.excl != after.excl) {
			printf(
			    "ESCAPED: the terminal's state changed after the "
			    "command ended: lflag 0x%x -> 0x%x, flags 0x%x -> "
			    "0x%x, exclusive %d -> %d\n",
			    before.tio.c_lflag, after.tio.c_lflag, before.flags,
			    after.flags, before.excl, after.excl);
			return 0;
		}
		return WIFSIGNALED(status) ? 128 + WTERMSIG(status)
					   : WEXITSTATUS(status);
	}
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
