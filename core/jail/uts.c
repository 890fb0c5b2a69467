/* SPDX-License-Identifier: MIT */
/*
 * The jail's host name, set in its own UTS namespace.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "jail.h"

int cj_uts_hostname(struct cj_jail *j, char *detail, size_t len)
{
	const char *name = j->plan->hostname;

	snprintf(detail, len, "%s", name);
	return sethostname(name, strlen(name)) ? -errno : 0;
}
