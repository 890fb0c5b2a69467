/* SPDX-License-Identifier: MIT */
/*
 * discover's notify engine: no ptrace. The launcher runs PROG with
 * --discover-fd (in the jail, or with --filter-only on the host): its
 * filter lets the policy's allowed calls through untouched and sends every
 * other call to capejail's supervisor, which writes it as a line and lets
 * it run. Filters are inherited, so every thread and child is watched.
 * Discovery is not a jail: every call runs.
 */
#ifndef CJS_DISCOVER_NOTIFY_H
#define CJS_DISCOVER_NOTIFY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <signal.h>
#include <sys/types.h>

#include "discover_run.h"
#include "policy.h"
#include "trace_usage.h"

/* One line of --discover-fd, parsed. */
struct dn_call {
	int pid;       /* the host's */
	int nr;	       /* native syscall number */
	uint32_t arch; /* AUDIT_ARCH_* */
	uint64_t args[6];
	bool has_flags; /* clone3: its clone_args.flags were read */
	uint64_t flags;
};

/*
 * "PID NR ARCH A0 ... A5 [FLAGS]" (capejail's notify.c) into C. 0, or -1.
 * Pure.
 */
int dn_parse_line(const char *line, struct dn_call *c);

/*
 * The strace-style event of C for trace_usage: NAME (libseccomp's, or
 * "syscall_0x1c4"), and as argument text the raw values up to the last
 * one POLICY's argument rules compare ("0x10, 0x80003"; clone3:
 * "{flags=0x...}"), into ARGS. 0, or -1 for a negative number. Pure.
 */
int dn_event(const struct cj_policy *policy, const struct dn_call *c,
	     char *name, size_t name_len, char *args, size_t args_len);

/* Does this kernel hand seccomp notifications to a supervisor? */
bool dn_supported(void);

/* A launcher started by dn_start. */
struct dn_proc {
	pid_t pid;
	int calls, status; /* our ends of its --discover-fd, --status-fd */
	struct sigaction oint, oquit;
};

/*
 * Start R->argv under R->capejail --discover-fd (jail options from R; on
 * the host --filter-only). 0, or a capejail exit status after printing
 * why.
 */
int dn_start(const struct drun *r, struct dn_proc *p);
/* How the calls are judged. */
struct dn_feed {
	const struct cj_policy *policy;
	/*
	 * Called once before the first call is fed (U's classifier is
	 * made then, only when some call needs it); not 0: an exit status,
	 * the calls are drained and it is returned. NULL: nothing to do.
	 */
	int (*prepare)(void *ctx);
	void *ctx;
};

/*
 * Feed each call into U as FEED says, reap the launcher (its wait status
 * in *WSTATUS) and take the program's outcome from its status object into
 * U. 0, or a capejail exit status after printing why.
 */
int dn_finish(struct dn_proc *p, const struct dn_feed *feed, struct tu_usage *u,
	      int *wstatus);

#endif
