/* SPDX-License-Identifier: MIT */
/*
 * Which host setting refused an ordinary user a user namespace, and what
 * to do about it: pure, from the error and the settings' values
 * (rootless.h).
 */
#include <errno.h>
#include <string.h>

#include "exit.h"
#include "rootless.h"

#define RUN_AS_ROOT "or run capejail as root (sudo), which needs none"

int cj_userns_refusal(const char *what, int err,
		      const struct cj_userns_knobs *k, struct cj_err *e)
{
	const char *pre = "capejail is not root, and the kernel refused it "
			  "a user namespace";

	if (err == ENOSPC && k->max_user_namespaces == 0) {
		cj_err_set(e, 0,
			   "%s: %s: %s: user.max_user_namespaces is 0 (user "
			   "namespaces are switched off on this host)",
			   pre, what, strerror(err));
		cj_err_hint(e,
			    "an administrator can allow them with 'sysctl "
			    "-w user.max_user_namespaces=10000', " RUN_AS_ROOT);
	} else if (err == ENOSPC) {
		cj_err_set(e, 0,
			   "%s: %s: %s: the limit of user namespaces is "
			   "reached (user.max_user_namespaces = %lld), or they "
			   "nest deeper than 32",
			   pre, what, strerror(err),
			   (long long)k->max_user_namespaces);
		cj_err_hint(e,
			    "end other sandboxes of yours, ask an "
			    "administrator to raise the limit, " RUN_AS_ROOT);
	} else if ((err == EPERM || err == EACCES) &&
		   k->unprivileged_clone == 0) {
		cj_err_set(e, 0,
			   "%s: %s: %s: kernel.unprivileged_userns_clone is "
			   "0 (only root may make user namespaces here)",
			   pre, what, strerror(err));
		cj_err_hint(
		    e, "an administrator can allow them with 'sysctl "
		       "-w kernel.unprivileged_userns_clone=1', " RUN_AS_ROOT);
	} else if ((err == EPERM || err == EACCES) &&
		   k->apparmor_restrict == 1) {
		cj_err_set(e, 0,
			   "%s: %s: %s: AppArmor restricts unprivileged user "
			   "namespaces (kernel.apparmor_restrict_unprivileged_"
			   "userns = 1)",
			   pre, what, strerror(err));
		cj_err_hint(e, "an administrator can install an AppArmor "
			       "profile for capejail with the 'userns,' rule "
			       "(docs/rootless.md), " RUN_AS_ROOT);
	} else if (err == EPERM || err == EACCES) {
		cj_err_set(e, 0,
			   "%s: %s: %s: no host setting forbids it, so a "
			   "security policy around capejail does: a container "
			   "whose seccomp profile refuses unshare or that "
			   "lacks CAP_SYS_ADMIN, or a chroot",
			   pre, what, strerror(err));
		cj_err_hint(e, "run capejail outside the container or chroot "
			       "(or give the container its own user "
			       "namespaces), " RUN_AS_ROOT);
	} else if (err == EINVAL || err == ENOSYS) {
		cj_err_set(e, 0,
			   "%s: %s: %s: this kernel has no user namespaces "
			   "(CONFIG_USER_NS)",
			   pre, what, strerror(err));
		cj_err_hint(e, "run capejail as root (sudo)");
	} else {
		cj_err_set(e, 0, "%s: %s: %s", pre, what, strerror(err));
		cj_err_hint(e, "run capejail as root (sudo)");
	}
	return CJ_EX_NOPERM;
}
