/* SPDX-License-Identifier: MIT */
/*
 * The supervisor: capejail's own process, outside the jail. It starts the
 * jail in new namespaces, forwards signals, receives blocked-syscall
 * notifications (the call never runs: the jail is killed instead), enforces
 * the time limit, and collects how the program ended.
 *
 * If the supervisor dies, the jail dies: the init has PR_SET_PDEATHSIG and
 * watches the lifeline pipe, and the seccomp listener closes with us.
 *
 * --filter-only starts the same init without namespaces or a cgroup;
 * capejail is then the subreaper of the program's processes and kills
 * them itself (kill_tree).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/close_range.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "jail.h"
#include "cgroup.h"
#include "pty.h"

static const int handled[] = { SIGINT,	SIGTERM, SIGHUP,  SIGQUIT,
			       SIGUSR1, SIGUSR2, SIGCHLD, SIGWINCH };

/*
 * The jail's namespaces: always PID, mount, IPC and UTS; network unless
 * --share-net.
 * None with --filter-only.
 */
static int ns_flags(const struct cj_plan *plan)
{
	if (plan->filter_only)
		return 0;
	return (CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWIPC | CLONE_NEWUTS |
		cj_net_clone_flags(plan)) &
	       ~plan->ns_knocked_out;
}

struct sup {
	const struct cj_plan *plan;
	const struct cj_msgs *msgs;
	struct cj_result *res;
	pid_t init;
	bool init_done;
	bool status_eof;
	int sigfd, status_rd, lifeline_wr, sock, listener, timer, grace;
	struct cj_cgroup cg;
	int64_t maxrss_kb;
	struct cj_pty pty; /* --pty; master -1 without */
};

/* The init is reaped: its status, unless the supervisor knows better. */
static void init_reaped(struct sup *s, int status)
{
	s->init_done = true;
	if (!s->res->have_status && WIFSIGNALED(status) && !s->res->blocked &&
	    !s->res->time_limit)
		s->res->wait_status = status;
}

/* SIGKILL to every process whose parent is capejail. */
static void kill_children(void)
{
	char path[64], buf[512];
	DIR *d = opendir("/proc");
	struct dirent *de;

	while (d && (de = readdir(d))) {
		char *end, *paren;
		long pid = strtol(de->d_name, &end, 10);
		int fd;
		ssize_t n;

		if (*end || pid <= 0)
			continue;
		snprintf(path, sizeof(path), "/proc/%ld/stat", pid);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			continue;
		n = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		if (n <= 0)
			continue;
		buf[n] = '\0';
		/* "PID (COMM) STATE PPID ...": COMM may hold ") ". */
		paren = strrchr(buf, ')');
		if (paren && paren[1] == ' ' && paren[2] &&
		    strtol(paren + 4, NULL, 10) == (long)getpid())
			kill((pid_t)pid, SIGKILL);
	}
	if (d)
		closedir(d);
}

/*
 * --filter-only has no PID namespace to end the program's descendants
 * with its init; capejail is their subreaper, so every orphan comes back
 * to it. Kill its children until it has none (each death returns the
 * dead one's children to it, and a killed process forks no more).
 */
static void kill_tree(struct sup *s)
{
	int status;
	pid_t pid;

	for (;;) {
		kill_children();
		pid = waitpid(-1, &status, 0);
		if (pid < 0 && errno == EINTR)
			continue;
		if (pid < 0)
			return; /* ECHILD: nothing is left */
		if (pid == s->init && !s->init_done)
			init_reaped(s, status);
	}
}

static void kill_jail(struct sup *s)
{
	if (!cj_own_pidns(s->plan))
		kill_tree(s);
	else if (!s->init_done)
		kill(s->init, SIGKILL); /* the PID namespace dies with it */
}

/*
 * A blocked syscall: recorded, never answered (the call does not run). A
 * call the broker answered (--share-net: bind, listen) goes on.
 */
static void on_notification(struct sup *s)
{
	if (cj_notify_read(s->listener, s->plan, s->res))
		kill_jail(s);
}

/* A step failed: which one, why, and the exit status it asks for. */
static void on_setup_error(struct cj_result *res, const struct cj_msg *m)
{
	bool known = m->step >= 0 && m->step < CJ_STEP_COUNT;

	res->setup_failed = true;
	res->step = known ? (enum cj_step)m->step : CJ_STEP_COUNT;
	res->setup_errno = m->err;
	/* A status of 0 would say the program succeeded: never. */
	res->setup_code = known && m->code > 0 && m->code < CJ_EX_SIGBASE
			      ? m->code
			      : CJ_EX_SOFTWARE;
	snprintf(res->detail, sizeof(res->detail), "%s", m->detail);
}

/*
 * The init is in its new user namespace: map the jail's ids to its host
 * ids, or stop the jail (it never runs unmapped: it waits for our byte).
 */
