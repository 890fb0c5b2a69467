/* SPDX-License-Identifier: MIT */
/*
 * Inside the jail. The first process (PID 1 of the new PID namespace) runs
 * the set-up steps in a fixed order, then stays as a tiny init: it reaps
 * every orphan, forwards signals to the program and reports the program's
 * wait status to the supervisor. Its child becomes the program: new
 * session, inherited fds closed, seccomp filter loaded, execve.
 *
 * A failed step is reported on the status pipe and the jail exits: the
 * program never runs half-jailed.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/close_range.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <net/if.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "jail.h"

extern char **environ;

/* Signals the init forwards to the program. */
static const int forwarded[] = { SIGINT,  SIGTERM, SIGHUP,
				 SIGQUIT, SIGUSR1, SIGUSR2 };

static void send_msg(const struct cj_msg *m)
{
	ssize_t n;

	do
		n = write(CJ_FD_STATUS, m, sizeof(*m));
	while (n < 0 && errno == EINTR);
}

static CJ_NORETURN void die_step(const char *step, int err, const char *detail,
				 int code)
{
	struct cj_msg m = { .type = CJ_MSG_SETUP_ERROR, .err = err };

	snprintf(m.step, sizeof(m.step), "%s", step);
	snprintf(m.detail, sizeof(m.detail), "%s", detail ? detail : "");
	send_msg(&m);
	_exit(code);
}

/* The supervisor is alive while the lifeline pipe is open. */
static bool supervisor_alive(void)
{
	struct pollfd p = { .fd = CJ_FD_LIFELINE, .events = POLLIN };

	/* The "go" byte may be pending (POLLIN); only a hang-up means gone. */
	return poll(&p, 1, 0) >= 0 && !(p.revents & (POLLHUP | POLLERR));
}

static int wait_for_go(char *detail, size_t len)
{
	char go;
	ssize_t n;

	do
		n = read(CJ_FD_LIFELINE, &go, 1);
	while (n < 0 && errno == EINTR);
	if (n != 1) {
		snprintf(detail, len, "supervisor");
		return -ECHILD;
	}
	return 0;
}

/* PR_SET_PDEATHSIG, then close the race with a check (bubblewrap #633). */
static int tie_to_parent(char *detail, size_t len)
{
	if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0)) {
		snprintf(detail, len, "PR_SET_PDEATHSIG");
		return -errno;
	}
	if (!supervisor_alive()) {
		snprintf(detail, len, "supervisor");
		return -ECHILD;
	}
	return 0;
}

static void noop_handler(int sig)
{
	(void)sig;
}

/*
 * PID 1 of a namespace ignores signals it has no handler for, even blocked
 * ones, so install a handler, block, and read them from a signalfd.
 */
static int init_signals(sigset_t *set)
{
	struct sigaction sa = { .sa_handler = noop_handler };

	sigemptyset(set);
	sigaddset(set, SIGCHLD);
	for (size_t i = 0; i < CJ_ARRAY_SIZE(forwarded); i++)
		sigaddset(set, forwarded[i]);
	for (int sig = 1; sig < NSIG; sig++)
		if (sigismember(set, sig))
			sigaction(sig, &sa, NULL);
	if (sigprocmask(SIG_BLOCK, set, NULL))
		return -errno;
	return signalfd(-1, set, SFD_CLOEXEC);
}

static void reset_signals(void)
{
	sigset_t none;
	struct sigaction dfl = { .sa_handler = SIG_DFL };

	for (int sig = 1; sig < NSIG; sig++)
		sigaction(sig, &dfl, NULL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
}

/* Hand the seccomp listener to the supervisor. */
static int send_fd(int sock, int fd)
{
	char byte = 'L';
	struct iovec iov = { .iov_base = &byte, .iov_len = 1 };
	union {
		struct cmsghdr h;
		char buf[CMSG_SPACE(sizeof(int))];
	} u = { 0 };
	struct msghdr msg = {
		.msg_iov = &iov,
		.msg_iovlen = 1,
		.msg_control = u.buf,
		.msg_controllen = sizeof(u.buf),
	};
	struct cmsghdr *c = CMSG_FIRSTHDR(&msg);

	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &fd, sizeof(int));
	return sendmsg(sock, &msg, MSG_NOSIGNAL) == 1 ? 0 : -errno;
}

