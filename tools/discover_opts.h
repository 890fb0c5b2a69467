/* SPDX-License-Identifier: MIT */
/*
 * discover's command line. Pure: never prints, never exits.
 */
#ifndef CJS_DISCOVER_OPTS_H
#define CJS_DISCOVER_OPTS_H

#include <stdbool.h>
#include <stddef.h>

#include "envvar.h"
#include "exit.h"

enum dopt_emit {
	DOPT_EMIT_NONE,
	DOPT_EMIT_ALLOW,    /* --emit allow: the --allow list on stdout */
	DOPT_EMIT_PROFILE,  /* --emit profile: a profile on stdout */
	DOPT_EMIT_ENV,	    /* --emit env: SECCOMP_SYSCALL_ALLOW, from exec */
	DOPT_EMIT_ENV_LATE, /* --emit env-late: the same after start-up */
};

enum dopt_engine {
	DOPT_ENGINE_AUTO,   /* notify where the kernel has it, else strace */
	DOPT_ENGINE_NOTIFY, /* --engine notify (discover_notify.h) */
	DOPT_ENGINE_STRACE, /* --engine strace (discover_run.h) */
};

struct dopts {
	const char *root, *user, *dir; /* the launcher's -r, -u, -d */
	const char *env[CJ_MAX_ENV];   /* -e KEY=VALUE */
	size_t nenv;
	bool no_network; /* -n */
	bool all;	 /* --all: print every syscall used */
	bool full;	 /* --full: trace every syscall (exact counts) */
	bool json;
	enum dopt_emit emit;
	const char *log; /* --log FILE: keep a copy of strace's log */
	bool minimize;	 /* --minimize: try errno for dangerous rows */
	bool verify;	 /* --verify: rerun under the proposed profile */
	enum dopt_engine engine;
	bool help;
	char **argv; /* PROG ARGS */
};

/* Jail mode: any of the launcher's options was given. */
bool dopts_jail(const struct dopts *o);

/* 0, or CJ_EX_USAGE with a message in ERR. */
int dopts_parse(struct dopts *o, int argc, char **argv, char *err,
		size_t errlen);

extern const char dopts_usage[];

#endif
