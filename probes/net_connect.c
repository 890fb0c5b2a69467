/* SPDX-License-Identifier: MIT */
/*
 * probe: net_connect
 * class: network
 * tries: connect to the harness's TCP listener on the host's loopback
 *   (127.0.0.1:PORT) and read its greeting: the host's local services
 *   (databases, metadata endpoints, agents) must be out of reach.
 * args: {port}
 * control: root
 * expect: BLOCKED(ECONNREFUSED/ENETUNREACH)
 * layer: network namespace (the default: the jail's own loopback)
 */
#include "probe.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

int main(int argc, char **argv)
{
	long port = arg_long(argc, argv, 1, 1);
	struct sockaddr_in sa = { .sin_family = AF_INET };
	char buf[128];
	ssize_t n;
	int fd;

	probe_init();
	sa.sin_port = htons((unsigned short)port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		blocked(errno, "socket(AF_INET, SOCK_STREAM)");
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		blocked(errno, "connect 127.0.0.1:%ld", port);
	n = read(fd, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = '\0';
	escaped("connected to the host's 127.0.0.1:%ld, it said: %s", port,
		chomp(buf));
}
