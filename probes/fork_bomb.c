/* SPDX-License-Identifier: MIT */
/*
 * probe: fork_bomb
 * class: resource limits
 * tries: a fork bomb, bounded: fork up to 600 children (the argument, at
 *   most 1000) that each sleep 3 s and exit; ESCAPED when all of them
 *   exist at once. Jailed, fork must fail at the process limit before the
 *   bound; the probe reports how many it created. Every child is killed
 *   (SIGKILL, by pid) and reaped before the probe ends, and dies with it
 *   (PR_SET_PDEATHSIG) if it is killed.
 * args: 600
 * control: root
 * jail-args: --pids 64
 * expect: BLOCKED(EAGAIN)
 * layer: process limit (cgroup pids.max; RLIMIT_NPROC without cgroups)
 */
#include "probe.h"

#define MAX_KIDS 1000

static pid_t kids[MAX_KIDS];
static int nkids;

/* Kill and reap every child this probe made, by pid. */
static void end_kids(void)
{
	for (int i = 0; i < nkids; i++)
		kill(kids[i], SIGKILL);
	for (int i = 0; i < nkids; i++)
		while (waitpid(kids[i], NULL, 0) < 0 && errno == EINTR)
			;
}

int main(int argc, char **argv)
{
	long want = arg_long(argc, argv, 1, 600);
	pid_t self;

	probe_init();
	if (want < 1 || want > MAX_KIDS)
		want = 600;
	self = getpid();
	while (nkids < want) {
		pid_t pid = fork();

		if (pid < 0) {
			int err = errno;

			end_kids();
			blocked(err,
				"fork failed after %d processes (bound %ld)",
				nkids, want);
		}
		if (pid == 0) {
			/* a child: hold a process slot for 3 s, then go */
			prctl(PR_SET_PDEATHSIG, SIGKILL);
			if (getppid() != self)
				_exit(0);
			sleep(3);
			_exit(0);
		}
		kids[nkids++] = pid;
	}
	end_kids();
	escaped("created %d processes, all alive at once (killed and reaped "
		"again)",
		nkids);
}
