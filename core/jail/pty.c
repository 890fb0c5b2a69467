/* SPDX-License-Identifier: MIT */
/*
 * --pty (pty.h): open the pseudo-terminal, relay it, keep its window size.
 * The relay never blocks the supervisor: the master is non-blocking, and a
 * caller's descriptor is written only after poll says there is room, at
 * most one buffer at a time.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "pty.h"

void cj_pty_winch(const struct cj_pty *p)
{
	struct winsize ws;

	if (p->master >= 0 &&
	    (ioctl(0, TIOCGWINSZ, &ws) == 0 || ioctl(1, TIOCGWINSZ, &ws) == 0))
		ioctl(p->master, TIOCSWINSZ, &ws);
}

static void caller_raw(void)
{
	struct termios t;

	if (tcgetattr(0, &t))
		return;
	cfmakeraw(&t);
	tcsetattr(0, TCSAFLUSH, &t);
}

int cj_pty_open(struct cj_pty *p)
{
	char name[64];

	p->slave = -1;
	p->master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (p->master < 0)
		return -errno;
	if (grantpt(p->master) || unlockpt(p->master) ||
	    ptsname_r(p->master, name, sizeof(name)) ||
	    (p->slave = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC)) < 0 ||
	    fcntl(p->master, F_SETFL, O_NONBLOCK)) {
		int err = errno;

		cj_pty_close(p);
		return -err;
	}
	p->in = (struct cj_pump){ .from = 0, .to = p->master };
	p->out = (struct cj_pump){ .from = p->master, .to = 1 };
	cj_pty_winch(p);
	caller_raw();
	return 0;
}

int cj_pty_attach_child(const struct cj_pty *p)
{
	for (int fd = 0; fd < 3; fd++)
		if (dup2(p->slave, fd) < 0 || fcntl(fd, F_SETFD, 0))
			return -errno;
	return 0;
}

static void pump_poll(const struct cj_pump *u, struct pollfd *f)
{
	*f = (struct pollfd){ .fd = -1 };
	if (u->len > u->off)
		*f = (struct pollfd){ .fd = u->to, .events = POLLOUT };
	else if (!u->eof)
		*f = (struct pollfd){ .fd = u->from, .events = POLLIN };
}

void cj_pty_poll(const struct cj_pty *p, struct pollfd fds[CJ_PTY_POLLFDS])
{
	pump_poll(&p->in, &fds[0]);
	pump_poll(&p->out, &fds[1]);
	if (p->master < 0)
		fds[0].fd = fds[1].fd = -1;
}

/* The caller's stdin ended: the program's terminal reads end of file. */
static void stdin_eof(struct cj_pty *p)
{
	struct termios t;

	p->in.eof = true;
	p->in.off = 0;
	p->in.len = 1;
	p->in.buf[0] = tcgetattr(p->master, &t) ? 4 : (char)t.c_cc[VEOF];
}

static void pump_event(struct cj_pty *p, struct cj_pump *u, short revents)
{
	ssize_t n;

	if (!revents)
		return;
	if (u->len > u->off) {
		n = write(u->to, u->buf + u->off, u->len - u->off);
		if (n > 0)
			u->off += (size_t)n;
		else if (n < 0 && errno != EAGAIN && errno != EINTR)
			u->off = u->len; /* the reader is gone: drop it */
		if (u->off == u->len)
			u->off = u->len = 0;
		return;
	}
	n = read(u->from, u->buf, sizeof(u->buf));
	if (n > 0) {
		u->len = (size_t)n;
		u->off = 0;
	} else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
		/* EIO on the master: every slave is closed. */
		if (u == &p->in)
			stdin_eof(p);
		else
			u->eof = true;
	}
}

void cj_pty_events(struct cj_pty *p, const struct pollfd fds[CJ_PTY_POLLFDS])
{
	pump_event(p, &p->in, fds[0].revents);
	pump_event(p, &p->out, fds[1].revents);
}

bool cj_pty_drained(const struct cj_pty *p)
{
	return p->master < 0 || (p->out.eof && p->out.len == p->out.off);
}

void cj_pty_close(struct cj_pty *p)
{
	if (p->master >= 0)
		close(p->master);
	if (p->slave >= 0)
		close(p->slave);
	p->master = p->slave = -1;
}
