/* SPDX-License-Identifier: MIT */
/*
 * Inside the jail. The first process (PID 1 of the new PID namespace) runs
 * its rows of the step table (steps.c), starts the program, and stays as a
 * tiny init: it reaps every orphan, forwards signals to the program and
 * reports the program's wait status to the supervisor. The program runs
 * its own rows, the last of which is execve.
 *
 * A failed step is reported on the status pipe and the jail exits: the
 * program never runs half-jailed.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <time.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include "jail.h"

/* The program's stack until it execs: a few step frames. */
#define PROGRAM_STACK (64 * 1024)

/* Signals the init forwards to the program. */
static const int forwarded[] = { SIGINT,  SIGTERM, SIGHUP,
				 SIGQUIT, SIGUSR1, SIGUSR2 };

int cj_init_undumpable(struct cj_jail *j, char *detail, size_t len)
{
	(void)j;
	/*
	 * Test builds: what a host with fs.suid_dumpable=1 leaves after the
	 * credential change (where this step matters), not merely skipped.
	 */
	if (cj_layer_knocked_out("dumpable"))
		return prctl(PR_SET_DUMPABLE, 1, 0, 0, 0) ? -errno : 0;
	/* The program (same uid) must not open /proc/1/fd or /proc/1/mem. */
	snprintf(detail, len, "PR_SET_DUMPABLE");
	if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0))
		return -errno;
	snprintf(detail, len, "verify not dumpable");
	return cj_verify_undumpable();
}

static void noop_handler(int sig)
{
	(void)sig;
}

/*
 * PID 1 of a namespace ignores signals it has no handler for, even blocked
 * ones, so install a handler, block, and read them from a signalfd.
 */
int cj_init_signals(struct cj_jail *j, char *detail, size_t len)
{
	struct sigaction sa = { .sa_handler = noop_handler };

	(void)detail;
	(void)len;
	sigemptyset(&j->sigs);
	sigaddset(&j->sigs, SIGCHLD);
	for (size_t i = 0; i < CJ_ARRAY_SIZE(forwarded); i++)
		sigaddset(&j->sigs, forwarded[i]);
	for (int sig = 1; sig < NSIG; sig++)
		if (sigismember(&j->sigs, sig))
			sigaction(sig, &sa, NULL);
	if (sigprocmask(SIG_BLOCK, &j->sigs, NULL))
		return -errno;
	j->sfd = signalfd(-1, &j->sigs, SFD_CLOEXEC);
	return j->sfd < 0 ? -errno : 0;
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

/* The program: the init's signal handling undone, then its own rows. */
static int program_entry(void *arg)
{
	struct cj_jail *j = arg;

	close(j->sfd);
	reset_signals();
	cj_steps_run(j, CJ_BY_PROGRAM);
	_exit(CJ_EX_SOFTWARE); /* not reached: the last row execs or fails */
}

/*
 * Like posix_spawn: the program starts in a child that shares our memory
 * on its own stack until it execs (no page-table copy), and we resume only
 * once it has exec'd or exited. It only makes syscalls and writes
 * `environ` before exec.
 */
int cj_init_spawn(struct cj_jail *j, char *detail, size_t len)
{
	static char stack[PROGRAM_STACK] __attribute__((aligned(16)));

	snprintf(detail, len, "clone");
	j->prog = clone(program_entry, stack + sizeof(stack),
			CLONE_VM | CLONE_VFORK | SIGCHLD, j);
	return j->prog < 0 ? -errno : 0;
}

/* The kernel's process CPU clock of PID that counts user + system time
 * (CPUCLOCK_PROF, include/linux/posix-timers.h): what RLIMIT_CPU checks. */
#define PROF_CLOCK(pid) ((clockid_t)(~(unsigned)(pid) << 3))

/*
 * The program's own CPU time (all its threads, not its children), read
 * while it is a zombie, before it is reaped: what RLIMIT_CPU counts.
 */
static int64_t zombie_cpu_ms(pid_t prog)
{
	siginfo_t si = { 0 };
	struct timespec ts;

	if (waitid(P_PID, (id_t)prog, &si, WEXITED | WNOHANG | WNOWAIT) ||
	    si.si_pid != prog || clock_gettime(PROF_CLOCK(prog), &ts))
		return -1;
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
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
		struct rusage ru;
		int64_t cpu_ms;
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
		cpu_ms = zombie_cpu_ms(prog);
		while ((pid = wait4(-1, &status, WNOHANG, &ru)) > 0) {
			if (pid == prog) {
				cj_status_exit(status, cpu_ms, ru.ru_maxrss);
				/* Our exit kills what is left in the jail. */
				_exit(0);
			}
		}
	}
}

void cj_child_main(const struct cj_plan *plan)
{
	struct cj_jail j = { .plan = plan, .sfd = -1, .prog = -1 };

	/* Before the mounts hide it: where the namespace proofs look. */
	j.host_proc = open("/proc", O_PATH | O_DIRECTORY | O_CLOEXEC);
	/* No PID namespace: keep the program's orphans under this init. */
	if (!cj_own_pidns(plan))
		(void)prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
	cj_steps_run(&j, CJ_BY_INIT);
	/* The program closes its copies before exec (fds.c). */
	close(j.host_proc);
	close(CJ_FD_NOTIFY);
	init_loop(j.prog, j.sfd);
}