static int load_filter(const struct cj_plan *plan, char *detail, size_t len)
{
	struct sock_fprog prog = {
		.len = (unsigned short)plan->bpf.len,
		.filter = plan->bpf.insns,
	};
	unsigned flags = plan->notify ? SECCOMP_FILTER_FLAG_NEW_LISTENER : 0;
	long fd;
	int rc;

	snprintf(detail, len, "%zu instructions", plan->bpf.len);
	fd = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, flags, &prog);
	if (fd < 0)
		return -errno;
	if (!plan->notify)
		return 0;
	rc = send_fd(CJ_FD_NOTIFY, (int)fd);
	close((int)fd);
	return rc;
}

/* Everything but 0, 1, 2 and the status pipe closes; the status pipe at exec.
 */
static int close_inherited(char *detail, size_t len)
{
	snprintf(detail, len, "fds 3 and up");
	if (syscall(SYS_close_range, CJ_FD_LIFELINE, ~0U, 0) == 0 &&
	    syscall(SYS_close_range, CJ_FD_STATUS, CJ_FD_STATUS,
		    CLOSE_RANGE_CLOEXEC) == 0)
		return 0;
	return -errno;
}

struct spawn_args {
	const struct cj_plan *plan;
	int sfd;
};

static CJ_NORETURN void program_main(const struct cj_plan *plan, int sfd);

static int spawn_entry(void *arg)
{
	const struct spawn_args *a = arg;

	program_main(a->plan, a->sfd);
}

/*
 * Like posix_spawn: the program starts in a child that shares our memory
 * on its own stack until it execs (no page-table copy), and we resume only
 * once it has exec'd or exited. It only makes syscalls and writes
 * `environ` before exec.
 */
static pid_t spawn_program(const struct cj_plan *plan, int sfd)
{
	static char stack[64 * 1024] __attribute__((aligned(16)));
	struct spawn_args a = { plan, sfd };

	return clone(spawn_entry, stack + sizeof(stack),
		     CLONE_VM | CLONE_VFORK | SIGCHLD, &a);
}

static CJ_NORETURN void program_main(const struct cj_plan *plan, int sfd)
{
	char detail[256] = "";
	int rc, e;

	close(sfd);
	reset_signals();
	if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0))
		die_step("set parent-death signal", errno, "", CJ_EX_OSERR);
	/* Own session: no controlling terminal to push keystrokes into. */
	if (setsid() < 0)
		die_step("new session", errno, "", CJ_EX_OSERR);
	environ = plan->envp;
	rc = cj_landlock_scope(plan, detail, sizeof(detail));
	if (rc)
		die_step("restrict abstract sockets and signals", -rc, detail,
			 CJ_EX_OSERR);
	if (plan->bpf.len) {
		/* The listener goes out before the other fds close. */
		rc = load_filter(plan, detail, sizeof(detail));
		if (rc)
			die_step("load seccomp filter", -rc, detail,
				 CJ_EX_OSERR);
	}
	rc = close_inherited(detail, sizeof(detail));
	if (rc)
		die_step("close inherited file descriptors", -rc, detail,
			 CJ_EX_OSERR);
	execvp(plan->argv[0], plan->argv);
	e = errno;
	die_step("execute", e, plan->argv[0],
		 e == ENOENT ? CJ_EX_NOTFOUND : CJ_EX_NOEXEC);
}

