/* SPDX-License-Identifier: MIT */
/*
 * Landlock, one ruleset for the program:
 *  - scoping (Linux 6.12+, ABI 6): the program may not connect to abstract
 *    unix sockets created outside the jail, nor signal processes outside
 *    it. Under --share-net the jail shares the host's network namespace
 *    and with it the abstract socket namespace (host daemons listening on
 *    "@/..." names); this closes that door on kernels that can.
 *  - under --share-net, network rules (Linux 6.7+, ABI 4): TCP bind only
 *    on the --allow-bind ports and port 0 (an ephemeral port the kernel
 *    picks). The supervisor decides every bind already (broker.c); this
 *    holds even when a policy edit lets bind through the filter. TCP
 *    connect is not handled: outbound connections work.
 *  - with --grant-read/--grant-write, file system rules (ABI 2+): every
 *    right the kernel knows is handled, and all of them are allowed
 *    beneath the jail's root. Nothing changes inside the jail; a host file
 *    the broker handed over (broker_open.c) lies outside it, so the
 *    program can use that descriptor but never open the file again by a
 *    path (/proc/self/fd/N, for more access than granted) nor anything
 *    relative to it. Grants are refused without it (grants.c).
 *
 * Best effort: on older kernels, or with Landlock disabled, what the
 * kernel lacks is not applied (plan.c says so with -v). No privilege is
 * needed; no_new_privs is set.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "jail.h"

#ifndef SYS_landlock_create_ruleset
#define SYS_landlock_create_ruleset 444
#define SYS_landlock_add_rule	    445
#define SYS_landlock_restrict_self  446
#endif

/* The uapi structs as of ABI 6 (older headers lack `scoped`). */
struct cj_landlock_attr {
	uint64_t handled_access_fs;
	uint64_t handled_access_net;
	uint64_t scoped;
};

struct cj_landlock_net_port {
	uint64_t allowed_access;
	uint64_t port;
} __attribute__((packed));

#define CJ_LANDLOCK_CREATE_RULESET_VERSION     (1U << 0)
#define CJ_LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET (1ULL << 0)
#define CJ_LANDLOCK_SCOPE_SIGNAL	       (1ULL << 1)
#define CJ_LANDLOCK_ACCESS_NET_BIND_TCP	       (1ULL << 0)
#define CJ_LANDLOCK_RULE_NET_PORT	       2
#define CJ_LANDLOCK_RULE_PATH_BENEATH	       1

struct cj_landlock_path_beneath {
	uint64_t allowed_access;
	int32_t parent_fd;
} __attribute__((packed));

/* Every file system right of ABI: 13 in ABI 1, REFER (2), TRUNCATE (3),
 * IOCTL_DEV (5). */
static uint64_t fs_rights(int abi)
{
	uint64_t r = (1ULL << 13) - 1;

	if (abi >= 2)
		r |= 1ULL << 13;
	if (abi >= 3)
		r |= 1ULL << 14;
	if (abi >= 5)
		r |= 1ULL << 15;
	return r;
}

/* Everything allowed beneath the jail's root "/", in the ruleset FD. */
static int allow_root(long fd, uint64_t rights)
{
	struct cj_landlock_path_beneath rule = { .allowed_access = rights };
	int root = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC), rc = 0;

	if (root < 0)
		return -errno;
	rule.parent_fd = root;
	if (syscall(SYS_landlock_add_rule, (int)fd,
		    CJ_LANDLOCK_RULE_PATH_BENEATH, &rule, 0))
		rc = -errno;
	close(root);
	return rc;
}

int cj_landlock_abi(void)
{
	long abi = syscall(SYS_landlock_create_ruleset, NULL, 0,
			   CJ_LANDLOCK_CREATE_RULESET_VERSION);

	return abi < 0 ? 0 : (int)abi;
}

/* TCP bind on PORT allowed in the ruleset FD. */
static int allow_port(long fd, uint16_t port)
{
	struct cj_landlock_net_port rule = {
		.allowed_access = CJ_LANDLOCK_ACCESS_NET_BIND_TCP,
		.port = port,
	};

	return syscall(SYS_landlock_add_rule, (int)fd,
		       CJ_LANDLOCK_RULE_NET_PORT, &rule, 0)
		   ? -errno
		   : 0;
}

int cj_landlock_scope(struct cj_jail *j, char *detail, size_t len)
{
	const struct cj_plan *plan = j->plan;
	bool scope = plan->landlock_abi >= CJ_LANDLOCK_ABI_SCOPE;
	/* --filter-only keeps the caller's network and its ports */
	bool net = !plan->new_netns && !plan->filter_only &&
		   plan->landlock_abi >= CJ_LANDLOCK_ABI_NET;
	/* grants.c refused grants without it */
	bool fs =
	    plan->grant_landlock && plan->landlock_abi >= CJ_LANDLOCK_ABI_FS;
	struct cj_landlock_attr attr = {
		.handled_access_fs = fs ? fs_rights(plan->landlock_abi) : 0,
		.handled_access_net = net ? CJ_LANDLOCK_ACCESS_NET_BIND_TCP : 0,
		.scoped = scope ? CJ_LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET |
				      CJ_LANDLOCK_SCOPE_SIGNAL
				: 0,
	};
	long fd;
	int rc = 0;

	if (!scope && !net && !fs)
		return 0; /* not supported here: plan.c noted it */
	/*
	 * Landlock, like seccomp, needs no_new_privs from a process without
	 * CAP_SYS_ADMIN: set in a jail by the credentials step, here for
	 * --filter-only, which skips that step.
	 */
	snprintf(detail, len, "no_new_privs");
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		return -errno;
	snprintf(detail, len, "landlock ruleset");
	fd = syscall(SYS_landlock_create_ruleset, &attr, sizeof(attr), 0);
	if (fd < 0)
		return -errno;
	if (net) {
		rc = allow_port(fd, 0);
		for (size_t i = 0; i < plan->nbind && !rc; i++)
			rc = allow_port(fd, plan->allow_bind[i]);
	}
	if (fs && !rc) {
		snprintf(detail, len, "landlock rule for /");
		rc = allow_root(fd, attr.handled_access_fs);
	}
	if (!rc && syscall(SYS_landlock_restrict_self, (int)fd, 0))
		rc = -errno;
	close((int)fd);
	return rc;
}
