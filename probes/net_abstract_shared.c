/* SPDX-License-Identifier: MIT */
/*
 * probe: net_abstract_shared
 * class: network
 * tries: net_abstract under --share-net, where the jail shares the host's
 *   abstract unix names: connect to the harness's "@NAME". Only Landlock's
 *   abstract-socket scope (Linux 6.12+, ABI 6) stops it; the harness
 *   passes the host's Landlock ABI, and below 6 both sides SKIP.
 * args: {abstract} {landlock-abi}
 * control: root
 * jail-args: --share-net
 * expect: BLOCKED(EPERM)
 * layer: Landlock abstract-socket scope (ABI 6+)
 * skip-ok: Landlock ABI below 6 (no abstract-socket scope)
 */
#include "probe.h"

#include <stddef.h>
#include <sys/socket.h>
#include <sys/un.h>

int main(int argc, char **argv)
{
	const char *name = arg(argc, argv, 1, "capejail-probe");
	long abi = arg_long(argc, argv, 2, -1);
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	size_t len = strlen(name);
	char buf[128];
	ssize_t n;
	int fd;

	probe_init();
	if (abi < 6)
		skip("the host's Landlock ABI is %ld, below 6: no "
		     "abstract-socket scope on this kernel",
		     abi);
	if (len + 1 > sizeof(sa.sun_path))
		len = sizeof(sa.sun_path) - 1;
	memcpy(sa.sun_path + 1, name, len);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		blocked(errno, "socket(AF_UNIX)");
	if (connect(fd, (struct sockaddr *)&sa,
		    (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 +
				len)) < 0)
		blocked(errno, "connect to abstract socket @%s", name);
	n = read(fd, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = '\0';
	escaped("connected to the host's abstract socket @%s, it said: %s",
		name, chomp(buf));
}
