/* SPDX-License-Identifier: MIT */
/*
 * probe: net_connect_shared
 * class: network
 * tries: under --share-net, connect to the harness's TCP listener on the
 *   host's loopback (allowed: the jail is a client of the host's network),
 *   then serve on the same 127.0.0.1: listen on an unbound socket, which
 *   would bind an ephemeral host port by itself. Connect only: the listen
 *   must fail.
 * args: {port}
 * control: root
 * jail-args: --share-net
 * expect: BLOCKED(EACCES)
 * layer: the supervisor decides listen under --share-net (a failed
 *   connect is reported with its own errno, not EACCES)
 */
#include "net_squat.h"

int main(int argc, char **argv)
{
	long port = arg_long(argc, argv, 1, 0);
	int err, fd;

	probe_init();
	err = host_listener_here(port);
	/* Its own errno: the expected EACCES proves the connect worked. */
	if (err)
		blocked(err,
			"connect to the host's 127.0.0.1:%ld (should work "
			"under --share-net)",
			port);
	fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		blocked(errno, "socket(AF_INET, SOCK_STREAM)");
	if (listen(fd, 1) < 0)
		blocked(errno,
			"connected to the host's 127.0.0.1:%ld; listen "
			"on an unbound TCP socket",
			port);
	escaped("connected to the host's listener; listening on an ephemeral "
		"port of the host's loopback");
}
