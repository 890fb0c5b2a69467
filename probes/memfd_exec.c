/* SPDX-License-Identifier: MIT */
/*
 * probe: memfd_exec
 * class: privileges
 * tries: run code that exists nowhere in the root: copy its own binary
 *   into an anonymous memory file (memfd_create) and execute that, with
 *   fexecve (execveat on the descriptor) and through /proc/self/fd, with
 *   and without MFD_EXEC. ESCAPED if the copy runs (it prints its marker
 *   and exits 0).
 * args:
 * control: root
 * jail-args: --no-new-code
 * expect: BLOCKED(EACCES/EPERM)
 * layer: --no-new-code: vm.memfd_noexec=2 in the jail's PID namespace
 *   (rootless: seccomp refusing memfd_create without MFD_NOEXEC_SEAL),
 *   seccomp refusing execveat on a descriptor
 */
#include "probe.h"

#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/stat.h>

#ifndef MFD_EXEC
#define MFD_EXEC 0x10U
#endif

#define CHILD_ARG "--memfd-child"

/* Start the copy in FD one way; 0 when it ran and exited 0, else errno. */
static int run_copy(int fd, int via_proc)
{
	char *const argv[] = { "memfd_exec", CHILD_ARG, NULL };
	char *const envp[] = { NULL };
	char path[64];
	int status, p[2];
	pid_t pid;

	if (pipe(p))
		return errno;
	pid = fork();
	if (pid < 0)
		return errno;
	if (pid == 0) {
		int e;

		close(p[0]);
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
		if (via_proc)
			execve(path, argv, envp);
		else
			fexecve(fd, argv, envp);
		e = errno;
		(void)!write(p[1], &e, sizeof(e));
		_exit(3);
	}
	close(p[1]);
	if (read(p[0], &status, sizeof(status)) == sizeof(status)) {
		close(p[0]);
		waitpid(pid, NULL, 0);
		return status;
	}
	close(p[0]);
	if (waitpid(pid, &status, 0) < 0)
		return errno;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : EIO;
}

int main(int argc, char **argv)
{
	static const unsigned flags[] = { 0, MFD_EXEC };
	int last = 0;

	if (argc > 1 && !strcmp(argv[1], CHILD_ARG))
		return 0; /* the copy ran */
	probe_init();
	for (size_t i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
		int self = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
		int fd = memfd_create("probe", flags[i]);
		struct stat st;

		if (fd < 0) {
			last = errno;
			note("memfd_create(%#x): %s", flags[i],
			     strerror(errno));
			if (self >= 0)
				close(self);
			continue;
		}
		if (self < 0 || fstat(self, &st) ||
		    sendfile(fd, self, NULL, (size_t)st.st_size) != st.st_size)
			blocked(errno, "copy /proc/self/exe into the memfd");
		close(self);
		for (int via_proc = 0; via_proc < 2; via_proc++) {
			int rc = run_copy(fd, via_proc);

			if (rc == 0)
				escaped("ran a copy of itself from a memfd "
					"(flags %#x, %s)",
					flags[i],
					via_proc ? "/proc/self/fd" : "fexecve");
			last = rc;
			note("memfd flags %#x, %s: %s", flags[i],
			     via_proc ? "/proc/self/fd" : "fexecve",
			     strerror(rc));
		}
		close(fd);
	}
	blocked(last, "no copy in a memfd ran");
}
