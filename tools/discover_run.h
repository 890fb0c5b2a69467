/* SPDX-License-Identifier: MIT */
/*
 * Running the program under strace for discover: the command line, the
 * lookups of strace, the launcher and the program, and reading strace's
 * log (through a FIFO, so nothing piles up on disk) into trace_usage.
 */
#ifndef CJS_DISCOVER_RUN_H
#define CJS_DISCOVER_RUN_H

#include <stdbool.h>
#include <stddef.h>

#include "policy.h"
#include "trace_usage.h"

struct drun {
	const char *strace;   /* path of strace */
	bool seccomp_bpf;     /* fast: --seccomp-bpf -e trace=TRACE */
	bool pidns;	      /* --decode-pids=pidns */
	const char *trace;    /* "?a,?b,...", with seccomp_bpf */
	const char *raw;      /* -e raw=RAW (argument-checked syscalls) */
	const char *log;      /* -o LOG (set by drun_run: a FIFO) */
	const char *keep_log; /* also copy the log to this file, or NULL */
	const char *capejail; /* jail mode: the launcher, else NULL */
	const char *root, *user, *dir;
	const char *const *env;
	size_t nenv;
	bool no_network;
	char *const *argv; /* PROG ARGS, NULL-terminated */
	bool
	    stdout_to_stderr; /* PROG's stdout on our stderr (--json, --emit) */
};

/*
 * strace's command line for R: a heap array (free it, not its strings,
 * which point into R), or NULL.
 */
char **drun_argv(const struct drun *r);

/*
 * The -e trace= list of the fast path: every syscall POLICY does not allow
 * unconditionally, plus the exec and fork family that pid tracking needs;
 * and the -e raw= list: the argument-checked syscalls but clone (whose
 * return value must keep its pidns comment). Each name carries
 * strace's "?" (ignore names strace does not know; it traces numbers it
 * does not know anyway). 0, or -ENOMEM; free both.
 */
int drun_lists(const struct cj_policy *p, char **trace, char **raw);

/* NAME looked up in PATH (or taken as a path if it has a '/'); heap. */
char *drun_which(const char *name);
/* The capejail launcher: beside our own executable, else in PATH. */
char *drun_find_capejail(void);
/* What STRACE's --help mentions: --seccomp-bpf, --decode-pids. */
void drun_strace_features(const char *strace, bool *bpf, bool *pidns);

/*
 * Run strace as R says and feed its log into U. Returns 0 with strace's
 * wait status in *WSTATUS, or a capejail exit status after printing why.
 */
int drun_run(const struct drun *r, struct tu_usage *u, int *wstatus);

#endif
