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

#include <stddef.h>
#include <sys/socket.h>
#include <sys/un.h>

int main(int argc, char **argv)
{
	const char *name = arg(argc, argv, 1, "capejail-probe");
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	size_t len = strlen(name);
	char buf[128];
	ssize_t n;
	int fd;

	probe_init();
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
