/* SPDX-License-Identifier: MIT */
/*
 * The supervisor: capejail's own process, outside the jail. It starts the
 * jail in new namespaces, forwards signals, receives blocked-syscall
 * notifications (the call never runs: the jail is killed instead), enforces
 * the time limit, and collects how the program ended.
 *
 * If the supervisor dies, the jail dies: the init has PR_SET_PDEATHSIG and
 * watches the lifeline pipe, and the seccomp listener closes with us.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/close_range.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include "jail.h"
#include "cgroup.h"

static const int handled[] = { SIGINT,	SIGTERM, SIGHUP, SIGQUIT,
			       SIGUSR1, SIGUSR2, SIGCHLD };

/* The jail's namespaces: always PID, mount, IPC and UTS; network with -n. */
static int ns_flags(const struct cj_plan *plan)
{
	return CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWIPC | CLONE_NEWUTS |
	       cj_net_clone_flags(plan);
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
};

static void kill_jail(struct sup *s)
{
	if (!s->init_done)
		kill(s->init, SIGKILL); /* the PID namespace dies with it */
}

/* A blocked syscall: recorded, never answered (the call does not run). */
static void on_notification(struct sup *s)
{
	cj_notify_read(s->listener, s->res);
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
	} else if (m.type == CJ_MSG_SETUP_ERROR && !s->res->setup_failed) {
		on_setup_error(s->res, &m);
	} else if (m.type == CJ_MSG_WARNING) {
		cj_msgs_warn(s->msgs, "%s", cj_warning_text(m.warning));
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
	if (si.ssi_signo == SIGCHLD) {
		if (!s->init_done &&
		    waitpid(s->init, &status, WNOHANG) == s->init) {
			s->init_done = true;
			if (!s->res->have_status && WIFSIGNALED(status) &&
			    !s->res->blocked && !s->res->time_limit)
				s->res->wait_status = status;
		}
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
	while (!s->init_done || !s->status_eof) {
		struct pollfd p[5] = {
			{ .fd = s->sigfd, .events = POLLIN },
			{ .fd = s->status_eof ? -1 : s->status_rd,
			  .events = POLLIN },
			{ .fd = s->listener >= 0 ? s->listener : s->sock,
			  .events = POLLIN },
			{ .fd = s->timer, .events = POLLIN },
			{ .fd = s->grace, .events = POLLIN },
		};

		if (poll(p, 5, -1) < 0) {
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
	}
	/* The init is gone; nothing can still hold the status pipe. */
}

/* Where the child parks its three fds before putting them at 3, 4, 5. */
#define FD_SCRATCH 64

/* In the child right after clone: fixed fds, nothing else inherited. */
static CJ_NORETURN void start_child(const struct cj_plan *plan, int fds[3])
{
	int want[3] = { CJ_FD_STATUS, CJ_FD_LIFELINE, CJ_FD_NOTIFY };
	int moved[3];

	/* Move above the target range first so dup2 never clobbers one. */
	for (int i = 0; i < 3; i++) {
		moved[i] = fcntl(fds[i], F_DUPFD_CLOEXEC, FD_SCRATCH);
		if (moved[i] < 0)
			_exit(CJ_EX_OSERR);
	}
	for (int i = 0; i < 3; i++)
		if (dup3(moved[i], want[i], O_CLOEXEC) < 0)
			_exit(CJ_EX_OSERR);
	if (syscall(SYS_close_range, CJ_FD_FIRST_FREE, ~0U, 0) &&
	    syscall(SYS_close_range, CJ_FD_FIRST_FREE, ~0U,
		    CLOSE_RANGE_CLOEXEC))
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
}

/* Like fork(), into new namespaces (glibc's clone wants a stack). */
static int start_jail(struct sup *s, int child_fds[3], struct cj_err *e)
{
	int rc;

	s->init = (pid_t)syscall(SYS_clone, ns_flags(s->plan) | SIGCHLD, NULL,
				 NULL, NULL, 0);
	if (s->init == 0)
		start_child(s->plan, child_fds);
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
			 .grace = -1 };
	int child_fds[3] = { -1, -1, -1 }, rc;
	sigset_t old;

	memset(res, 0, sizeof(*res));
	/* A jail that dies early must not take us down writing to it. */
	signal(SIGPIPE, SIG_IGN);
	rc = setup_fds(&s, child_fds, &old);
	if (rc) {
		close_all(&s);
		return cj_err_set(e, CJ_EX_OSERR, "set up the supervisor: %s",
				  strerror(-rc));
	}
	rc = start_jail(&s, child_fds, e);
	if (!rc)
		rc = place_jail(&s, e);
	if (rc) {
		close_all(&s);
		sigprocmask(SIG_SETMASK, &old, NULL);
		return rc;
	}
	if (plan->limits.time_ms > 0)
		arm(s.timer, plan->limits.time_ms);
	/* Go: the child has been placed in its cgroup. */
	if (write(s.lifeline_wr, "g", 1) != 1)
		kill_jail(&s);
	loop(&s);
	res->limit_hit = cj_cgroup_limit_hit(&s.cg);
	cj_cgroup_destroy(&s.cg);
	close_all(&s);
	sigprocmask(SIG_SETMASK, &old, NULL);
	return 0;
}
