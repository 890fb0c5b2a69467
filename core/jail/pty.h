/* SPDX-License-Identifier: MIT */
/*
 * --pty: the program runs on a pseudo-terminal of its own that the
 * supervisor relays to the caller's stdin and stdout (as sudo's use_pty),
 * so it never holds the caller's terminal: it can change its own terminal's
 * modes, flags or exclusive mode, never the caller's.
 */
#ifndef CAPEJAIL_PTY_H
#define CAPEJAIL_PTY_H

#include <poll.h>
#include <stdbool.h>
#include <stddef.h>

/* Bytes waiting to go from one descriptor to another. */
struct cj_pump {
	int from, to;
	char buf[4096];
	size_t len, off;
	bool eof;
};

struct cj_pty {
	int master, slave;  /* -1: no pty */
	struct cj_pump in;  /* caller's stdin -> master */
	struct cj_pump out; /* master -> caller's stdout */
};

#define CJ_PTY_POLLFDS 2

/*
 * Open the pty, give it the caller's window size, and put the caller's
 * terminal (stdin) in raw mode: its keys, ^C and ^Z included, go to the
 * program's terminal (main restores the caller's modes at the end).
 * 0 or -errno.
 */
int cj_pty_open(struct cj_pty *p);
/* In the jail's first process: the slave becomes stdin, stdout, stderr. */
int cj_pty_attach_child(const struct cj_pty *p);
/* The poll entries of the relay, and what to do with their events. */
void cj_pty_poll(const struct cj_pty *p, struct pollfd fds[CJ_PTY_POLLFDS]);
void cj_pty_events(struct cj_pty *p, const struct pollfd fds[CJ_PTY_POLLFDS]);
/* SIGWINCH: the caller's window size to the program's terminal. */
void cj_pty_winch(const struct cj_pty *p);
/* The program's terminal has nothing more to say (every slave closed). */
bool cj_pty_drained(const struct cj_pty *p);
void cj_pty_close(struct cj_pty *p);

#endif