static void on_userns(struct sup *s)
{
	struct cj_msg m = { .type = CJ_MSG_SETUP_ERROR,
			    .step = CJ_STEP_USERNS,
			    .code = CJ_EX_OSERR };
	int rc =
	    cj_userns_map(s->init, &s->plan->user, m.detail, sizeof(m.detail));

	if (!rc && write(s->lifeline_wr, &(char){ CJ_LIFELINE_MAPPED }, 1) == 1)
		return;
	m.err = rc ? -rc : errno;
	if (!s->res->setup_failed)
		on_setup_error(s->res, &m);
	kill_jail(s);
}

static void on_status(struct sup *s)
{
	struct cj_msg m;
	ssize_t n = read(s->status_rd, &m, sizeof(m));

	if (n == 0) {
		s->status_eof = true;
		return;
	}
	if (n != (ssize_t)sizeof(m))
		return;
	m.detail[sizeof(m.detail) - 1] = '\0';
	if (m.type == CJ_MSG_EXIT) {
		s->res->have_status = true;
		s->res->wait_status = m.status;
		s->res->prog_cpu_ms = m.cpu_ms;
		s->maxrss_kb = m.maxrss_kb;
	} else if (m.type == CJ_MSG_SETUP_ERROR && !s->res->setup_failed) {
		on_setup_error(s->res, &m);
	} else if (m.type == CJ_MSG_WARNING) {
		cj_msgs_warn(s->msgs, "%s", cj_warning_text(m.warning));
	} else if (m.type == CJ_MSG_USERNS) {
		on_userns(s);
	} else if (m.type == CJ_MSG_STEP) {
		cj_msgs_note(s->msgs, "step %d/%d, by %s: %s%s%s", m.step + 1,
			     CJ_STEP_COUNT, cj_step_runner(m.step),
			     cj_step_name(m.step), m.detail[0] ? ": " : "",
			     m.detail);
	}
}

static void arm(int timer, int64_t ms)
{
	struct itimerspec t = { .it_value = { .tv_sec = ms / 1000,
					      .tv_nsec =
						  (ms % 1000) * 1000000 } };

	timerfd_settime(timer, 0, &t, NULL);
}

static void on_signal(struct sup *s)
{
	struct signalfd_siginfo si;
	int status;

	if (read(s->sigfd, &si, sizeof(si)) != sizeof(si))
		return;
	if (si.ssi_signo == SIGWINCH) {
		/* The kernel tells the program's terminal in turn. */
		cj_pty_winch(&s->pty);
		return;
	}
	if (si.ssi_signo == SIGCHLD) {
		if (!s->init_done &&
		    waitpid(s->init, &status, WNOHANG) == s->init)
			init_reaped(s, status);
		return;
	}
	/* Forward; a second termination request, or the grace period, kills. */
	if (s->res->forwarded_signal && si.ssi_signo != SIGUSR1 &&
	    si.ssi_signo != SIGUSR2) {
		kill_jail(s);
		return;
	}
	if (si.ssi_signo != SIGUSR1 && si.ssi_signo != SIGUSR2) {
		s->res->forwarded_signal = (int)si.ssi_signo;
		arm(s->grace, CJ_GRACE_MS);
	}
	kill(s->init, (int)si.ssi_signo);
}

static void on_timer(struct sup *s, int fd, bool time_limit)
{
	uint64_t ticks;

	if (read(fd, &ticks, sizeof(ticks)) != sizeof(ticks))
		return;
	if (time_limit)
		s->res->time_limit = true;
	else
		s->res->grace_expired = !s->init_done;
	kill_jail(s);
}

/*
 * The notification channel: first the socket that carries the listener,
 * then the listener itself. POLLHUP on the listener: no process is left
 * under the filter.
 */
static void on_channel(struct sup *s, short revents)
{
	if (s->listener < 0) {
		if (revents & POLLIN)
			s->listener = cj_notify_recv_listener(s->sock);
		close(s->sock);
		s->sock = -1;
		return;
	}
	if (revents & POLLIN) {
		on_notification(s);
		return;
	}
	close(s->listener);
	s->listener = -1;
	s->sock = -1;
}

