/* SPDX-License-Identifier: MIT */
/*
 * libcapejail-preload.so: seccomp for a dynamic program without changing
 * it. Loaded with LD_PRELOAD (or made a dependency with patchelf
 * --add-needed), its initialisation routine runs after the dynamic loader
 * and libc's start-up, before main: it reads the environment (config.h),
 * sets no_new_privs and loads the filter on every thread. Since start-up
 * has already run, an allow-list needs only what main does.
 *
 * The library's entry point, and so the one file of it that prints. A
 * configuration or loading error ends the process before main: the
 * program never runs unprotected.
 */
#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "config.h"
#include "exit.h"
#include "filter.h"
#include "log.h"
#include "trap.h"

static void print_warn(void *ctx, const char *msg)
{
	(void)ctx;
	cj_warn("%s", msg);
}

static void print_added(const char *name, void *ctx)
{
	(void)ctx;
	cj_verbose("adding %s to the process seccomp filter", name);
}

static CJ_NORETURN void fail(int status)
{
	cj_hint("the program was stopped before main, so that it never runs "
		"unprotected");
	_exit(status);
}

static int load(const struct cj_bpf *bpf)
{
	struct sock_fprog prog = {
		.len = (unsigned short)bpf->len,
		.filter = bpf->insns,
	};
	long rc;

	if (bpf->len > BPF_MAXINSNS)
		return -E2BIG;
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		return -errno;
	rc = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
		     SECCOMP_FILTER_FLAG_TSYNC, &prog);
	if (rc < 0)
		return -errno;
	return rc ? -EBUSY : 0; /* > 0: a thread could not be synchronised */
}

/*
 * Does this process run under a filter already, loaded by the library in
 * an ancestor with the same configuration MARK? Then it has nothing to add,
 * and must not try: that filter may block the seccomp() calls libseccomp
 * makes to probe the kernel (capejail's default policy does). A forged
 * mark gains nothing: the environment's owner could as well drop the
 * library, and a process under the library's filter passes it on anyway.
 */
static bool inherited(const char *mark)
{
	const char *active = getenv(CJ_PRELOAD_ACTIVE);

	return active && strcmp(active, mark) == 0 &&
	       prctl(PR_GET_SECCOMP, 0, 0, 0, 0) == SECCOMP_MODE_FILTER;
}

__attribute__((constructor)) static void capejail_preload(void)
{
	static const struct cj_msgs msgs = { print_warn, NULL, NULL };
	const struct cj_preload_env env = {
		.allow = getenv("SECCOMP_SYSCALL_ALLOW"),
		.deny = getenv("SECCOMP_SYSCALL_DENY"),
		.policy = getenv("CAPEJAIL_POLICY"),
		.profile = getenv("CAPEJAIL_PROFILE"),
		.verbose = getenv("CAPEJAIL_VERBOSE"),
	};
	enum cj_preload_base base;
	enum cj_preload_why *why;
	struct cj_policy policy = { 0 };
	struct cj_bpf bpf;
	struct cj_err err = { "", "" };
	char mark[32];
	bool verbose;
	size_t n;
	int rc;

	cj_log_init(CJ_PRELOAD_NAME, false, false);
	rc = cj_preload_check(&env, &verbose, &base, &err);
	if (rc) {
		cj_log_err(&err);
		fail(rc);
	}
	cj_log_init(CJ_PRELOAD_NAME, false, verbose);
	cj_preload_fingerprint(&env, mark, sizeof(mark));
	if (inherited(mark)) {
		cj_verbose("%s inherited this configuration's filter from its "
			   "parent: nothing to add",
			   program_invocation_short_name);
		return;
	}
	cj_table(&n);
	why = calloc(n, sizeof(*why));
	if (!why) {
		cj_error("out of memory");
		fail(CJ_EX_OSERR);
	}
	rc = cj_preload_policy(&env, &policy, why, print_added, NULL, &msgs,
			       &err);
	if (rc) {
		cj_log_err(&err);
		fail(rc);
	}
	rc = cj_filter_build_mode(&policy, CJ_KILL_TRAP, 2, &bpf);
	cj_policy_free(&policy);
	if (rc) {
		cj_error("compile the seccomp filter: %s", strerror(-rc));
		fail(CJ_EX_SOFTWARE);
	}
	/* The uid and gid calls: allowed with the process's own ids only. */
	cj_bpf_bind_ids(&bpf, (uint32_t)getuid(), (uint32_t)getgid());
	rc = cj_trap_install(program_invocation_short_name, why);
	free(why);
	if (rc == -EPERM) {
		cj_verbose("an inherited filter guards SIGSYS: a blocked call "
			   "ends %s without a message",
			   program_invocation_short_name);
	} else if (rc) {
		cj_error("install the SIGSYS handler: %s", strerror(-rc));
		fail(CJ_EX_OSERR);
	}
	rc = load(&bpf);
	cj_bpf_free(&bpf);
	if (rc) {
		cj_error("load the seccomp filter: %s", strerror(-rc));
		fail(CJ_EX_OSERR);
	}
	if (setenv(CJ_PRELOAD_ACTIVE, mark, 1)) {
		cj_error("set %s: %s", CJ_PRELOAD_ACTIVE, strerror(errno));
		fail(CJ_EX_OSERR);
	}
}
