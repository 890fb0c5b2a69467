/* SPDX-License-Identifier: MIT */
/*
 * probe: net_abstract
 * class: network
 * tries: connect to the harness's abstract unix socket "@NAME" on the
 *   host: abstract sockets have no file to hide, only the network
 *   namespace separates them (X11, D-Bus, containerd shims use them).
 * args: {abstract}
 * control: root
 * expect: BLOCKED(ECONNREFUSED/EPERM)
 * layer: network namespace (the default); Landlock abstract-socket scope
 *   (EPERM, under --share-net)
 */
#include "probe.h"

int main(int argc, char **argv)
{
	probe_init();
	connect_abstract(arg(argc, argv, 1, "capejail-probe"));
}
