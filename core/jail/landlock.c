/* SPDX-License-Identifier: MIT */
/*
 * Landlock scoping (Linux 6.12+, ABI 6): the program may not connect to
 * abstract unix sockets created outside the jail, nor signal processes
 * outside it. Without -n the jail shares the host's network namespace and
 * with it the abstract socket namespace (host daemons listening on
 * "@/..." names); this closes that door on kernels that can.
 *
 * Best effort: on older kernels, or with Landlock disabled, nothing is
 * scoped (use -n there). No privilege is needed; no_new_privs is set.
 */
#include <errno.h>
#include <stdint.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "jail.h"

#ifndef SYS_landlock_create_ruleset
#define SYS_landlock_create_ruleset 444
#define SYS_landlock_restrict_self  446
#endif

/* The uapi struct as of ABI 6 (older headers lack `scoped`). */
struct cj_landlock_attr {
	uint64_t handled_access_fs;
	uint64_t handled_access_net;
	uint64_t scoped;
};

#define CJ_LANDLOCK_CREATE_RULESET_VERSION     (1U << 0)
#define CJ_LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET (1ULL << 0)
#define CJ_LANDLOCK_SCOPE_SIGNAL	       (1ULL << 1)

int cj_landlock_abi(void)
{
	long abi = syscall(SYS_landlock_create_ruleset, NULL, 0,
			   CJ_LANDLOCK_CREATE_RULESET_VERSION);

	return abi < 0 ? 0 : (int)abi;
}

int cj_landlock_scope(struct cj_jail *j, char *detail, size_t len)
{
	struct cj_landlock_attr attr = {
		.scoped = CJ_LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET |
			  CJ_LANDLOCK_SCOPE_SIGNAL,
	};
	long fd;
	int rc = 0;

	if (j->plan->landlock_abi < CJ_LANDLOCK_ABI_SCOPE)
		return 0; /* not supported here: documented, -n covers it */
	/*
	 * Landlock, like seccomp, needs no_new_privs from a process without
	 * CAP_SYS_ADMIN: set in a jail by the credentials step, here for
	 * --filter-only, which skips that step.
	 */
	snprintf(detail, len, "no_new_privs");
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		return -errno;
	snprintf(detail, len, "landlock scope");
	fd = syscall(SYS_landlock_create_ruleset, &attr, sizeof(attr), 0);
	if (fd < 0)
		return -errno;
	if (syscall(SYS_landlock_restrict_self, (int)fd, 0))
		rc = -errno;
	close((int)fd);
	return rc;
}
