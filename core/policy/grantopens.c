/* SPDX-License-Identifier: MIT */
#include "grantopens.h"

const char *const cj_grant_open_rows[] = { "open", "openat", "creat", NULL };

int cj_policy_grant_opens(struct cj_policy *p)
{
	int rc = 0;

	for (size_t i = 0; cj_grant_open_rows[i] && !rc; i++)
		rc = cj_policy_set(p, cj_grant_open_rows[i],
				   (struct cj_verdict){ CJ_ACT_KILL, 0 });
	return rc;
}
