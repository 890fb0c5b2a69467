/* SPDX-License-Identifier: MIT */
/*
 * probe: setsockopt_filter
 * class: kernel attack surface
 * tries: attach a classic BPF filter (SO_ATTACH_FILTER) to a UDP socket:
 *   a program the kernel checks, translates and runs on every packet,
 *   code with a history of exploits. ESCAPED if the filter is attached;
 *   it accepts every packet and the socket is never used.
 * args:
 * control: root
 * expect: KILLED(setsockopt)
 * layer: seccomp (setsockopt's option rule)
 */
#include "probe.h"

#include <linux/filter.h>
#include <sys/socket.h>

int main(void)
{
	struct sock_filter accept_all[] = {
		BPF_STMT(BPF_RET | BPF_K, 0xffffffffu),
	};
	struct sock_fprog prog = { 1, accept_all };
	int fd;

	probe_init();
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		blocked(errno, "socket(AF_INET, SOCK_DGRAM)");
	if (setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &prog, sizeof(prog)))
		blocked(errno, "setsockopt(SO_ATTACH_FILTER)");
	close(fd);
	escaped("attached a BPF filter to a UDP socket");
}
