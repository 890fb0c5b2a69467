/* SPDX-License-Identifier: MIT */
/*
 * Squatting, shared by the net_squat_* probes: take a local address the
 * host's services could want (a TCP or UDP port on 127.0.0.1, an abstract
 * unix name), then prove the address is the host's: the harness's own
 * services (its TCP listener, its abstract socket) are in the same network
 * namespace. Bound only in the jail's own namespace is not an escape.
 */
#ifndef PROBE_NET_SQUAT_H
#define PROBE_NET_SQUAT_H

#include "probe.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>

/* Is the harness's TCP listener on 127.0.0.1:PORT here? 0, or errno. */
static inline int host_listener_here(long port)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), err = 0;

	sa.sin_port = htons((unsigned short)port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		err = errno;
	if (fd >= 0)
		close(fd);
	return err;
}

/*
 * Bind TYPE (SOCK_STREAM: and listen) on a port of 127.0.0.1 between 20000
 * and 29999 that nobody holds; ESCAPED when the harness's listener on
 * HOSTPORT shares the namespace, else BLOCKED.
 */
static inline __attribute__((noreturn)) void squat_inet(int type, long hostport)
{
	const char *what = type == SOCK_STREAM ? "TCP" : "UDP";
	struct sockaddr_in sa = { .sin_family = AF_INET };
	unsigned port = 0;
	int fd = socket(AF_INET, type | SOCK_CLOEXEC, 0), err;

	if (fd < 0)
		blocked(errno, "socket(AF_INET, %s)", what);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	srand((unsigned)getpid() ^ (unsigned)time(NULL));
	for (int i = 0; i < 64; i++) {
		port = 20000 + (unsigned)rand() % 10000;
		sa.sin_port = htons((unsigned short)port);
		if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0)
			break;
		if (errno != EADDRINUSE)
			blocked(errno, "bind %s 127.0.0.1:%u", what, port);
		port = 0;
	}
	if (!port)
		blocked(EADDRINUSE, "64 random %s ports all taken", what);
	if (type == SOCK_STREAM && listen(fd, 1) < 0)
		blocked(errno, "listen on TCP 127.0.0.1:%u", port);
	err = host_listener_here(hostport);
	if (err)
		blocked(err,
			"bound %s 127.0.0.1:%u, but the harness's listener on "
			"port %ld is not here: the port is the jail's own",
			what, port, hostport);
	escaped("holding the host's %s 127.0.0.1:%u (the harness's listener "
		"on port %ld shares this network): the host's own service "
		"could no longer bind it",
		what, port, hostport);
}

/* Is "@NAME" in /proc/net/unix, the sockets of this network namespace? */
static inline bool abstract_name_here(const char *name)
{
	char line[512], want[160];
	FILE *f = fopen("/proc/net/unix", "re");
	bool found = false;

	if (!f)
		return false;
	snprintf(want, sizeof(want), " @%s\n", name);
	while (!found && fgets(line, sizeof(line), f)) {
		size_t n = strlen(line), w = strlen(want);

		found = n >= w && strcmp(line + n - w, want) == 0;
	}
	fclose(f);
	return found;
}

/*
 * Bind the abstract name "@capejail-squat-PID-N"; ESCAPED when the
 * harness's abstract socket "@HOSTNAME" shares the namespace.
 */
static inline __attribute__((noreturn)) void squat_abstract(const char *host)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0), n;

	if (fd < 0)
		blocked(errno, "socket(AF_UNIX)");
	srand((unsigned)getpid() ^ (unsigned)time(NULL));
	n = snprintf(sa.sun_path + 1, sizeof(sa.sun_path) - 1,
		     "capejail-squat-%d-%d", (int)getpid(), rand());
	if (bind(fd, (struct sockaddr *)&sa,
		 (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + n)) <
	    0)
		blocked(errno, "bind abstract @%s", sa.sun_path + 1);
	if (!abstract_name_here(host))
		blocked(ENOENT,
			"bound @%s, but the harness's @%s is not in "
			"/proc/net/unix: the name is the jail's own",
			sa.sun_path + 1, host);
	escaped("holding the abstract name @%s beside the host's @%s: a host "
		"service wanting that name could no longer bind it",
		sa.sun_path + 1, host);
}

#endif
