/* SPDX-License-Identifier: MIT */
/*
 * Proof that a step runs in the jail's own namespace before it changes a
 * per-namespace setting (the host name, ping_group_range): the namespace's
 * identity, read through the host's /proc, must differ from capejail's
 * own, which the plan recorded. A bug that left the jail in capejail's
 * namespace then stops the jail instead of changing the host.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>

#include "jail.h"

static const char *const names[CJ_NS_COUNT] = {
	[CJ_NS_NET] = "net",
	[CJ_NS_UTS] = "uts",
	[CJ_NS_USER] = "user",
	[CJ_NS_PID] = "pid",
};

int cj_ns_read(int proc, enum cj_ns ns, struct cj_ns_id *out)
{
	char path[32];
	struct stat st;

	snprintf(path, sizeof(path), "self/ns/%s", names[ns]);
	if (fstatat(proc, path, &st, 0))
		return -errno;
	out->dev = st.st_dev;
	out->ino = st.st_ino;
	return 0;
}

int cj_ns_prove_own(const struct cj_jail *j, enum cj_ns ns, char *detail,
		    size_t len)
{
	const struct cj_ns_id *host = &j->plan->host_ns[ns];
	struct cj_ns_id own;
	int rc = cj_ns_read(j->host_proc, ns, &own);

	snprintf(detail, len, "/proc/self/ns/%s", names[ns]);
	if (rc)
		return rc;
	if (own.dev != host->dev || own.ino != host->ino)
		return 0;
	snprintf(detail, len, "%s namespace: capejail's own, not the jail's",
		 names[ns]);
	return -ECANCELED;
}
