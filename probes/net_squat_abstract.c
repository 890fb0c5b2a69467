/* SPDX-License-Identifier: MIT */
/*
 * probe: net_squat_abstract
 * class: network
 * tries: bind an abstract unix name the host can see, so that a host
 *   service wanting it could no longer bind it (and its clients would reach
 *   the jail). Landlock scoping stops connecting out, not binding. Escaped
 *   only when the harness's abstract socket is in the same network.
 * args: {abstract}
 * control: root
 * expect: BLOCKED(ENOENT)
 * layer: network namespace (the default: the name is the jail's own)
 */
#include "net_squat.h"

int main(int argc, char **argv)
{
	probe_init();
	squat_abstract(arg(argc, argv, 1, "capejail-probe"));
}
