/* SPDX-License-Identifier: MIT */
/*
 * One call made for real in a forked child, under a seccomp filter or
 * without one (the positive control), with no root needed: the child sets
 * no_new_privs first. The parent learns how the call ended: it ran, it
 * failed with an errno, or the child was killed. Include after <cmocka.h>.
 */
#ifndef CAPEJAIL_TEST_CHILD_H
#define CAPEJAIL_TEST_CHILD_H

#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "filter.h"

/*
 * How the child ended. FAULTED: a signal other than SIGSYS (int 0x80 on a
 * kernel without IA-32 emulation raises SIGSEGV before any filter runs).
 */
enum outcome { RAN, FAILED, KILLED, FAULTED };

/* The call under test: returns the raw syscall result, errno set. */
typedef long (*call_fn)(void);

/*
 * In the forked child: cmocka's own handlers for SIGSEGV and friends would
 * longjmp back into the test runner and run the rest of the suite in the
 * child. Put the defaults back so a fault ends the child, and the parent
 * decides what it means.
 */
static inline void child_default_signals(void)
{
	static const int sigs[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGSYS };

	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		signal(sigs[i], SIG_DFL);
}

/*
 * Fork, load BPF (NULL: no filter, the positive control), make the call;
 * the exit code carries the errno, which goes to *ERR (the signal when
 * killed or faulted). The child never returns into cmocka.
 */
static inline enum outcome run_in_child(const struct cj_bpf *bpf, call_fn fn,
					int *err)
{
	pid_t pid = fork();
	int status;

	assert_true(pid >= 0);
	if (pid == 0) {
		struct sock_fprog prog = {
			.len = bpf ? (unsigned short)bpf->len : 0,
			.filter = bpf ? bpf->insns : NULL,
		};
		long r;

		child_default_signals();
		if (bpf &&
		    (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
		     syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog)))
			_exit(255);
		r = fn();
		/* _exit: no atexit handlers (sanitizers) under the filter. */
		_exit(r >= 0 ? 0 : (errno & 0x7f) + 1);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	if (WIFSIGNALED(status)) {
		*err = WTERMSIG(status);
		return WTERMSIG(status) == SIGSYS ? KILLED : FAULTED;
	}
	assert_true(WIFEXITED(status));
	assert_int_not_equal(WEXITSTATUS(status), 255);
	*err = WEXITSTATUS(status) ? WEXITSTATUS(status) - 1 : 0;
	return WEXITSTATUS(status) ? FAILED : RAN;
}

#endif
