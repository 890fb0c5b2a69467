/* SPDX-License-Identifier: MIT */
/*
 * Running the program under strace (see discover_run.h).
 */
#include "discover_run.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "envvar.h"
#include "exit.h"
#include "policy.h"
#include "log.h"

/* Always traced: pid tracking follows execs and forks. */
static const char *const tracking[] = {
	"execve", "execveat", "clone", "clone3", "fork", "vfork",
};

#define MAX_ARGS (32 + 2 * CJ_MAX_ENV)

char **drun_argv(const struct drun *r)
{
	size_t n = 0, nprog = 0;
	char **v;

	while (r->argv[nprog])
		nprog++;
	v = calloc(MAX_ARGS + nprog + 2 * r->nenv, sizeof(*v));
	if (!v)
		return NULL;
#define ARG(s) (v[n++] = (char *)(s))
	ARG(r->strace);
	ARG("-f");
	ARG("-q");
	ARG("-o");
	ARG(r->log);
	if (r->pidns)
		ARG("--decode-pids=pidns");
	if (r->seccomp_bpf && r->trace) {
		ARG("--seccomp-bpf");
		ARG("-e");
		ARG(r->trace);
	}
	if (r->raw) {
		ARG("-e");
		ARG(r->raw);
	}
	ARG("--");
	if (r->capejail) {
		ARG(r->capejail);
		ARG("-I");
		ARG("--quiet");
		if (r->root) {
			ARG("-r");
			ARG(r->root);
		}
		if (r->user) {
			ARG("-u");
			ARG(r->user);
		}
		if (r->dir) {
			ARG("-d");
			ARG(r->dir);
		}
		for (size_t i = 0; i < r->nenv; i++) {
			ARG("-e");
			ARG(r->env[i]);
		}
		if (r->no_network)
			ARG("-n");
		ARG("--");
	}
	for (size_t i = 0; i < nprog; i++)
		ARG(r->argv[i]);
#undef ARG
	v[n] = NULL;
	return v;
}

/* Append ",?NAME" (or "PREFIX?NAME" first) to a growing string. */
static int add_name(char **s, size_t *len, size_t *cap, const char *prefix,
		    const char *name)
{
	size_t need = strlen(prefix) + strlen(name) + 3;
	int w;

	if (*len + need > *cap) {
		size_t c = (*cap + need) * 2;
		char *p = realloc(*s, c);

		if (!p)
			return -ENOMEM;
		*s = p;
		*cap = c;
	}
	w = snprintf(*s + *len, *cap - *len, "%s?%s", *len ? "," : prefix,
		     name);
	*len += (size_t)w;
	return 0;
}

int drun_lists(const struct cj_policy *p, char **trace, char **raw)
{
	size_t n, tlen = 0, tcap = 0, rlen = 0, rcap = 0;
	const struct cj_syscall *table = cj_table(&n);
	int rc = 0;

	*trace = *raw = NULL;
	for (size_t i = 0; i < sizeof(tracking) / sizeof(*tracking) && !rc; i++)
		rc = add_name(trace, &tlen, &tcap, "trace=", tracking[i]);
	for (size_t i = 0; i < n && !rc; i++) {
		bool conds = cj_policy_has_conds(p, (int)i);
		bool tracked = false;

		for (size_t k = 0; k < sizeof(tracking) / sizeof(*tracking);
		     k++)
			tracked |= strcmp(table[i].name, tracking[k]) == 0;
		if (!tracked && (conds || p->rows[i].action != CJ_ACT_ALLOW))
			rc = add_name(trace, &tlen, &tcap,
				      "trace=", table[i].name);
		if (!rc && conds && strcmp(table[i].name, "clone") != 0)
			rc = add_name(raw, &rlen, &rcap, "raw=", table[i].name);
	}
	if (rc) {
		free(*trace);
		free(*raw);
		*trace = *raw = NULL;
	}
	return rc;
}

/* Lines of strace's log, however the reads cut them. */
struct lines {
	char *buf;
	size_t len, cap;
};

static int feed(struct lines *l, const char *data, size_t n, struct tu_usage *u)
{
	size_t start = 0;

	if (l->len + n + 1 > l->cap) {
		size_t cap = (l->len + n + 1) * 2;
		char *p = realloc(l->buf, cap);

		if (!p)
			return -ENOMEM;
		l->buf = p;
		l->cap = cap;
	}
	memcpy(l->buf + l->len, data, n);
	l->len += n;
	for (size_t i = 0; i < l->len; i++) {
		if (l->buf[i] != '\n')
			continue;
		l->buf[i] = '\0';
		if (tu_feed_line(u, l->buf + start))
			return -ENOMEM;
		start = i + 1;
	}
	memmove(l->buf, l->buf + start, l->len - start);
	l->len -= start;
	return 0;
}

