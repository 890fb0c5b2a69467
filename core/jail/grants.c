/* SPDX-License-Identifier: MIT */
/*
 * --grant-read and --grant-write, before the jail: each grant opened in
 * the host's view (O_PATH; a granted file by its parent directory and its
 * name, and which file it was), the broker's judge of an open made (the
 * policy as the options made it, compiled), and the filter changed to send
 * every open to the supervisor (broker_open.c). Landlock keeps what the
 * broker hands out from leading anywhere (landlock.c): without a Landlock
 * that handles the file system (ABI 2, Linux 5.19), grants are refused.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "grantopens.h"
#include "jail.h"

/* Open grant G into O, in the host's view. 0 or a cj_exit with E set. */
static int open_one(const struct cj_grant *g, struct cj_grant_open *o,
		    struct cj_err *e)
{
	const char *opt = g->write ? "--grant-write" : "--grant-read";
	int fd = open(g->path, O_PATH | O_CLOEXEC);
	struct stat st;
	const char *slash;

	o->g = *g;
	o->dirfd = -1;
	if (fd < 0 || fstat(fd, &st)) {
		cj_err_set(e, CJ_EX_BIND, "%s %s: %s", opt, g->path,
			   strerror(errno));
		cj_err_hint(e, "grant a file or directory that exists");
		if (fd >= 0)
			close(fd);
		return CJ_EX_BIND;
	}
	if (S_ISDIR(st.st_mode)) {
		o->dirfd = fd;
		o->name[0] = '\0';
		return 0;
	}
	close(fd);
	if (!S_ISREG(st.st_mode))
		return cj_err_set(e, CJ_EX_BIND,
				  "%s %s: neither a regular file nor a "
				  "directory (only those can be granted)",
				  opt, g->path);
	slash = strrchr(g->path, '/');
	if (strlen(slash + 1) >= sizeof(o->name))
		return cj_err_set(e, CJ_EX_BIND, "%s %s: file name too long",
				  opt, g->path);
	snprintf(o->name, sizeof(o->name), "%s", slash + 1);
	{
		char parent[CJ_GRANT_PATH_MAX];

		snprintf(parent, sizeof(parent), "%.*s",
			 slash == g->path ? 1 : (int)(slash - g->path),
			 g->path);
		o->dirfd = open(parent, O_PATH | O_DIRECTORY | O_CLOEXEC);
	}
	if (o->dirfd < 0)
		return cj_err_set(e, CJ_EX_BIND, "%s %s: its directory: %s",
				  opt, g->path, strerror(errno));
	o->dev = st.st_dev;
	o->ino = st.st_ino;
	return 0;
}

int cj_grants_open(struct cj_plan *plan, const struct cj_opts *o,
		   const struct cj_msgs *msgs, struct cj_err *e)
{
	int rc;

	plan->broker_log = -1;
	if (!o->ngrants && !o->broker_log)
		return 0;
	if (o->ngrants && cj_landlock_abi() < CJ_LANDLOCK_ABI_FS)
		return cj_err_set(
		    e, CJ_EX_UNAVAILABLE,
		    "--grant-read/--grant-write need Landlock with file "
		    "system rules (ABI %d, Linux 5.19); this kernel has "
		    "ABI %d: a descriptor of a host file could otherwise "
		    "be reopened for more than the grant",
		    CJ_LANDLOCK_ABI_FS, cj_landlock_abi());
	for (size_t i = 0; i < o->ngrants; i++) {
		rc = open_one(&o->grants[i], &plan->grants[i], e);
		plan->ngrants = i + (rc ? 0 : 1);
		if (rc)
			return rc;
		cj_msgs_note(msgs,
			     "%s %s: opened by the supervisor for the jail "
			     "(regular files only, beneath it, no symlinks)",
			     o->grants[i].write ? "--grant-write"
						: "--grant-read",
			     o->grants[i].path);
	}
	plan->grant_landlock =
	    o->ngrants && !cj_layer_knocked_out("grant_landlock");
	if (o->broker_log) {
		plan->broker_log = open(
		    o->broker_log,
		    O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOCTTY, 0600);
		if (plan->broker_log < 0)
			return cj_err_set(e, CJ_EX_CANTCREAT,
					  "--broker-log %s: cannot open it "
					  "for appending: %s",
					  o->broker_log, strerror(errno));
	}
	return 0;
}

/*
 * The policy as the options made it (compiled as POLICY_BPF when given:
 * the precompiled default) judges each open first; the filter sends open,
 * openat and creat to the supervisor (grantopens.h). 0, or a cj_exit with
 * E set.
 */
int cj_grants_policy(struct cj_plan *plan, const struct cj_bpf *policy_bpf,
		     struct cj_err *e)
{
	int rc;

	if (!plan->ngrants)
		return 0;
	if (!plan->notify)
		return cj_err_set(e, CJ_EX_PROFILE,
				  "--grant-read/--grant-write: the policy "
				  "does not allow sendmsg, with which the "
				  "program hands capejail the filter's "
				  "listener: every open would kill the jail");
	rc = cj_policy_copy(&plan->grant_policy, &plan->policy);
	if (!rc) {
		rc = policy_bpf
			 ? cj_eval_init_bpf(&plan->grant_eval,
					    &plan->grant_policy, policy_bpf)
			 : cj_eval_init(&plan->grant_eval, &plan->grant_policy);
		plan->grant_eval_ready = !rc;
	}
	if (!rc)
		cj_eval_bind_ids(&plan->grant_eval, plan->user.uid,
				 plan->user.gid);
	if (!rc)
		rc = cj_policy_grant_opens(&plan->policy);
	return rc ? cj_err_set(e, CJ_EX_SOFTWARE,
			       "--grant-read/--grant-write: the policy for "
			       "the broker: %s",
			       strerror(-rc))
		  : 0;
}

void cj_grants_close(struct cj_plan *plan)
{
	for (size_t i = 0; i < plan->ngrants; i++)
		if (plan->grants[i].dirfd >= 0)
			close(plan->grants[i].dirfd);
	plan->ngrants = 0;
	if (plan->grant_eval_ready)
		cj_eval_free(&plan->grant_eval);
	plan->grant_eval_ready = false;
	cj_policy_free(&plan->grant_policy);
	if (plan->broker_log >= 0)
		close(plan->broker_log);
	plan->broker_log = -1;
}
