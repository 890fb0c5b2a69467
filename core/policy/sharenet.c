/* SPDX-License-Identifier: MIT */
/*
 * The --share-net rows (sharenet.def) and the policy they make.
 */
#include <errno.h>
#include <string.h>

#include "compiler.h"
#include "sharenet.h"

#define ALLOW			       CJ_ACT_ALLOW, 0
#define KILL			       CJ_ACT_KILL, 0
#define CJ_SHARENET(name, action, why) { #name, { action }, why },
static const struct cj_net_row rows[] = {
#include "sharenet.def"
};
#undef CJ_SHARENET
#undef KILL
#undef ALLOW

const struct cj_net_row *cj_sharenet_rows(size_t *count)
{
	*count = CJ_ARRAY_SIZE(rows);
	return rows;
}

const struct cj_net_row *cj_sharenet_find(const char *name)
{
	for (size_t i = 0; i < CJ_ARRAY_SIZE(rows); i++)
		if (strcmp(rows[i].name, name) == 0)
			return &rows[i];
	return NULL;
}

int cj_policy_share_net(struct cj_policy *p)
{
	for (size_t i = 0; i < CJ_ARRAY_SIZE(rows); i++) {
		int rc = cj_policy_set(p, rows[i].name, rows[i].verdict);

		if (rc)
			return rc;
	}
	return 0;
}
