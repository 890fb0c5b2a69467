/* SPDX-License-Identifier: MIT */
/*
 * Internal interface between the supervisor (outside) and the jail's init
 * and program (inside). Not part of the public API.
 */
#ifndef CAPEJAIL_JAIL_H
#define CAPEJAIL_JAIL_H

#include <stddef.h>

#include "capejail.h"
#include "compiler.h"

/* File descriptors the jail's init holds, at fixed numbers. */
enum {
	CJ_FD_STATUS = 3, /* write end of the status pipe */
	CJ_FD_LIFELINE =
	    4, /* read end: one "go" byte, then EOF = supervisor gone */
	CJ_FD_NOTIFY = 5, /* socket carrying the seccomp listener fd out */
	CJ_FD_FIRST_FREE = 6,
};

/* Messages on the status pipe (each one atomic: smaller than PIPE_BUF). */
enum cj_msg_type {
	CJ_MSG_SETUP_ERROR = 1, /* a step failed; the program never ran */
	CJ_MSG_EXIT = 2, /* the program ended; status is its wait status */
};

struct cj_msg {
	int type;
	int err;
	int status;
	char step[64];
	char detail[256];
};

/* CLONE_NEWNET when the plan gives the jail its own network, else 0. */
int cj_net_clone_flags(const struct cj_plan *plan);

/* In the child, before anything else. Never returns. */
CJ_NORETURN void cj_child_main(const struct cj_plan *plan);

/* Steps; each returns 0 or -errno and names the object in DETAIL. */
int cj_mount_setup(const struct cj_plan *plan, char *detail, size_t len);
int cj_drop_privileges(const struct cj_user *u, char *detail, size_t len);
int cj_net_setup(const struct cj_plan *plan, char *detail, size_t len);
/* Landlock ABI version, 0 without Landlock; asked once, by the plan. */
int cj_landlock_abi(void);
/* The first ABI that scopes abstract unix sockets and signals (6.12). */
#define CJ_LANDLOCK_ABI_SCOPE 6
/* Scope abstract unix sockets and signals to the jail where the plan's
 * ABI can. */
int cj_landlock_scope(const struct cj_plan *plan, char *detail, size_t len);
int cj_apply_rlimits(const struct cj_limits *l, char *detail, size_t len);

#endif
