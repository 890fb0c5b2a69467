/* SPDX-License-Identifier: MIT */
/*
 * The jail's own cgroup namespace, entered by its init once the supervisor
 * has placed it in the jail's cgroup: that cgroup becomes the namespace's
 * root, so /proc/self/cgroup reads "0::/" instead of the host's path (and
 * the supervisor's pid in the group's name). The program inherits it.
 */
#include <errno.h>
#include <sched.h>
#include <stdio.h>

#include "jail.h"

int cj_cgroupns_enter(struct cj_jail *j, char *detail, size_t len)
{
	(void)j;
	snprintf(detail, len, "unshare(CLONE_NEWCGROUP)");
	return unshare(CLONE_NEWCGROUP) ? -errno : 0;
}
