/* SPDX-License-Identifier: MIT */
/*
 * probe: net_raw
 * class: network
 * tries: an AF_INET raw socket (IPPROTO_ICMP): forging IP packets.
 * args:
 * control: root
 * expect: KILLED(socket), BLOCKED(EPERM/EAFNOSUPPORT/EACCES/EPROTONOSUPPORT)
 * layer: seccomp (socket types: SOCK_RAW answers EPROTONOSUPPORT); privileges
 *   (no CAP_NET_RAW)
 */
#include "probe.h"

#include <netinet/in.h>
#include <sys/socket.h>

int main(void)
{
	int fd;

	probe_init();
	fd = socket(AF_INET, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_ICMP);
	if (fd < 0)
		blocked(errno, "socket(AF_INET, SOCK_RAW, IPPROTO_ICMP)");
	escaped("raw IPv4 socket created (fd %d)", fd);
}
