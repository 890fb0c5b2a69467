/* SPDX-License-Identifier: MIT */
/*
 * --connect HOST:PORT (capejail.h): the addresses a jail with a network of
 * its own may still reach on the host, through the broker (broker.c).
 * Pure: parsing and matching.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "capejail.h"

static int bad(char *err, size_t len, const char *spec, const char *why)
{
	snprintf(err, len,
		 "--connect '%s': %s (HOST:PORT, HOST an IPv4 address, "
		 "[IPv6] or localhost)",
		 spec, why);
	return CJ_EX_USAGE;
}

int cj_connect_parse(const char *spec, struct cj_connect *c, char *err,
		     size_t errlen)
{
	char host[64];
	const char *colon = strrchr(spec, ':');
	char *end = NULL;
	unsigned long port;
	size_t hl;

	memset(c, 0, sizeof(*c));
	if (!colon || strlen(spec) >= sizeof(c->spec))
		return bad(err, errlen, spec, "no port");
	snprintf(c->spec, sizeof(c->spec), "%s", spec);
	port = strtoul(colon + 1, &end, 10);
	if (!colon[1] || *end || colon[1] == '-' || colon[1] == '+' ||
	    port == 0 || port > 65535)
		return bad(err, errlen, spec, "the port must be 1 to 65535");
	c->port = (uint16_t)port;
	hl = (size_t)(colon - spec);
	if (hl >= sizeof(host))
		return bad(err, errlen, spec, "host too long");
	memcpy(host, spec, hl);
	host[hl] = '\0';
	if (strcmp(host, "localhost") == 0)
		snprintf(host, sizeof(host), "127.0.0.1");
	if (host[0] == '[' && hl > 2 && host[hl - 1] == ']') {
		host[hl - 1] = '\0';
		c->family = AF_INET6;
		if (inet_pton(AF_INET6, host + 1, c->addr) == 1)
			return 0;
	} else if (inet_pton(AF_INET, host, c->addr) == 1) {
		c->family = AF_INET;
		return 0;
	}
	return bad(err, errlen, spec,
		   "not an address (names are not looked up)");
}

bool cj_connect_listed(const struct cj_connect *list, size_t n,
		       const void *addr, size_t len)
{
	sa_family_t family;

	if (len < sizeof(family))
		return false;
	memcpy(&family, addr, sizeof(family));
	for (size_t i = 0; i < n; i++) {
		const struct cj_connect *c = &list[i];

		if (c->family != family)
			continue;
		if (family == AF_INET && len >= sizeof(struct sockaddr_in)) {
			struct sockaddr_in in;

			memcpy(&in, addr, sizeof(in));
			if (ntohs(in.sin_port) == c->port &&
			    memcmp(&in.sin_addr, c->addr, 4) == 0)
				return true;
		} else if (family == AF_INET6 &&
			   len >= sizeof(struct sockaddr_in6)) {
			struct sockaddr_in6 in6;

			memcpy(&in6, addr, sizeof(in6));
			if (ntohs(in6.sin6_port) == c->port &&
			    memcmp(&in6.sin6_addr, c->addr, 16) == 0)
				return true;
		}
	}
	return false;
}

const char *cj_connect_text(const struct sockaddr_storage *addr, size_t len,
			    char *buf, size_t buflen)
{
	char host[INET6_ADDRSTRLEN] = "?";
	const struct sockaddr_in *in = (const struct sockaddr_in *)addr;
	const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)addr;

	if (addr->ss_family == AF_INET && len >= sizeof(*in)) {
		inet_ntop(AF_INET, &in->sin_addr, host, sizeof(host));
		snprintf(buf, buflen, "%s:%u", host, ntohs(in->sin_port));
	} else if (addr->ss_family == AF_INET6 && len >= sizeof(*in6)) {
		inet_ntop(AF_INET6, &in6->sin6_addr, host, sizeof(host));
		snprintf(buf, buflen, "[%s]:%u", host, ntohs(in6->sin6_port));
	} else {
		snprintf(buf, buflen, "family %d", addr->ss_family);
	}
	return buf;
}