/* PID 1's loop: reap, forward, report, and die with the program. */
static CJ_NORETURN void init_loop(pid_t prog, int sfd)
{
	struct pollfd p[2] = {
		{ .fd = sfd, .events = POLLIN },
		{ .fd = CJ_FD_LIFELINE, .events = 0 },
	};

	for (;;) {
		struct signalfd_siginfo si;
		int status;
		pid_t pid;

		if (poll(p, 2, -1) < 0 && errno != EINTR)
			_exit(CJ_EX_OSERR);
		if (p[1].revents & (POLLHUP | POLLERR))
			_exit(CJ_EX_OSERR); /* supervisor gone: end the jail */
		if (!(p[0].revents & POLLIN) ||
		    read(sfd, &si, sizeof(si)) != sizeof(si))
			continue;
		if (si.ssi_signo != SIGCHLD) {
			kill(prog, (int)si.ssi_signo);
			continue;
		}
		while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
			if (pid == prog) {
				struct cj_msg m = { .type = CJ_MSG_EXIT,
						    .status = status };
				send_msg(&m);
				/* Our exit kills what is left in the jail. */
				_exit(0);
			}
		}
	}
}

struct step {
	const char *name;
	int (*fn)(const struct cj_plan *plan, char *detail, size_t len);
	int code; /* exit status when it fails */
};

static int step_wait(const struct cj_plan *plan, char *d, size_t l)
{
	(void)plan;
	return wait_for_go(d, l);
}

static int step_tie(const struct cj_plan *plan, char *d, size_t l)
{
	(void)plan;
	return tie_to_parent(d, l);
}

static int step_hostname(const struct cj_plan *plan, char *d, size_t l)
{
	snprintf(d, l, "%s", plan->hostname);
	return sethostname(plan->hostname, strlen(plan->hostname)) ? -errno : 0;
}

static int step_chdir(const struct cj_plan *plan, char *d, size_t l)
{
	snprintf(d, l, "%s", plan->dir);
	return chdir(plan->dir) ? -errno : 0;
}

static int step_rlimits(const struct cj_plan *plan, char *d, size_t l)
{
	return cj_apply_rlimits(&plan->limits, d, l);
}

static int step_creds(const struct cj_plan *plan, char *d, size_t l)
{
	return cj_drop_privileges(&plan->user, d, l);
}

static int step_undumpable(const struct cj_plan *plan, char *d, size_t l)
{
	(void)plan;
	/* The program (same uid) must not open /proc/1/fd or /proc/1/mem. */
	snprintf(d, l, "PR_SET_DUMPABLE");
	return prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) ? -errno : 0;
}

/* The order is the design (DESIGN.md, "Data flow"); do not reorder. */
static const struct step steps[] = {
	{ "tie the jail to capejail", step_tie, CJ_EX_OSERR },
	{ "set up the network namespace", cj_net_setup, CJ_EX_OSERR },
	{ "set up mounts", cj_mount_setup, CJ_EX_OSERR },
	{ "set the host name", step_hostname, CJ_EX_OSERR },
	{ "change to the working directory", step_chdir, CJ_EX_NODIR },
	{ "set resource limits", step_rlimits, CJ_EX_OSERR },
	/* The supervisor puts us in the jail's cgroup meanwhile. */
	{ "wait for the supervisor", step_wait, CJ_EX_OSERR },
	{ "drop privileges", step_creds, CJ_EX_OSERR },
	/* Credential changes clear the parent-death signal: set it again. */
	{ "tie the jail to capejail", step_tie, CJ_EX_OSERR },
	{ "make the init undumpable", step_undumpable, CJ_EX_OSERR },
};

void cj_child_main(const struct cj_plan *plan)
{
	char detail[256];
	sigset_t set;
	pid_t prog;
	int sfd;

	for (size_t i = 0; i < CJ_ARRAY_SIZE(steps); i++) {
		int rc;

		detail[0] = '\0';
		rc = steps[i].fn(plan, detail, sizeof(detail));
		if (rc)
			die_step(steps[i].name, -rc, detail, steps[i].code);
	}
	sfd = init_signals(&set);
	if (sfd < 0)
		die_step("set up signal forwarding", errno, "", CJ_EX_OSERR);
	prog = spawn_program(plan, sfd);
	if (prog < 0)
		die_step("start the program", errno, "clone", CJ_EX_OSERR);
	close(CJ_FD_NOTIFY);
	init_loop(prog, sfd);
}
