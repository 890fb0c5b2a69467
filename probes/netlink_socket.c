/* SPDX-License-Identifier: MIT */
/*
 * probe: netlink_socket
 * class: network
 * tries: open a netlink socket (NETLINK_ROUTE), the kernel's interface for
 *   links, routes, firewalls and audit: a large body of kernel code that
 *   ordinary programs reach only through getaddrinfo, which falls back
 *   without it. ESCAPED if the socket is created; it is closed at once.
 * args:
 * control: root
 * expect: BLOCKED(EAFNOSUPPORT)
 * layer: seccomp (socket's AF_NETLINK rule answers EAFNOSUPPORT)
 */
#include "probe.h"

#include <linux/netlink.h>
#include <sys/socket.h>

int main(void)
{
	int fd;

	probe_init();
	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (fd < 0)
		blocked(errno, "socket(AF_NETLINK, NETLINK_ROUTE)");
	close(fd);
	escaped("created a NETLINK_ROUTE socket");
}
