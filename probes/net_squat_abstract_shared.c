/* SPDX-License-Identifier: MIT */
/*
 * probe: net_squat_abstract_shared
 * class: network
 * tries: net_squat_abstract under --share-net, where the jail shares the
 *   host's abstract unix names: bind one beside the harness's.
 * args: {abstract}
 * control: root
 * jail-args: --share-net
 * expect: BLOCKED(EACCES)
 * layer: the supervisor decides bind under --share-net (AF_UNIX refused)
 */
#include "net_squat.h"

int main(int argc, char **argv)
{
	probe_init();
	squat_abstract(arg(argc, argv, 1, "capejail-probe"));
}
