/* SPDX-License-Identifier: MIT */
/*
 * The jail's steps, one table from the first set-up step to execve: what
 * each is called (for people only), which process runs it and capejail's
 * exit status when it fails. Each step is a function in the file of its
 * layer; this file holds only their order.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "jail.h"

struct step_row {
	const char *name; /* for people only: never compared */
	cj_step_fn *fn;
	enum cj_runner by;
	int code;	 /* exit status when it fails */
	int code_enoent; /* exit status when it fails with ENOENT; 0: CODE */
	bool jail;	 /* builds the jail: skipped by --filter-only */
};

/*
 * Indexed by enum cj_step, whose order is the order they run in, and the
 * design: the network before the mounts (its sysctl lives in /proc/sys,
 * read-only afterwards), the cgroup placed before the credentials drop,
 * the user namespace entered after the mounts, rlimits and cgroup (made as
 * host root, they stay the host's) and before the credentials drop (it
 * hands out every capability, which the drop then takes away), the
 * parent-death signal set again after them (a credential change clears
 * it), the filter last before the descriptors close (its listener goes out
 * first). Do not reorder. --filter-only runs every step but those that
 * build the jail (the namespaces' settings, the mounts, the user): the
 * supervisor, the lifeline, the rlimits, Landlock, the filter and the
 * closing of descriptors are the same.
 */
static const struct step_row steps[CJ_STEP_COUNT] = {
	[CJ_STEP_TIE] = { "tie the jail to capejail", cj_lifeline_tie,
			  CJ_BY_INIT, CJ_EX_OSERR, 0 },
	[CJ_STEP_NET] = { "set up the network namespace", cj_net_setup,
			  CJ_BY_INIT, CJ_EX_OSERR, 0, true },
	[CJ_STEP_MOUNTS] = { "set up mounts", cj_mount_setup, CJ_BY_INIT,
			     CJ_EX_OSERR, 0, true },
	/* On the jail's paths, after pivot_root (procmask.c). */
	[CJ_STEP_PROCMASK] = { "mask /proc and /sys", cj_procmask_apply,
			       CJ_BY_INIT, CJ_EX_OSERR, 0, true },
	[CJ_STEP_INITNAME] = { "name the init", cj_initname_set, CJ_BY_INIT,
			       CJ_EX_OSERR, 0, true },
	[CJ_STEP_NOCODE] = { "forbid executable memory files", cj_nocode_memfd,
			     CJ_BY_INIT, CJ_EX_OSERR, 0, true },
	[CJ_STEP_HOSTNAME] = { "set the host name", cj_uts_hostname, CJ_BY_INIT,
			       CJ_EX_OSERR, 0, true },
	[CJ_STEP_CHDIR] = { "change to the working directory", cj_mount_chdir,
			    CJ_BY_INIT, CJ_EX_NODIR, 0 },
	[CJ_STEP_RLIMITS] = { "set resource limits", cj_rlimit_apply,
			      CJ_BY_INIT, CJ_EX_OSERR, 0 },
	/* The supervisor puts the init in the jail's cgroup meanwhile. */
	[CJ_STEP_WAIT] = { "wait for the supervisor", cj_lifeline_wait,
			   CJ_BY_INIT, CJ_EX_OSERR, 0 },
	/* Placed by now: the jail's cgroup is the namespace's root. */
	[CJ_STEP_CGROUPNS] = { "enter a cgroup namespace", cj_cgroupns_enter,
			       CJ_BY_INIT, CJ_EX_OSERR, 0, true },
	/* As H on the host, then unshare; the supervisor writes the maps. */
	[CJ_STEP_USERNS] = { "enter the jail's user namespace", cj_userns_enter,
			     CJ_BY_INIT, CJ_EX_OSERR, 0, true },
	[CJ_STEP_CREDS] = { "drop privileges", cj_creds_drop, CJ_BY_INIT,
			    CJ_EX_OSERR, 0, true },
	[CJ_STEP_RETIE] = { "tie the jail to capejail", cj_lifeline_tie,
			    CJ_BY_INIT, CJ_EX_OSERR, 0 },
	[CJ_STEP_UNDUMPABLE] = { "make the init undumpable", cj_init_undumpable,
				 CJ_BY_INIT, CJ_EX_OSERR, 0 },
	[CJ_STEP_SIGNALS] = { "set up signal forwarding", cj_init_signals,
			      CJ_BY_INIT, CJ_EX_OSERR, 0 },
	[CJ_STEP_SPAWN] = { "start the program", cj_init_spawn, CJ_BY_INIT,
			    CJ_EX_OSERR, 0 },
	[CJ_STEP_PDEATHSIG] = { "set parent-death signal",
				cj_lifeline_pdeathsig, CJ_BY_PROGRAM,
				CJ_EX_OSERR, 0 },
	[CJ_STEP_SESSION] = { "new session", cj_program_session, CJ_BY_PROGRAM,
			      CJ_EX_OSERR, 0 },
	[CJ_STEP_ENV] = { "set the environment", cj_env_install, CJ_BY_PROGRAM,
			  CJ_EX_OSERR, 0 },
	[CJ_STEP_LANDLOCK] = { "restrict abstract sockets, signals and binds",
			       cj_landlock_scope, CJ_BY_PROGRAM, CJ_EX_OSERR,
			       0 },
	/* Before the filter: no profile can kill the check. */
	[CJ_STEP_VERIFY] = { "verify credentials, no_new_privs, parent-death "
			     "signal and session",
			     cj_verify_program, CJ_BY_PROGRAM, CJ_EX_OSERR, 0 },
	[CJ_STEP_SECCOMP] = { "load seccomp filter", cj_seccomp_load,
			      CJ_BY_PROGRAM, CJ_EX_OSERR, 0 },
	[CJ_STEP_FDS] = { "close inherited file descriptors", cj_fds_close,
			  CJ_BY_PROGRAM, CJ_EX_OSERR, 0 },
	[CJ_STEP_EXEC] = { "execute", cj_program_exec, CJ_BY_PROGRAM,
			   CJ_EX_NOEXEC, CJ_EX_NOTFOUND },
};

