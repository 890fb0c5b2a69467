/* SPDX-License-Identifier: MIT */
/*
 * probe: mptcp
 * class: network
 * tries: create an MPTCP socket, a protocol ordinary programs never need
 *   (its kernel code is extra attack surface). ESCAPED if the socket is
 *   created; the socket is closed at once and never connected.
 * args:
 * control: root
 * expect: BLOCKED(EPROTONOSUPPORT)
 * skip-ok: no MPTCP in the host kernel (net.mptcp.enabled=0 or not built)
 * layer: seccomp (socket's protocol rule)
 */
#include "probe.h"

#include <netinet/in.h>
#include <sys/socket.h>

#ifndef IPPROTO_MPTCP
#define IPPROTO_MPTCP 262
#endif

int main(void)
{
	int fd;

	probe_init();
	fd = socket(AF_INET, SOCK_STREAM, IPPROTO_MPTCP);
	if (fd >= 0) {
		close(fd);
		escaped("created an MPTCP socket");
	}
	if (errno == EPROTONOSUPPORT && seccomp_mode() == 0)
		skip("no MPTCP in the host kernel (net.mptcp.enabled=0 or not "
		     "built): EPROTONOSUPPORT with no filter");
	blocked(errno, "socket(AF_INET, SOCK_STREAM, IPPROTO_MPTCP)");
}
