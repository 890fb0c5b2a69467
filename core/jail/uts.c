/* SPDX-License-Identifier: MIT */
/*
 * The jail's host name, set in its own UTS namespace (proved first: never
 * the host's).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "jail.h"

int cj_uts_hostname(struct cj_jail *j, char *detail, size_t len)
{
	const char *name = j->plan->hostname;
	int rc = cj_ns_prove_own(j, CJ_NS_UTS, detail, len);

	if (rc)
		return rc;
	snprintf(detail, len, "%s", name);
	return sethostname(name, strlen(name)) ? -errno : 0;
}
