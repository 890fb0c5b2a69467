/* SPDX-License-Identifier: MIT */
/*
 * The caller's descriptors and terminal, which the jailed program shares:
 * their file status flags (O_NONBLOCK, O_APPEND) and the terminal's
 * attributes and exclusive mode are saved before the jail starts and put
 * back when it has ended, and the report is written through a file
 * description of capejail's own, with a bounded wait, so that a program
 * that made stderr non-blocking or filled it cannot make it vanish.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "jail.h"

void cj_caller_save(struct cj_caller *c)
{
	for (int fd = 0; fd < CJ_CALLER_FDS; fd++) {
		c->flags[fd] = fcntl(fd, F_GETFL);
		c->tty[fd] =
		    c->flags[fd] >= 0 && tcgetattr(fd, &c->tio[fd]) == 0;
		c->excl[fd] = 0;
		if (c->tty[fd] && ioctl(fd, TIOCGEXCL, &c->excl[fd]))
			c->excl[fd] = -1;
	}
}

void cj_caller_restore(const struct cj_caller *c)
{
	/* In the background, tcsetattr would stop us with SIGTTOU. */
	void (*old)(int);

	if (cj_layer_knocked_out("restore"))
		return; /* test builds only */
	old = signal(SIGTTOU, SIG_IGN);

	for (int fd = 0; fd < CJ_CALLER_FDS; fd++) {
		if (c->flags[fd] < 0)
			continue;
		fcntl(fd, F_SETFL, c->flags[fd]);
		if (!c->tty[fd])
			continue;
		tcsetattr(fd, TCSANOW, &c->tio[fd]);
		if (c->excl[fd] == 0)
			ioctl(fd, TIOCNXCL);
		else if (c->excl[fd] > 0)
			ioctl(fd, TIOCEXCL);
	}
	signal(SIGTTOU, old);
}

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Write all of BUF to FD, waiting for room at most until DEADLINE. */
static int write_bounded(int fd, bool sock, const char *buf, size_t len,
			 int64_t deadline)
{
	while (len) {
		ssize_t n =
		    sock ? send(fd, buf, len, MSG_DONTWAIT | MSG_NOSIGNAL)
			 : write(fd, buf, len);
		struct pollfd p = { .fd = fd, .events = POLLOUT };
		int64_t left = deadline - now_ms();

		if (n > 0) {
			buf += n;
			len -= (size_t)n;
			continue;
		}
		if (n < 0 && errno != EAGAIN && errno != EINTR)
			return -errno;
		if (left <= 0)
			return -ETIMEDOUT;
		if (poll(&p, 1, (int)left) < 0 && errno != EINTR)
			return -errno;
	}
	return 0;
}

int cj_caller_write(int fd, const char *buf, size_t len, int timeout_ms)
{
	struct stat st;
	char path[64];
	int own = -1, rc;

	if (fstat(fd, &st))
		return -errno;
	/*
	 * A pipe, terminal or FIFO reopened is a file description of our own,
	 * non-blocking whatever the program set on the shared one. A regular
	 * file keeps the shared one: its offset is where the output goes.
	 */
	if (!S_ISREG(st.st_mode) && !S_ISSOCK(st.st_mode)) {
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
		own = open(path, O_WRONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	}
	rc = write_bounded(own >= 0 ? own : fd, S_ISSOCK(st.st_mode), buf, len,
			   now_ms() + timeout_ms);
	if (own >= 0)
		close(own);
	return rc;
}
