/* SPDX-License-Identifier: MIT */
/*
 * probe: prlimit_other
 * class: other processes
 * tries: change another process's resource limits with prlimit: a child
 *   of the probe's own, whose open-file limit is lowered by one. In a
 *   jail the same call reaches the init and every process of the same
 *   uid. ESCAPED if the child's limit changed; the child is then ended.
 * args:
 * control: root
 * expect: KILLED(prlimit64)
 * layer: seccomp (prlimit64 on the calling process only)
 */
#include "probe.h"

#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>

int main(void)
{
	struct rlimit own, want, got;
	pid_t pid;
	int ret, err;

	probe_init();
	if (getrlimit(RLIMIT_NOFILE, &own))
		blocked(errno, "getrlimit(RLIMIT_NOFILE)");
	pid = fork();
	if (pid < 0)
		blocked(errno, "fork");
	if (pid == 0) {
		pause();
		_exit(0);
	}
	want = own;
	want.rlim_cur = own.rlim_cur - 1;
	ret = prlimit(pid, RLIMIT_NOFILE, &want, NULL);
	err = errno;
	if (!ret && prlimit(pid, RLIMIT_NOFILE, NULL, &got))
		got = own;
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	if (ret)
		blocked(err, "prlimit on child %d", (int)pid);
	if (got.rlim_cur == want.rlim_cur)
		escaped("lowered child %d's open-file limit from %llu to %llu",
			(int)pid, (unsigned long long)own.rlim_cur,
			(unsigned long long)got.rlim_cur);
	blocked(0, "child %d's open-file limit stayed %llu", (int)pid,
		(unsigned long long)got.rlim_cur);
}
