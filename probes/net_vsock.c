/* SPDX-License-Identifier: MIT */
/*
 * probe: net_vsock
 * class: network
 * tries: an AF_VSOCK socket, bound to an ephemeral port: on a virtual
 *   machine this is a channel to the hypervisor's host that no network
 *   namespace confines. Never connects anywhere.
 * args:
 * control: root
 * expect: KILLED(socket), BLOCKED(EAFNOSUPPORT/EPERM/EACCES)
 * layer: seccomp (socket families)
 * skip-ok: no AF_VSOCK in the host kernel (not a VM guest with vsock)
 */
#include "probe.h"

#include <linux/vm_sockets.h>
#include <sys/socket.h>

int main(void)
{
	struct sockaddr_vm sa = { .svm_family = AF_VSOCK };
	socklen_t len = sizeof(sa);
	int fd;

	probe_init();
	fd = socket(AF_VSOCK, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		if (errno == EAFNOSUPPORT && seccomp_mode() == 0)
			skip("AF_VSOCK is not supported by this kernel");
		blocked(errno, "socket(AF_VSOCK)");
	}
	sa.svm_cid = VMADDR_CID_ANY;
	sa.svm_port = VMADDR_PORT_ANY;
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    getsockname(fd, (struct sockaddr *)&sa, &len) < 0)
		escaped("AF_VSOCK socket created (bind: %s)", errname(errno));
	escaped("AF_VSOCK socket bound as cid %u port %u: a channel to the "
		"hypervisor",
		sa.svm_cid, sa.svm_port);
}
