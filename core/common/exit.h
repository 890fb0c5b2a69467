/* SPDX-License-Identifier: MIT */
/*
 * Exit statuses of capejail and capejail-syscalls (sysexits.h values where
 * one fits). The jailed program's status is passed through; 128+N when it
 * was killed by signal N. Documented in docs/capejail.1, docs/
 * capejail-syscalls.1 and README.md.
 */
#ifndef CAPEJAIL_EXIT_H
#define CAPEJAIL_EXIT_H

#define CJ_VERSION "0.1.0"

enum cj_exit {
	CJ_EX_OK = 0,
	CJ_EX_USAGE = 64,	/* bad command line */
	CJ_EX_PROFILE = 65,	/* malformed profile, unknown syscall name */
	CJ_EX_NOROOT = 66,	/* root directory unusable: missing, not a
				 * directory, untrusted, not enterable, or
				 * its passwd/group file unsafe */
	CJ_EX_NOUSER = 67,	/* unknown user */
	CJ_EX_NODIR = 68,	/* working directory missing inside the root */
	CJ_EX_UNAVAILABLE = 69, /* a tool capejail needs is missing */
	CJ_EX_SOFTWARE = 70,	/* internal error (a bug: please report) */
	CJ_EX_OSERR = 71,	/* the kernel refused a jail set-up step */
	CJ_EX_BIND = 72,	/* a --bind/--ro-bind/--tmpfs cannot be made */
	CJ_EX_CANTCREAT = 73,	/* an output file cannot be written */
	CJ_EX_TEMPFAIL = 75,	/* no free jail identity: try again later */
	CJ_EX_NOPERM = 77,	/* not running as root */
	CJ_EX_TIMEOUT = 124,	/* --time-limit expired (as timeout(1)) */
	CJ_EX_NOEXEC = 126,	/* program found but not executable */
	CJ_EX_NOTFOUND = 127,	/* program not found in the jail */
	CJ_EX_SIGBASE = 128,	/* + signal number */
};

#endif
