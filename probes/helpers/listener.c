/* SPDX-License-Identifier: MIT */
/*
 * listener: the host services the probes try to reach from inside the
 * jail. Listens on 127.0.0.1:<ephemeral> (TCP) and on the abstract unix
 * socket "@NAME", and holds a System V message queue under KEY (one
 * message in it); prints "PORT\n" on stdout once all are ready, then
 * answers every connection with a greeting line. Ends after 600 s or on
 * SIGTERM/SIGINT, removing the queue. Not a probe: probes/run starts it.
 *
 *   listener NAME KEY
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static const char greeting[] = "capejail-probe-listener\n";
static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

int main(int argc, char **argv)
{
	struct sockaddr_in in = { .sin_family = AF_INET };
	struct sockaddr_un un = { .sun_family = AF_UNIX };
	struct sigaction sa = { .sa_handler = on_signal };
	struct {
		long mtype;
		char mtext[32];
	} msg = { 1, "capejail-probe-ipc" };
	socklen_t len = sizeof(in);
	struct pollfd pfd[2];
	sigset_t block, unblocked;
	size_t namelen;
	int i, q;

	if (argc != 3 || !argv[1][0]) {
		fprintf(stderr, "usage: listener ABSTRACT-NAME IPC-KEY\n");
		return 64;
	}
	/* the signals that end us arrive only inside ppoll(): no lost wakeup */
	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGALRM);
	sigprocmask(SIG_BLOCK, &block, &unblocked);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGALRM, &sa, NULL);
	alarm(600);
	q = msgget((key_t)strtoul(argv[2], NULL, 0),
		   IPC_CREAT | IPC_EXCL | 0600);
	if (q < 0 || msgsnd(q, &msg, sizeof(msg.mtext), IPC_NOWAIT) < 0) {
		perror("listener: System V message queue");
		if (q >= 0)
			msgctl(q, IPC_RMID, NULL);
		return 71;
	}
	in.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	pfd[0].fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (pfd[0].fd < 0 || bind(pfd[0].fd, (void *)&in, sizeof(in)) < 0 ||
	    listen(pfd[0].fd, 16) < 0 ||
	    getsockname(pfd[0].fd, (void *)&in, &len) < 0) {
		perror("listener: tcp 127.0.0.1");
		msgctl(q, IPC_RMID, NULL);
		return 71;
	}
	namelen = strlen(argv[1]);
	if (namelen + 1 > sizeof(un.sun_path)) {
		fprintf(stderr, "listener: name too long\n");
		msgctl(q, IPC_RMID, NULL);
		return 64;
	}
	memcpy(un.sun_path + 1, argv[1], namelen); /* sun_path[0] = 0 */
	pfd[1].fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (pfd[1].fd < 0 ||
	    bind(pfd[1].fd, (void *)&un,
		 (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 +
			     namelen)) < 0 ||
	    listen(pfd[1].fd, 16) < 0) {
		perror("listener: abstract unix socket");
		msgctl(q, IPC_RMID, NULL);
		return 71;
	}
	printf("%u\n", ntohs(in.sin_port));
	fflush(stdout);
	pfd[0].events = pfd[1].events = POLLIN;
	while (!stop) {
		if (ppoll(pfd, 2, NULL, &unblocked) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (i = 0; i < 2; i++) {
			int c;

			if (!(pfd[i].revents & POLLIN))
				continue;
			c = accept4(pfd[i].fd, NULL, NULL, SOCK_CLOEXEC);
			if (c < 0)
				continue;
			if (write(c, greeting, sizeof(greeting) - 1) < 0)
				perror("listener: write");
			close(c);
		}
	}
	msgctl(q, IPC_RMID, NULL);
	return 0;
}
