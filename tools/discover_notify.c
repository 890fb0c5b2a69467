/* SPDX-License-Identifier: MIT */
/*
 * discover's notify engine (discover_notify.h): run the launcher with
 * --discover-fd 3 --status-fd 4, read its call lines into trace_usage and
 * the program's outcome from its status object.
 */
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "discover_notify.h"
#include "exit.h"
#include "log.h"

#define CALLS_FD  3
#define STATUS_FD 4

bool dn_supported(void)
{
	__u32 action = SECCOMP_RET_USER_NOTIF;

	return syscall(SYS_seccomp, SECCOMP_GET_ACTION_AVAIL, 0, &action) == 0;
}

/* The launcher's command line: a heap array pointing into R. */
static char **notify_argv(const struct drun *r)
{
	size_t nprog = 0, n = 0;
	char **v;
	bool jail = r->root || r->user || r->dir || r->nenv || r->no_network;

	while (r->argv[nprog])
		nprog++;
	v = calloc(20 + 2 * r->nenv + nprog, sizeof(*v));
	if (!v)
		return NULL;
#define ARG(s) (v[n++] = (char *)(s))
	ARG(r->capejail);
	ARG("--quiet");
	ARG("--discover-fd=3");
	ARG("--status-fd=4");
	if (!jail)
		ARG("--filter-only");
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
	for (size_t i = 0; i < nprog; i++)
		ARG(r->argv[i]);
#undef ARG
	return v;
}

/* Put CALLS on 3 and STATUS on 4 (whatever numbers they have now). */
static int place_fds(int calls, int status)
{
	int c = fcntl(calls, F_DUPFD, 10), s = fcntl(status, F_DUPFD, 10);

	if (c < 0 || s < 0 || dup2(c, CALLS_FD) < 0 || dup2(s, STATUS_FD) < 0)
		return -1;
	close(c);
	close(s);
	return 0;
}

static pid_t spawn(char **argv, int calls, int status, bool stdout_to_stderr)
{
	pid_t pid = fork();

	if (pid == 0) {
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		if (place_fds(calls, status) ||
		    (stdout_to_stderr &&
		     dup2(STDERR_FILENO, STDOUT_FILENO) < 0))
			_exit(CJ_EX_OSERR);
		execv(argv[0], argv);
		cj_error("cannot run %s: %s", argv[0], strerror(errno));
		_exit(CJ_EX_UNAVAILABLE);
	}
	return pid;
}

/*
 * Every call the launcher reports is the program's (its filter is loaded
 * right before the program's exec): they are fed as one process, which
 * trace_usage counts from its first line.
 */
static int read_calls(int fd, const struct dn_feed *feed, struct tu_usage *u)
{
	bool ready = false;
	int prc = 0; /* what PREPARE returned: not 0, the calls are drained */
	FILE *f = fdopen(fd, "r");
	char *line = NULL, name[SP_NAME_MAX], args[256];
	size_t cap = 0;
	int rc = 0;

	if (!f) {
		close(fd);
		return -errno;
	}
	while (!rc && getline(&line, &cap, f) > 0) {
		struct dn_call c;
		struct sp_event ev = { .kind = SP_CALL, .pid = 1 };

		if (!ready && !prc) {
			/* the evaluator is made only when a call needs it */
			prc = feed->prepare ? feed->prepare(feed->ctx) : 0;
			ready = !prc;
		}
		if (prc)
			continue;
		u->lines++;
		if (dn_parse_line(line, &c) ||
		    dn_event(feed->policy, &c, name, sizeof(name), args,
			     sizeof(args))) {
			u->ignored++;
			continue;
		}
		snprintf(ev.name, sizeof(ev.name), "%s", name);
		ev.args = args;
		ev.args_len = strlen(args);
		rc = tu_feed(u, &ev);
	}
	free(line);
	fclose(f);
	return rc ? rc : prc;
}

/* The program's end from the launcher's status object (docs/status.md). */
static void read_outcome(int fd, struct tu_usage *u, int launcher_status)
{
	json_error_t jerr;
	json_t *st = json_loadfd(fd, JSON_DISABLE_EOF_CHECK, &jerr);
	json_t *prog = st ? json_object_get(st, "program") : NULL;

	u->seen_root = true;
	u->root_done = true;
	u->prog_started = json_is_object(prog);
	if (json_is_integer(json_object_get(prog, "exit_code"))) {
		u->root_status =
		    (int)json_integer_value(json_object_get(prog, "exit_code"));
	} else if (json_is_integer(json_object_get(prog, "signal"))) {
		const char *sig =
		    json_string_value(json_object_get(prog, "signal_name"));

		u->root_killed = true;
		snprintf(u->root_signal, sizeof(u->root_signal), "%s",
			 sig ? sig : "a signal");
	} else {
		u->root_status = launcher_status; /* it never ran */
	}
	json_decref(st);
}

int dn_start(const struct drun *r, struct dn_proc *p)
{
	struct sigaction ign = { .sa_handler = SIG_IGN };
	int calls[2] = { -1, -1 }, status[2] = { -1, -1 };
	char **argv = notify_argv(r);

	if (!argv) {
		cj_error("out of memory");
		return CJ_EX_SOFTWARE;
	}
	if (pipe2(calls, O_CLOEXEC) || pipe2(status, O_CLOEXEC)) {
		cj_error("cannot create a pipe for the launcher: %s",
			 strerror(errno));
		for (int i = 0; i < 2; i++)
			if (calls[i] >= 0)
				close(calls[i]);
		free(argv);
		return CJ_EX_OSERR;
	}
	/* ^C reaches the program and the launcher; we stay to report. */
	sigaction(SIGINT, &ign, &p->oint);
	sigaction(SIGQUIT, &ign, &p->oquit);
	p->pid = spawn(argv, calls[1], status[1], r->stdout_to_stderr);
	free(argv);
	close(calls[1]);
	close(status[1]);
	p->calls = calls[0];
	p->status = status[0];
	if (p->pid < 0) {
		cj_error("cannot start %s: %s", r->capejail, strerror(errno));
		sigaction(SIGINT, &p->oint, NULL);
		sigaction(SIGQUIT, &p->oquit, NULL);
		close(p->calls);
		close(p->status);
		return CJ_EX_OSERR;
	}
	return 0;
}

int dn_finish(struct dn_proc *p, const struct dn_feed *feed, struct tu_usage *u,
	      int *wstatus)
{
	int err = read_calls(p->calls, feed, u);

	while (waitpid(p->pid, wstatus, 0) < 0 && errno == EINTR)
		;
	read_outcome(p->status, u,
		     WIFEXITED(*wstatus) ? WEXITSTATUS(*wstatus)
					 : CJ_EX_SOFTWARE);
	close(p->status);
	sigaction(SIGINT, &p->oint, NULL);
	sigaction(SIGQUIT, &p->oquit, NULL);
	if (err < 0) {
		cj_error("reading the launcher's calls: %s", strerror(-err));
		return CJ_EX_OSERR;
	}
	return err; /* 0, or what PREPARE returned */
}