static int feed_rest(struct lines *l, struct tu_usage *u)
{
	int rc = 0;

	if (l->len) {
		l->buf[l->len] = '\0';
		rc = tu_feed_line(u, l->buf) ? -ENOMEM : 0;
	}
	free(l->buf);
	return rc;
}

/* Write all of BUF to FD (the --log copy). */
static int write_all(int fd, const char *buf, size_t n)
{
	while (n) {
		ssize_t w = write(fd, buf, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		buf += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Read what is there; true when the writer has closed the FIFO. */
static int drain(int fd, int copy, struct lines *l, struct tu_usage *u,
		 bool *closed)
{
	char chunk[65536];

	*closed = false;
	for (;;) {
		ssize_t n = read(fd, chunk, sizeof(chunk));

		if (n > 0) {
			if (copy >= 0 && write_all(copy, chunk, (size_t)n))
				return -EIO;
			if (feed(l, chunk, (size_t)n, u))
				return -ENOMEM;
			continue;
		}
		if (n == 0)
			*closed = true;
		else if (errno == EINTR)
			continue;
		return 0;
	}
}

static pid_t spawn(char **argv, bool stdout_to_stderr)
{
	pid_t pid = fork();

	if (pid == 0) {
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		/* Our stdout carries only the report: PROG writes to stderr. */
		if (stdout_to_stderr && dup2(STDERR_FILENO, STDOUT_FILENO) < 0)
			_exit(CJ_EX_OSERR);
		execv(argv[0], argv);
		cj_error("cannot run %s: %s", argv[0], strerror(errno));
		_exit(CJ_EX_UNAVAILABLE);
	}
	return pid;
}

/* Read the log until strace closes it or exits; then reap strace. */
static int pump(pid_t pid, int fd, int copy, struct tu_usage *u, int *wstatus)
{
	struct lines l = { 0 };
	bool closed, exited = false;
	int rc = 0;

	while (!rc) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };

		if (poll(&pfd, 1, 100) < 0 && errno != EINTR) {
			rc = -errno;
			break;
		}
		rc = drain(fd, copy, &l, u, &closed);
		if (rc || (closed && (pfd.revents & POLLHUP)))
			break;
		if (waitpid(pid, wstatus, WNOHANG) == pid) {
			exited = true;
			rc = drain(fd, copy, &l, u, &closed);
			break;
		}
	}
	while (!exited && waitpid(pid, wstatus, 0) < 0 && errno == EINTR)
		;
	if (!rc)
		rc = feed_rest(&l, u);
	else
		free(l.buf);
	return rc;
}

int drun_run(const struct drun *r, struct tu_usage *u, int *wstatus)
{
	const char *tmp = getenv("TMPDIR");
	char dir[4096], fifo[4200];
	struct drun run = *r;
	struct sigaction ign = { .sa_handler = SIG_IGN }, oint, oquit;
	char **argv = NULL;
	int fd = -1, copy = -1, rc = CJ_EX_SOFTWARE;
	pid_t pid;

	if (r->keep_log) {
		copy = open(r->keep_log,
			    O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
		if (copy < 0) {
			cj_error("--log %s: %s", r->keep_log, strerror(errno));
			return CJ_EX_USAGE;
		}
	}

	snprintf(dir, sizeof(dir), "%s/capejail-syscalls.XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		cj_error("cannot create a directory for strace's log in "
			 "%s: %s",
			 tmp && *tmp ? tmp : "/tmp", strerror(errno));
		cj_hint("set TMPDIR to a writable directory");
		if (copy >= 0)
			close(copy);
		return CJ_EX_SOFTWARE;
	}
	snprintf(fifo, sizeof(fifo), "%s/strace.log", dir);
	run.log = fifo;
	if (mkfifo(fifo, 0600) ||
	    (fd = open(fifo, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) < 0) {
		cj_error("cannot create the FIFO %s: %s", fifo,
			 strerror(errno));
		goto out;
	}
	argv = drun_argv(&run);
	if (!argv)
		goto out;
	/* ^C reaches the program and strace; we stay to report. */
	sigaction(SIGINT, &ign, &oint);
	sigaction(SIGQUIT, &ign, &oquit);
	pid = spawn(argv, r->stdout_to_stderr);
	if (pid < 0) {
		cj_error("cannot start strace: %s", strerror(errno));
	} else {
		int err = pump(pid, fd, copy, u, wstatus);

		if (err == -EIO)
			cj_error("--log %s: %s", r->keep_log, strerror(errno));
		else if (err)
			cj_error("reading strace's log: %s", strerror(-err));
		else
			rc = 0;
	}
	sigaction(SIGINT, &oint, NULL);
	sigaction(SIGQUIT, &oquit, NULL);
out:
	free(argv);
	if (fd >= 0)
		close(fd);
	if (copy >= 0 && close(copy) && !rc) {
		cj_error("--log %s: %s", r->keep_log, strerror(errno));
		rc = CJ_EX_SOFTWARE;
	}
	unlink(fifo);
	rmdir(dir);
	return rc;
}
