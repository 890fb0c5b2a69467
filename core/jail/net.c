/* SPDX-License-Identifier: MIT */
/*
 * The jail's network: with -n its own network namespace (the clone flag,
 * decided by the plan), set up by the init with the loopback interface up
 * and ping sockets allowed for the jail's group. Without -n the jail shares
 * the host's network and nothing here runs.
 */
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <sched.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "jail.h"

int cj_net_clone_flags(const struct cj_plan *plan)
{
	return plan->new_netns ? CLONE_NEWNET : 0;
}

static int loopback_up(char *detail, size_t len)
{
	struct ifreq ifr = { 0 };
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0), rc = 0;

	snprintf(detail, len, "lo");
	if (fd < 0)
		return -errno;
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "lo");
	if (ioctl(fd, SIOCGIFFLAGS, &ifr) < 0)
		rc = -errno;
	ifr.ifr_flags |= IFF_UP | IFF_RUNNING;
	if (!rc && ioctl(fd, SIOCSIFFLAGS, &ifr) < 0)
		rc = -errno;
	close(fd);
	return rc;
}

/*
 * With -n: loopback up, and ICMP echo ("ping") sockets allowed for the
 * jail's group, a per-namespace sysctl made for unprivileged ping. Runs
 * before the mounts, while /proc/sys is still writable for us; it changes
 * only the jail's own network namespace, and proves it first.
 */
int cj_net_setup(struct cj_jail *j, char *d, size_t l)
{
	const struct cj_plan *plan = j->plan;
	char range[64];
	int fd, rc;
	ssize_t n;

	if (!plan->new_netns)
		return 0;
	rc = cj_ns_prove_own(j, CJ_NS_NET, d, l);
	if (!rc)
		rc = loopback_up(d, l);
	if (rc)
		return rc;
	snprintf(d, l, "/proc/sys/net/ipv4/ping_group_range");
	fd = open(d, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? 0 : -errno;
	/* read in the owner of the network namespace, the host's: host ids */
	n = snprintf(range, sizeof(range), "%u %u",
		     (unsigned)plan->user.host_gid,
		     (unsigned)plan->user.host_gid);
	rc = write(fd, range, (size_t)n) == n ? 0 : -errno;
	close(fd);
	return rc;
}
