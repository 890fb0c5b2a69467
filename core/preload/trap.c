/* SPDX-License-Identifier: MIT */
/*
 * The SIGSYS handler. It runs with SIGSYS blocked and makes only raw
 * write calls and then a call every filter of the library traps: that
 * nested trap finds SIGSYS blocked, and the kernel kills the process with
 * SIGSYS. If the filter blocks write, the first nested trap does the same,
 * without last words. Either way the blocked call never ran.
 */
#include "trap.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "filter.h"

#define NR_SLOTS CJ_NR_LIMIT

static const char *prog_name = "program";
static char *row_text[NR_SLOTS]; /* by syscall number: "blocked syscall X" */

static size_t length(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

static void put(const char *s)
{
	(void)syscall(SYS_write, 2, s, length(s));
}

/* NR in decimal into BUF (at least 12 bytes). */
static const char *decimal(long nr, char *buf)
{
	char *p = buf + 11;
	unsigned long v = nr < 0 ? 0UL - (unsigned long)nr : (unsigned long)nr;

	*p = '\0';
	do {
		*--p = (char)('0' + v % 10);
		v /= 10;
	} while (v && p > buf + 1);
	if (nr < 0)
		*--p = '-';
	return p;
}

static void on_sigsys(int sig, siginfo_t *si, void *uc)
{
	int nr = si->si_syscall;
	char num[12];

	(void)sig;
	(void)uc;
	put(CJ_PRELOAD_NAME ": ");
	put(prog_name);
	put(": killed: ");
	if (nr >= 0 && nr < NR_SLOTS && row_text[nr]) {
		put(row_text[nr]);
	} else {
		put("blocked syscall number ");
		put(decimal(nr, num));
	}
	put("\n");
	/*
	 * Die of SIGSYS, as a killed process does, so a parent tells it from
	 * an exit: a call the filter traps, made while SIGSYS is blocked,
	 * makes the kernel reset SIGSYS to its default and deliver it.
	 */
	(void)syscall(CJ_PRELOAD_DIE_NR);
	(void)syscall(SYS_exit_group, CJ_PRELOAD_KILLED);
}

/* The first sentence of the rationale: up to ". " or the end. */
static int first_sentence(const char *why)
{
	const char *end = strstr(why, ". ");

	return end ? (int)(end - why) : (int)strlen(why);
}

static char *text_of(const struct cj_syscall *row, enum cj_preload_why why)
{
	char *out = NULL;
	int rc;

	switch (why) {
	case CJ_WHY_NOT_ALLOWED:
		rc = asprintf(&out,
			      "blocked syscall %s: not in "
			      "SECCOMP_SYSCALL_ALLOW",
			      row->name);
		break;
	case CJ_WHY_DENIED:
		rc = asprintf(&out,
			      "blocked syscall %s: listed in "
			      "SECCOMP_SYSCALL_DENY",
			      row->name);
		break;
	case CJ_WHY_NONE:
	default:
		if (row->action != CJ_ACT_KILL)
			rc = asprintf(&out,
				      "blocked syscall %s: blocked by "
				      "CAPEJAIL_PROFILE",
				      row->name);
		else
			rc = asprintf(&out,
				      "blocked syscall %s: %.*s (see "
				      "'capejail-syscalls explain %s')",
				      row->name, first_sentence(row->why),
				      row->why, row->name);
		break;
	}
	return rc < 0 ? NULL : out;
}

int cj_trap_install(const char *prog, const enum cj_preload_why *why)
{
	struct sigaction sa = { 0 };
	size_t n;
	const struct cj_syscall *t = cj_table(&n);

	if (prog && *prog)
		prog_name = prog;
	for (size_t i = 0; i < n; i++) {
		int nr = cj_sysnr(t[i].name);

		if (nr < 0 || nr >= NR_SLOTS || row_text[nr])
			continue;
		row_text[nr] = text_of(&t[i], why[i]);
		if (!row_text[nr])
			return -ENOMEM;
	}
	sa.sa_sigaction = on_sigsys;
	sa.sa_flags = SA_SIGINFO;
	sigfillset(&sa.sa_mask);
	return sigaction(SIGSYS, &sa, NULL) ? -errno : 0;
}
