/* SPDX-License-Identifier: MIT */
/*
 * probe: net_listen
 * class: network
 * tries: under --share-net, bind a TCP socket to 127.0.0.1:0 and listen():
 *   the jail would serve on an ephemeral port of the host's loopback. When
 *   bind fails, listen() is still called: it binds an ephemeral port by
 *   itself. (In the default jail listen is allowed: its network is its
 *   own.)
 * args:
 * control: root
 * jail-args: --share-net
 * expect: BLOCKED(EACCES)
 * layer: the supervisor decides listen under --share-net (no --allow-bind
 *   port)
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