const char *cj_step_name(enum cj_step step)
{
	if ((unsigned)step >= CJ_STEP_COUNT)
		return "an unknown set-up step";
	return steps[step].name;
}

const char *cj_step_runner(enum cj_step step)
{
	if ((unsigned)step >= CJ_STEP_COUNT)
		return "?";
	return steps[step].by == CJ_BY_INIT ? "the jail's init"
					    : "the program's process";
}

#ifdef CJ_KNOCKOUT
/*
 * Test builds only (`make knockout`, build-knockout/capejail, never
 * installed): CJ_KNOCKOUT_STEP=N[,N...] skips those steps (as -v numbers
 * them) as if they had done their work, so that probes/knockouts can show
 * which probe notices each defence missing. Read once by the init, before
 * the program (a clone of it) replaces its environment.
 */
static bool knockouts_read;
static bool knockouts[CJ_STEP_COUNT];

static bool knocked_out(int i)
{
	if (!knockouts_read) {
		const char *v = getenv("CJ_KNOCKOUT_STEP");
		char *end = NULL;

		knockouts_read = true;
		while (v && *v) {
			long n = strtol(v, &end, 10);

			if (end == v || (*end != ',' && *end != '\0'))
				break;
			if (n > 0 && n <= CJ_STEP_COUNT)
				knockouts[n - 1] = true;
			v = *end ? end + 1 : end;
		}
	}
	return knockouts[i];
}

bool cj_layer_knocked_out(const char *name)
{
	const char *v = getenv("CJ_KNOCKOUT_LAYER");
	size_t n = strlen(name);

	for (const char *p = v; p && (p = strstr(p, name)); p += n)
		if ((p == v || p[-1] == ',') && (p[n] == ',' || p[n] == '\0'))
			return true;
	return false;
}
#else
static bool knocked_out(int i)
{
	(void)i;
	return false;
}

bool cj_layer_knocked_out(const char *name)
{
	(void)name;
	return false;
}
#endif

int cj_knockout_ns(void)
{
	return (cj_layer_knocked_out("pid") ? CLONE_NEWPID : 0) |
	       (cj_layer_knocked_out("ipc") ? CLONE_NEWIPC : 0) |
	       (cj_layer_knocked_out("uts") ? CLONE_NEWUTS : 0) |
	       (cj_layer_knocked_out("net") ? CLONE_NEWNET : 0);
}

/*
 * With -v every step done is reported, but execute: it reports itself (the
 * status pipe closes on exec) and the supervisor's report follows.
 */
void cj_steps_run(struct cj_jail *j, enum cj_runner by)
{
	for (int i = 0; i < CJ_STEP_COUNT; i++) {
		const struct step_row *row = &steps[i];
		char detail[256] = "";
		int rc;

		if (row->by != by || (row->jail && j->plan->filter_only) ||
		    knocked_out(i))
			continue;
		rc = row->fn(j, detail, sizeof(detail));
		if (rc)
			cj_status_fail((enum cj_step)i, -rc,
				       j->fail_code ? j->fail_code
				       : -rc == ENOENT && row->code_enoent
					   ? row->code_enoent
					   : row->code,
				       detail);
		if (j->plan->steps && i != CJ_STEP_EXEC)
			cj_status_step((enum cj_step)i, detail);
	}
}