static void loop(struct sup *s)
{
	while (!s->init_done || !s->status_eof || !cj_pty_drained(&s->pty)) {
		struct pollfd p[5 + CJ_PTY_POLLFDS] = {
			{ .fd = s->sigfd, .events = POLLIN },
			{ .fd = s->status_eof ? -1 : s->status_rd,
			  .events = POLLIN },
			{ .fd = s->listener >= 0 ? s->listener : s->sock,
			  .events = POLLIN },
			{ .fd = s->timer, .events = POLLIN },
			{ .fd = s->grace, .events = POLLIN },
		};

		cj_pty_poll(&s->pty, p + 5);
		if (poll(p, CJ_ARRAY_SIZE(p), -1) < 0) {
			if (errno == EINTR)
				continue;
			kill_jail(s);
			break;
		}
		if (p[0].revents)
			on_signal(s);
		if (p[1].revents)
			on_status(s);
		if (p[2].revents)
			on_channel(s, p[2].revents);
		if (p[3].revents)
			on_timer(s, s->timer, true);
		if (p[4].revents)
			on_timer(s, s->grace, false);
		cj_pty_events(&s->pty, p + 5);
	}
	/* The init is gone; nothing can still hold the status pipe. */
}

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Where the child parks its three fds before putting them at 3, 4, 5. */
#define FD_SCRATCH 64

static int close_fds(unsigned lo, unsigned hi)
{
	if (lo > hi)
		return 0;
	if (syscall(SYS_close_range, lo, hi, 0) == 0)
		return 0;
	return (int)syscall(SYS_close_range, lo, hi, CLOSE_RANGE_CLOEXEC);
}

/* Close fds CJ_FD_FIRST_FREE and up but the plan's (rootfs.c: above 5). */
static int close_all_but_plan(const struct cj_plan *plan)
{
	unsigned lo = CJ_FD_FIRST_FREE;
	size_t n;
	int *keep, rc = 0;

	if (cj_plan_fds(plan, &keep, &n))
		return -1;
	for (size_t i = 0; i < n && !rc; i++) {
		if ((unsigned)keep[i] < lo)
			continue;
		rc = close_fds(lo, (unsigned)keep[i] - 1);
		lo = (unsigned)keep[i] + 1;
	}
	free(keep);
	return rc ? rc : close_fds(lo, ~0U);
}

/* In the child right after clone: fixed fds, the plan's, nothing else. */
static CJ_NORETURN void start_child(const struct cj_plan *plan, int fds[3],
				    const struct cj_pty *pty)
{
	int want[3] = { CJ_FD_STATUS, CJ_FD_LIFELINE, CJ_FD_NOTIFY };
	int moved[3];

	/* --pty: the program's terminal, not the caller's, at 0, 1, 2. */
	if (pty->slave >= 0 && cj_pty_attach_child(pty))
		_exit(CJ_EX_OSERR);
	/* Move above the target range first so dup2 never clobbers one. */
	for (int i = 0; i < 3; i++) {
		moved[i] = fcntl(fds[i], F_DUPFD_CLOEXEC, FD_SCRATCH);
		if (moved[i] < 0)
			_exit(CJ_EX_OSERR);
	}
	for (int i = 0; i < 3; i++)
		if (dup3(moved[i], want[i], O_CLOEXEC) < 0 || close(moved[i]))
			_exit(CJ_EX_OSERR);
	if (!cj_layer_knocked_out("callerfds") && close_all_but_plan(plan))
		_exit(CJ_EX_OSERR);
	cj_child_main(plan);
}

static int setup_fds(struct sup *s, int child_fds[3], sigset_t *old)
{
	int status[2], lifeline[2], sock[2];
	sigset_t set;

	if (pipe2(status, O_CLOEXEC) || pipe2(lifeline, O_CLOEXEC) ||
	    socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sock))
		return -errno;
	s->status_rd = status[0];
	s->lifeline_wr = lifeline[1];
	s->sock = sock[0];
	child_fds[0] = status[1];
	child_fds[1] = lifeline[0];
	child_fds[2] = sock[1];
	sigemptyset(&set);
	for (size_t i = 0; i < CJ_ARRAY_SIZE(handled); i++)
		sigaddset(&set, handled[i]);
	if (sigprocmask(SIG_BLOCK, &set, old))
		return -errno;
	s->sigfd = signalfd(-1, &set, SFD_CLOEXEC);
	s->timer = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
	s->grace = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
	if (s->sigfd < 0 || s->timer < 0 || s->grace < 0)
		return -errno;
	return 0;
}

static void close_all(struct sup *s)
{
	int *fds[] = { &s->sigfd,    &s->status_rd, &s->lifeline_wr, &s->sock,
		       &s->listener, &s->timer,	    &s->grace };

	for (size_t i = 0; i < CJ_ARRAY_SIZE(fds); i++)
		if (*fds[i] >= 0) {
			close(*fds[i]);
			*fds[i] = -1;
		}
	cj_pty_close(&s->pty);
}

