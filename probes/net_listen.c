/* SPDX-License-Identifier: MIT */
/*
 * probe: net_listen
 * class: network
 * tries: bind a TCP socket and listen(): a jailed program must not offer
 *   services. When bind fails (no 127.0.0.1 in the jail's namespace),
 *   listen() is still called: it binds an ephemeral port by itself.
 * args:
 * control: root
 * expect: KILLED(listen)
 * layer: seccomp (listen is killed); network namespace (-n)
 */
#include "probe.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

int main(void)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	socklen_t len = sizeof(sa);
	int fd;

	probe_init();
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		blocked(errno, "socket(AF_INET, SOCK_STREAM)");
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		note("bind 127.0.0.1:0: %s; listen anyway", errname(errno));
	if (listen(fd, 1) < 0)
		blocked(errno, "listen");
	if (getsockname(fd, (struct sockaddr *)&sa, &len) < 0)
		escaped("listening (getsockname: %s)", errname(errno));
	escaped("listening on %s:%u", inet_ntoa(sa.sin_addr),
		ntohs(sa.sin_port));
}
