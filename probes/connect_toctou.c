/* SPDX-License-Identifier: MIT */
/*
 * probe: connect_toctou
 * class: network
 * tries: get the --connect broker to connect somewhere it was not told:
 *   the jail may reach only 127.0.0.1:1 (jail-args), and a second thread
 *   flips the address connect() reads between that port and the harness's
 *   listener ({port}), holding each about a microsecond, while the main
 *   thread connects, at least 2000 times and for at least half a second
 *   (RACE_MIN_MS), until one connection reaches the listener. A broker that
 *   decided on one read and connected (or let the kernel connect)
 *   after another would hand the jail the host's listener. ESCAPED if any
 *   connection reads the listener's greeting.
 * args: {port}
 * control: root
 * jail-args: --connect 127.0.0.1:1
 * expect: BLOCKED(ECONNREFUSED)
 * layer: network namespace (unlisted connects stay in the jail's own);
 *   the supervisor decides: it reads the address once and connects its own
 *   copy (broker_connect.c)
 */
#include "probe.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sched.h>
#include <string.h>
#include <sys/socket.h>

#define TRIES 2000

static struct sockaddr_in target = { .sin_family = AF_INET };
static volatile unsigned short listed_port, host_port;
static volatile int flipping;

/* Flip the port connect() will read, as fast as the CPU allows. */
static void *flip(void *unused)
{
	volatile unsigned short *p = &target.sin_port;

	(void)unused;
	flipping = 1;
	for (;;) {
		*p = listed_port;
		race_hold();
		*p = host_port;
		race_hold();
	}
	return NULL;
}

int main(int argc, char **argv)
{
	long port = arg_long(argc, argv, 1, 1);
	int last = 0, i;
	long long start;
	pthread_t t;

	probe_init();
	target.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	listed_port = htons(1);
	host_port = htons((unsigned short)port);
	target.sin_port = listed_port;
	if (pthread_create(&t, NULL, flip, NULL))
		skip("pthread_create failed");
	while (!flipping)
		sched_yield();
	start = race_ms();
	for (i = 0; i < RACE_MAX_TRIES &&
		    (i < TRIES || race_ms() - start < RACE_MIN_MS);
	     i++) {
		int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
		char buf[128];
		ssize_t n;

		if (fd < 0)
			blocked(errno, "socket(AF_INET, SOCK_STREAM)");
		if (connect(fd, (struct sockaddr *)&target, sizeof(target))) {
			last = errno;
			close(fd);
			continue;
		}
		n = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		buf[n > 0 ? n : 0] = '\0';
		if (strstr(buf, "capejail-probe-listener"))
			escaped(
			    "attempt %d reached the host's 127.0.0.1:%ld: %s",
			    i + 1, port, chomp(buf));
		last = ECONNREFUSED; /* something else answered on port 1 */
	}
	blocked(last, "%d connects in %lld ms, none reached 127.0.0.1:%ld", i,
		race_ms() - start, port);
}
