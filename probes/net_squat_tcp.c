/* SPDX-License-Identifier: MIT */
/*
 * probe: net_squat_tcp
 * class: network
 * tries: bind and listen on a TCP port of 127.0.0.1 in the host's port
 *   space, so that the host's own service could no longer bind it.
 *   Escaped only when the harness's TCP listener is in the same network:
 *   a port of the jail's own namespace is not the host's.
 * args: {port}
 * control: root
 * expect: BLOCKED(ECONNREFUSED)
 * layer: network namespace (the default: the port is the jail's own)
 */
#include "net_squat.h"

int main(int argc, char **argv)
{
	probe_init();
	squat_inet(SOCK_STREAM, arg_long(argc, argv, 1, 0));
}
