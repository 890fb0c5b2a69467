/* SPDX-License-Identifier: MIT */
/*
 * Which syscalls did the traced program make, and how often? Fed strace
 * events line by line (strace_parse.h); pure apart from memory.
 *
 * Only the program and its descendants count, never the launcher that
 * started it: a pid counts once it has executed the program, and children
 * inherit counting from their parent (known from the return value of
 * clone, clone3, fork and vfork, which strace -f may print after the
 * child's first lines: those are held until the parent is known).
 *
 *   host mode  strace runs PROG itself: the first pid counts from its
 *              first line, the exec of PROG included.
 *   after-filter mode (host mode with AFTER_FILTER set): a pid counts from
 *              the call after its first successful
 *              seccomp(SECCOMP_SET_MODE_FILTER) (the preload library's), and
 *              its children from their first line: what a filter loaded
 *              after start-up must allow.
 *   jail mode  strace runs the launcher: the first pid's first successful
 *              execve (strace starting the launcher) does not count; a
 *              pid starts counting at any later successful execve, which
 *              counts as the program's.
 */
#ifndef CJS_TRACE_USAGE_H
#define CJS_TRACE_USAGE_H

#include <stdbool.h>
#include <stddef.h>

#include "strace_parse.h"

/* Calls are sorted into buckets by an optional classifier (argument checks). */
#define TU_BUCKETS 3

/*
 * Returns the bucket (0..TU_BUCKETS-1) of a call from its argument text;
 * 0 when there is nothing to check.
 */
typedef int (*tu_classify_fn)(void *ctx, const char *name, const char *args,
			      size_t len);

struct tu_stat {
	char name[SP_NAME_MAX]; /* as strace printed it */
	unsigned long count;	/* calls */
	unsigned long enosys;	/* of which answered ENOSYS */
	unsigned long bucket[TU_BUCKETS];
	char *sample;  /* argument text of the first call in bucket > 0 */
	char **fails;  /* distinct argument texts of calls in bucket > 0 */
	size_t nfails; /* at most TU_FAILS_MAX, in order of first use */
};

/* Distinct failing argument texts kept per syscall. */
#define TU_FAILS_MAX 64

struct tu_pid; /* private */

struct tu_usage {
	bool host_mode;
	bool after_filter; /* set after tu_init: see after-filter mode */
	tu_classify_fn classify;
	void *ctx;

	struct tu_stat *stats; /* in order of first use */
	size_t nstats, capstats;
	int *name_slots; /* hash: name -> stats index + 1 */
	size_t nname_slots;

	struct tu_pid *pids;
	size_t npids, cappids;
	int *pid_slots; /* hash: pid -> pids index + 1 */
	size_t npid_slots;

	int root_pid;
	bool seen_root;
	bool root_done;	  /* the root's exit or kill was seen */
	bool root_killed; /* by a signal; else exited */
	int root_status;  /* exit status */
	char root_signal[SP_NAME_MAX];
	bool root_core;

	bool prog_started;     /* some pid counts */
	unsigned long lines;   /* fed */
	unsigned long ignored; /* not understood */
	unsigned long dropped; /* calls of pids never tied to the program */
	unsigned long sigsys;  /* counted pids killed by SIGSYS */
	unsigned long foreign; /* reserved for the caller */
};

int tu_init(struct tu_usage *u, bool host_mode, tu_classify_fn classify,
	    void *ctx);
void tu_free(struct tu_usage *u);

/* Feed one line of strace output. 0, or -ENOMEM. */
int tu_feed_line(struct tu_usage *u, const char *line);
int tu_feed(struct tu_usage *u, const struct sp_event *ev);

/*
 * End of the log: settle pids whose parent never showed up (counted in
 * host mode, where every pid descends from the program; dropped in jail
 * mode). 0, or -ENOMEM.
 */
int tu_finish(struct tu_usage *u);

/* The stat of NAME (strace's spelling), or NULL. */
const struct tu_stat *tu_find(const struct tu_usage *u, const char *name);

#endif
