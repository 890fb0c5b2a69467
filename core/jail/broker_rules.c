/* SPDX-License-Identifier: MIT */
/*
 * What the --share-net broker lets through (broker.h). Pure: no syscalls.
 */
#include <errno.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <string.h>
#include <sys/socket.h>

#include "broker.h"

static bool listed(uint16_t port, const struct cj_bind_ports *allow)
{
	for (size_t i = 0; i < allow->n; i++)
		if (allow->ports[i] == port)
			return true;
	return false;
}

/*
 * The port of an AF_INET or AF_INET6 address of LEN bytes, in host order;
 * -EINVAL when LEN is shorter than the kernel accepts for FAMILY.
 */
static int inet_port(int family, const void *addr, size_t len)
{
	/* sin_port and sin6_port sit at the same offset. */
	size_t min = family == AF_INET ? sizeof(struct sockaddr_in)
				       : 24 /* SIN6_LEN_RFC2133 */;
	struct sockaddr_in sin;

	if (len < min)
		return -EINVAL;
	memcpy(&sin, addr, sizeof(sin));
	return ntohs(sin.sin_port);
}

int cj_broker_bind_verdict(int family, const void *addr, size_t len,
			   const struct cj_bind_ports *allow)
{
	int port;

	if (family != AF_INET && family != AF_INET6)
		return -EACCES; /* AF_UNIX: paths, abstract names, autobind */
	port = inet_port(family, addr, len);
	if (port < 0)
		return port;
	return port == 0 || listed((uint16_t)port, allow) ? 0 : -EACCES;
}

int cj_broker_listen_verdict(const struct sockaddr_storage *bound, size_t len,
			     const struct cj_bind_ports *allow)
{
	int port;

	if (bound->ss_family != AF_INET && bound->ss_family != AF_INET6)
		return -EACCES;
	port = inet_port(bound->ss_family, bound, len);
	return port > 0 && listed((uint16_t)port, allow) ? 0 : -EACCES;
}
