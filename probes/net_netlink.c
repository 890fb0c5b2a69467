/* SPDX-License-Identifier: MIT */
/*
 * probe: net_netlink
 * class: network
 * tries: a NETLINK_ROUTE socket dumping the network interfaces
 *   (RTM_GETLINK); ESCAPED if any interface other than lo is visible,
 *   i.e. the jail shares the host's network stack.
 * args:
 * control: root
 * expect: BLOCKED(none/EAFNOSUPPORT/EPERM), KILLED(socket)
 * layer: seccomp (socket's AF_NETLINK rule answers EAFNOSUPPORT); network
 *   namespace (the default: only the jail's own lo)
 */
#include "probe.h"

#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <sys/socket.h>

int main(void)
{
	struct {
		struct nlmsghdr nh;
		struct ifinfomsg ifi;
	} req;
	char buf[16384], names[512] = "", other[256] = "";
	int fd, done = 0, count = 0;

	probe_init();
	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (fd < 0)
		blocked(errno, "socket(AF_NETLINK, NETLINK_ROUTE)");
	memset(&req, 0, sizeof(req));
	req.nh.nlmsg_len = sizeof(req);
	req.nh.nlmsg_type = RTM_GETLINK;
	req.nh.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	req.nh.nlmsg_seq = 1;
	req.ifi.ifi_family = AF_UNSPEC;
	if (send(fd, &req, sizeof(req), 0) < 0)
		blocked(errno, "send RTM_GETLINK");
	while (!done) {
		ssize_t n = recv(fd, buf, sizeof(buf), 0);
		struct nlmsghdr *nh = (struct nlmsghdr *)buf;

		if (n < 0)
			blocked(errno, "recv RTM_GETLINK");
		for (; NLMSG_OK(nh, (size_t)n); nh = NLMSG_NEXT(nh, n)) {
			struct ifinfomsg *ifi = NLMSG_DATA(nh);
			struct rtattr *rta = IFLA_RTA(ifi);
			int alen = (int)IFLA_PAYLOAD(nh);

			if (nh->nlmsg_type == NLMSG_DONE ||
			    nh->nlmsg_type == NLMSG_ERROR) {
				done = 1;
				break;
			}
			for (; RTA_OK(rta, alen); rta = RTA_NEXT(rta, alen)) {
				const char *name = RTA_DATA(rta);

				if (rta->rta_type != IFLA_IFNAME)
					continue;
				count++;
				strncat(names, " ",
					sizeof(names) - strlen(names) - 1);
				strncat(names, name,
					sizeof(names) - strlen(names) - 1);
				if (strcmp(name, "lo") && !other[0])
					snprintf(other, sizeof(other), "%s",
						 name);
			}
		}
	}
	if (other[0])
		escaped("sees the host's interfaces:%s", names);
	blocked(0, "sees %d interface(s):%s", count, names);
}
