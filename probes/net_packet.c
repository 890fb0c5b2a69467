/* SPDX-License-Identifier: MIT */
/*
 * probe: net_packet
 * class: network
 * tries: an AF_PACKET raw socket: sniffing and forging frames below IP.
 * args:
 * control: root
 * expect: KILLED(socket), BLOCKED(EPERM/EAFNOSUPPORT/EACCES)
 * layer: seccomp (socket families); privileges (no CAP_NET_RAW)
 */
#include "probe.h"

#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <sys/socket.h>

int main(void)
{
	int fd;

	probe_init();
	fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, htons(ETH_P_ALL));
	if (fd < 0)
		blocked(errno, "socket(AF_PACKET, SOCK_RAW)");
	escaped("AF_PACKET raw socket created (fd %d)", fd);
}