/* Like fork(), into new namespaces (glibc's clone wants a stack). */
static int start_jail(struct sup *s, int child_fds[3], struct cj_err *e)
{
	int rc;

	s->init = (pid_t)syscall(SYS_clone, ns_flags(s->plan) | SIGCHLD, NULL,
				 NULL, NULL, 0);
	if (s->init == 0)
		start_child(s->plan, child_fds, &s->pty);
	/* Only the jail holds the program's terminal: EIO once it is gone. */
	if (s->pty.slave >= 0) {
		close(s->pty.slave);
		s->pty.slave = -1;
	}
	rc = s->init < 0 ? -errno : 0;
	for (int i = 0; i < 3; i++)
		close(child_fds[i]);
	if (!rc)
		return 0;
	cj_err_set(e, 0, "start the jail (clone into new namespaces): %s",
		   strerror(-rc));
	if (rc == -EPERM || rc == -EINVAL)
		cj_err_hint(e, "capejail needs root and a kernel with PID, "
			       "mount, IPC, UTS and network namespaces");
	return CJ_EX_OSERR;
}

/* While the child sets up its mounts: its cgroup. */
static int place_jail(struct sup *s, struct cj_err *e)
{
	char detail[256] = "";
	int rc =
	    cj_cgroup_create(&s->cg, &s->plan->limits, detail, sizeof(detail));

	if (!rc)
		rc = cj_cgroup_attach(&s->cg, s->init, detail, sizeof(detail));
	if (!rc)
		return 0;
	kill(s->init, SIGKILL);
	waitpid(s->init, NULL, 0);
	cj_err_set(e, 0, "put the jail in a cgroup: %s: %s", detail,
		   strerror(-rc));
	cj_err_hint(e, "--memory unlimited --pids unlimited runs without a "
		       "cgroup (rlimits only)");
	cj_cgroup_destroy(&s->cg);
	return CJ_EX_OSERR;
}

int cj_run(const struct cj_plan *plan, const struct cj_msgs *msgs,
	   struct cj_result *res, struct cj_err *e)
{
	struct sup s = { .plan = plan,
			 .msgs = msgs,
			 .res = res,
			 .sigfd = -1,
			 .status_rd = -1,
			 .lifeline_wr = -1,
			 .sock = -1,
			 .listener = -1,
			 .timer = -1,
			 .grace = -1,
			 .pty = { .master = -1, .slave = -1 } };
	int child_fds[3] = { -1, -1, -1 }, rc;
	int64_t t0;
	sigset_t old;

	memset(res, 0, sizeof(*res));
	res->prog_cpu_ms = res->duration_ms = res->peak_memory = -1;
	s.maxrss_kb = -1;
	t0 = now_ms();
	/* A jail that dies early must not take us down writing to it. */
	signal(SIGPIPE, SIG_IGN);
	rc = setup_fds(&s, child_fds, &old);
	if (!rc && plan->pty && (rc = cj_pty_open(&s.pty)) != 0) {
		close_all(&s);
		sigprocmask(SIG_SETMASK, &old, NULL);
		return cj_err_set(e, CJ_EX_OSERR,
				  "--pty: open a pseudo-terminal (/dev/ptmx): "
				  "%s",
				  strerror(-rc));
	}
	if (rc) {
		close_all(&s);
		return cj_err_set(e, CJ_EX_OSERR, "set up the supervisor: %s",
				  strerror(-rc));
	}
	/* No PID namespace: the program's orphans come back to capejail. */
	if (!cj_own_pidns(plan) && prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)) {
		close_all(&s);
		sigprocmask(SIG_SETMASK, &old, NULL);
		return cj_err_set(e, CJ_EX_OSERR,
				  "become the subreaper of the program's "
				  "processes (PR_SET_CHILD_SUBREAPER): %s",
				  strerror(errno));
	}
	rc = start_jail(&s, child_fds, e);
	if (!rc && !plan->filter_only && !cj_layer_knocked_out("cgroup"))
		rc = place_jail(&s, e);
	if (rc) {
		close_all(&s);
		sigprocmask(SIG_SETMASK, &old, NULL);
		return rc;
	}
	if (plan->limits.time_ms > 0 && !cj_layer_knocked_out("timer"))
		arm(s.timer, plan->limits.time_ms);
	/* Go: the child has been placed in its cgroup. */
	if (write(s.lifeline_wr, &(char){ CJ_LIFELINE_GO }, 1) != 1)
		kill_jail(&s);
	loop(&s);
	/* Nothing outlives capejail: without a PID namespace, by hand. */
	if (!cj_own_pidns(plan))
		kill_tree(&s);
	res->duration_ms = now_ms() - t0;
	res->limit_hit = cj_cgroup_limit_hit(&s.cg);
	res->peak_memory = cj_cgroup_peak(&s.cg);
	if (res->peak_memory < 0 && s.maxrss_kb >= 0)
		res->peak_memory = s.maxrss_kb * 1024;
	cj_cgroup_destroy(&s.cg);
	close_all(&s);
	sigprocmask(SIG_SETMASK, &old, NULL);
	return 0;
}
