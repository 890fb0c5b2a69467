/* SPDX-License-Identifier: MIT */
/*
 * The policy of a jail with --grant-read or --grant-write: open, openat
 * and creat all reach the supervisor (a kill row is a notification in
 * notify mode), which judges each by the policy as it was (eval.h) before
 * brokering it (core/jail/broker_open.c).
 */
#ifndef CAPEJAIL_GRANTOPENS_H
#define CAPEJAIL_GRANTOPENS_H

#include "policy.h"

/* The rows changed, NULL-terminated. */
extern const char *const cj_grant_open_rows[];

/* Set them to kill in P, their argument rules dropped. 0 or -errno. */
int cj_policy_grant_opens(struct cj_policy *p);

#endif
