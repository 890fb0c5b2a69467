/* SPDX-License-Identifier: MIT */
/*
 * strace's output, one line at a time. Pure: no I/O, no allocation.
 *
 * Understands `strace -f` output with either pid prefix ("1234  " with
 * -o FILE, "[pid  1234] " on a terminal) or none, calls split by other
 * threads into "<unfinished ...>" and "<... NAME resumed>" halves, signals,
 * exits, kills, unknown syscalls ("syscall_0x1c4"), raw (-e raw=) argument
 * lists and every return value form strace prints ("= 0", "= 0x7f...",
 * "= -1 ENOSYS (Function not implemented)", "= ?",
 * "= ? ERESTARTSYS (To be restarted ...)", and with --decode-pids=pidns
 * "= 3" followed by the comment "28210 in strace's PID NS"). Quotes are
 * honoured, so a string argument containing "<unfinished ...>" or ") = 0"
 * is just text.
 */
#ifndef CJS_STRACE_PARSE_H
#define CJS_STRACE_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum sp_kind {
	SP_IGNORED,    /* blank, or something that is not a traced event */
	SP_CALL,       /* name(args) = ret: entry and exit on one line */
	SP_UNFINISHED, /* name(args <unfinished ...>: the entry only */
	SP_RESUMED,    /* <... name resumed>args) = ret: the exit only */
	SP_SIGNAL,     /* --- SIGCHLD {...} ---, --- stopped by SIGSTOP --- */
	SP_EXITED,     /* +++ exited with N +++ */
	SP_KILLED,     /* +++ killed by SIGSYS (core dumped) +++ */
	SP_SUPERSEDED, /* +++ superseded by execve in pid N +++ */
};

#define SP_NAME_MAX 64

struct sp_event {
	enum sp_kind kind;
	int pid;		/* 0 when the line had no pid prefix */
	char name[SP_NAME_MAX]; /* syscall name, or signal name */
	const char *args;	/* SP_CALL, SP_UNFINISHED: argument text, */
	size_t args_len;	/*   pointing into the line, not terminated */
	bool has_ret;		/* SP_CALL, SP_RESUMED: a return was parsed */
	bool ret_known;		/* false for "= ?" */
	long long ret;		/* the value, -1 for errors */
	char err[SP_NAME_MAX];	/* "ENOSYS", "ERESTARTSYS" or "" */
	long long ret_pidns;	/* --decode-pids=pidns: the returned pid */
				/*   in strace's namespace, or 0 */
	int status;		/* SP_EXITED: status; SP_SUPERSEDED: pid */
	bool core_dumped;	/* SP_KILLED */
};

/*
 * Parse one line (with or without its newline). Returns 0 and fills EV, or
 * -1 for a line that is not strace output (EV->kind is then SP_IGNORED).
 */
int sp_parse_line(const char *line, struct sp_event *ev);

/*
 * Split a raw argument list ("0x1200011, 0, 0, 0x7f..., 0") into numbers.
 * Returns how many leading arguments were numbers (at most MAX).
 */
size_t sp_raw_args(const char *args, size_t len, uint64_t *out, size_t max);

/* "syscall_0x1c4" -> 452; -1 for any other name. */
int sp_unknown_nr(const char *name);

#endif
