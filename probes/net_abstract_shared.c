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

int main(int argc, char **argv)
{
	const char *name = arg(argc, argv, 1, "capejail-probe");
	long abi = arg_long(argc, argv, 2, -1);

	probe_init();
	if (abi < 6)
		skip("the host's Landlock ABI is %ld, below 6: no "
		     "abstract-socket scope on this kernel",
		     abi);
	connect_abstract(name);
}
