/* SPDX-License-Identifier: MIT */
/*
 * discover's lookups: the program and strace in PATH, the launcher beside
 * our own executable, and what the installed strace can do.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "discover_run.h"

static char *join_path(const char *dir, size_t dlen, const char *name)
{
	size_t len = dlen + strlen(name) + 2;
	char *p = malloc(len);

	if (p)
		snprintf(p, len, "%.*s/%s", (int)dlen, dir, name);
	return p;
}

char *drun_which(const char *name)
{
	const char *path = getenv("PATH"), *p;

	if (!*name)
		return NULL;
	if (strchr(name, '/'))
		return access(name, F_OK) == 0 ? strdup(name) : NULL;
	if (!path)
		path = "/usr/local/bin:/usr/bin:/bin";
	for (p = path;; p++) {
		const char *end = strchr(p, ':');
		size_t dlen = end ? (size_t)(end - p) : strlen(p);
		char *full = join_path(dlen ? p : ".", dlen ? dlen : 1, name);
		struct stat st;

		if (full && stat(full, &st) == 0 && S_ISREG(st.st_mode) &&
		    access(full, X_OK) == 0)
			return full;
		free(full);
		if (!end)
			return NULL;
		p = end;
	}
}

char *drun_find_capejail(void)
{
	char self[4096];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);

	if (n > 0) {
		char *slash, *full;

		self[n] = '\0';
		slash = strrchr(self, '/');
		if (slash) {
			full =
			    join_path(self, (size_t)(slash - self), "capejail");
			if (full && access(full, X_OK) == 0)
				return full;
			free(full);
		}
	}
	return drun_which("capejail");
}

/* Run ARGV with stdout into BUF (NUL-terminated, truncated). */
static void capture(char *const *argv, char *buf, size_t size)
{
	int fds[2], status;
	pid_t pid;
	size_t len = 0;
	ssize_t n;

	buf[0] = '\0';
	if (pipe(fds))
		return;
	pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return;
	}
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);

		dup2(fds[1], STDOUT_FILENO);
		if (null >= 0)
			dup2(null, STDERR_FILENO);
		close(fds[0]);
		execv(argv[0], argv);
		_exit(127);
	}
	close(fds[1]);
	while (len < size - 1 &&
	       (n = read(fds[0], buf + len, size - 1 - len)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			break;
		len += (size_t)n;
	}
	buf[len] = '\0';
	close(fds[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
}

void drun_strace_features(const char *strace, bool *bpf, bool *pidns)
{
	char *argv[] = { (char *)strace, (char *)"--help", NULL };
	static char help[65536];

	capture(argv, help, sizeof(help));
	*bpf = strstr(help, "--seccomp-bpf") != NULL;
	*pidns = strstr(help, "--decode-pids") != NULL;
}
