/* SPDX-License-Identifier: MIT */
/*
 * probe: ptrace_traceme
 * class: other processes
 * tries: a child asks to be traced (PTRACE_TRACEME) and executes a
 *   setuid-root program; ESCAPED if the traced program runs with euid 0
 *   while we control it. The ptrace call happens in the child; a child
 *   killed by seccomp ends the probe with the same signal.
 * args: {suid}
 * control: root
 * expect: KILLED(ptrace)
 * layer: seccomp (ptrace is killed); no_new_privs (setuid ignored)
 */
#include "probe.h"

#include <sys/ptrace.h>

static int euid_of(pid_t pid)
{
	char path[64], line[256];
	int r, e = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	f = fopen(path, "re");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "Uid: %d %d", &r, &e) == 2)
			break;
	fclose(f);
	return e;
}

int main(int argc, char **argv)
{
	const char *suid = arg(argc, argv, 1, "/probes/setuid_root");
	int status, euid;
	pid_t child;

	probe_init();
	child = fork();
	if (child < 0)
		blocked(errno, "fork");
	if (child == 0) {
		char *cargv[] = { (char *)suid, (char *)"--idle", NULL };

		if (ptrace(PTRACE_TRACEME, 0, 0, 0) < 0)
			_exit(100 + errno % 100);
		execv(suid, cargv);
		_exit(99);
	}
	if (waitpid(child, &status, 0) < 0)
		blocked(errno, "waitpid");
	propagate_child_signal(status);
	if (WIFEXITED(status)) {
		int code = WEXITSTATUS(status);

		if (code == 99)
			blocked(ENOENT, "traced child could not exec %s", suid);
		blocked(code > 100 ? code - 100 : 0, "PTRACE_TRACEME");
	}
	/* stopped at the exec (SIGTRAP): what are we holding? */
	euid = euid_of(child);
	kill(child, SIGKILL);
	waitpid(child, &status, 0);
	if (euid == 0)
		escaped("traced setuid program %s runs with euid 0 under our "
			"ptrace control",
			suid);
	blocked(EPERM, "traced %s runs with euid %d, not 0", suid, euid);
}
