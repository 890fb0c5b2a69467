/* SPDX-License-Identifier: MIT */
/*
 * probe: net_squat_tcp_shared
 * class: network
 * tries: net_squat_tcp under --share-net, where the jail shares the host's
 *   network: bind and listen on a TCP port of 127.0.0.1 the host's
 *   service could want.
 * args: {port}
 * control: root
 * jail-args: --share-net
 * expect: BLOCKED(EACCES)
 * layer: the supervisor decides bind under --share-net (no --allow-bind
 *   port); Landlock TCP bind rules (ABI 4+)
 */
#include "net_squat.h"

int main(int argc, char **argv)
{
	probe_init();
	squat_inet(SOCK_STREAM, arg_long(argc, argv, 1, 0));
}
