/* SPDX-License-Identifier: MIT */
/*
 * The jail lives only as long as capejail: the init and the program get
 * SIGKILL when their parent dies (PR_SET_PDEATHSIG), and the init watches
 * the lifeline pipe, whose write end only the supervisor holds. The
 * supervisor's bytes on it: "go" (the jail's cgroup is in place), then
 * "mapped" (the jail's user namespace has its maps, userns.c).
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "jail.h"

/* The supervisor is alive while the lifeline pipe is open. */
static bool supervisor_alive(void)
{
	struct pollfd p = { .fd = CJ_FD_LIFELINE, .events = POLLIN };

	/* The "go" byte may be pending (POLLIN); only a hang-up means gone. */
	return poll(&p, 1, 0) >= 0 && !(p.revents & (POLLHUP | POLLERR));
}

/* PR_SET_PDEATHSIG, then close the race with a check (bubblewrap #633). */
int cj_lifeline_tie(struct cj_jail *j, char *detail, size_t len)
{
	(void)j;
	if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0)) {
		snprintf(detail, len, "PR_SET_PDEATHSIG");
		return -errno;
	}
	if (!supervisor_alive()) {
		snprintf(detail, len, "supervisor");
		return -ECHILD;
	}
	return 0;
}

int cj_lifeline_wait(struct cj_jail *j, char *detail, size_t len)
{
	char go;
	ssize_t n;

	(void)j;
	do
		n = read(CJ_FD_LIFELINE, &go, 1);
	while (n < 0 && errno == EINTR);
	if (n != 1 || go != CJ_LIFELINE_GO) {
		snprintf(detail, len, "supervisor");
		return -ECHILD;
	}
	return 0;
}

/* The program dies with the init (whose death ends the PID namespace). */
int cj_lifeline_pdeathsig(struct cj_jail *j, char *detail, size_t len)
{
	(void)j;
	(void)detail;
	(void)len;
	return prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) ? -errno : 0;
}
