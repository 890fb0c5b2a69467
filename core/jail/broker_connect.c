/* SPDX-License-Identifier: MIT */
/*
 * --connect (capejail.h): a jail with a network of its own may still reach
 * the host addresses the caller lists. The filter stops connect; the
 * supervisor reads the address once into its own memory, and for a TCP
 * socket and a listed address connects a socket of its own from the
 * host's network and puts it in the program's place (ADDFD with SETFD, on
 * the descriptor number the call named). Every other connect is let
 * through to the jail's own network (its loopback; ENETUNREACH anywhere
 * else): the supervisor decided nothing from the program's memory then,
 * so the kernel reading it again changes nothing.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include "broker.h"
#include "jail.h"

/* How long the supervisor waits for the host's end to answer. */
#define CJ_CONNECT_TIMEOUT_MS 5000

/* Was the program's descriptor FD close-on-exec (its fdinfo says)? */
static bool fd_cloexec(pid_t pid, int fd)
{
	char path[64], line[128];
	unsigned long flags = 0;
	bool found = false;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/fdinfo/%d", (int)pid, fd);
	f = fopen(path, "re");
	if (!f)
		return true;
	while (!found && fgets(line, sizeof(line), f))
		found = sscanf(line, "flags: %lo", &flags) == 1;
	fclose(f);
	return !found || (flags & O_CLOEXEC);
}

/* A socket of our own connected to ADDR: fd, or -errno. */
static int connect_own(const struct sockaddr_storage *addr, socklen_t len)
{
	int s = socket(addr->ss_family,
		       SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0),
	    err = 0;
	socklen_t el = sizeof(err);
	struct pollfd p = { .fd = s, .events = POLLOUT };

	if (s < 0)
		return -errno;
	if (connect(s, (const struct sockaddr *)addr, len) &&
	    errno != EINPROGRESS)
		err = errno;
	else if (poll(&p, 1, CJ_CONNECT_TIMEOUT_MS) != 1)
		err = ETIMEDOUT;
	else if (getsockopt(s, SOL_SOCKET, SO_ERROR, &err, &el))
		err = errno;
	if (err) {
		close(s);
		return -err;
	}
	return s;
}

/* Put OURS where the program's socket was, with its flags. 0 or -errno. */
static int swap_in(int listener, const struct seccomp_notif *req, int theirs,
		   int ours)
{
	int fl = fcntl(theirs, F_GETFL);
	struct seccomp_notif_addfd a = {
		.id = req->id,
		.flags = SECCOMP_ADDFD_FLAG_SETFD,
		.srcfd = (__u32)ours,
		.newfd = (__u32)req->data.args[0],
		.newfd_flags =
		    fd_cloexec((pid_t)req->pid, (int)req->data.args[0])
			? O_CLOEXEC
			: 0,
	};

	if (fl < 0 || fcntl(ours, F_SETFL, fl & O_NONBLOCK) ||
	    ioctl(listener, SECCOMP_IOCTL_NOTIF_ADDFD, &a) < 0)
		return -errno;
	return 0;
}

int cj_broker_connect(int listener, const struct seccomp_notif *req,
		      const struct cj_plan *plan, struct cj_result *res)
{
	struct seccomp_notif_resp resp = { .id = req->id };
	struct sockaddr_storage addr;
	uint64_t len = req->data.args[2] & 0xffffffffu; /* socklen_t */
	struct iovec local = { &addr, len };
	struct iovec remote = { (void *)(uintptr_t)req->data.args[1], len };
	int theirs = -1, type = 0, family = 0, ours;
	socklen_t tl = sizeof(type), fl = sizeof(family);
	bool listed =
	    (int32_t)len > 0 && len <= sizeof(addr) &&
	    process_vm_readv(req->pid, &local, 1, &remote, 1, 0) ==
		(ssize_t)len &&
	    cj_connect_listed(plan->connect, plan->nconnect, &addr, len);

	if (listed)
		theirs =
		    cj_broker_copy_fd(listener, req, (int)req->data.args[0]);
	if (theirs >= 0 &&
	    (getsockopt(theirs, SOL_SOCKET, SO_TYPE, &type, &tl) ||
	     getsockopt(theirs, SOL_SOCKET, SO_DOMAIN, &family, &fl) ||
	     type != SOCK_STREAM || family != addr.ss_family))
		listed = false; /* not a TCP socket of that family */
	if (!listed || theirs < 0) {
		if (theirs >= 0)
			close(theirs);
		resp.flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
	} else {
		/* knock-out build: the double fetch this design rules out */
		if (cj_layer_knocked_out("broker"))
			(void)process_vm_readv(req->pid, &local, 1, &remote, 1,
					       0);
		ours = connect_own(&addr, (socklen_t)len);
		resp.error =
		    ours < 0 ? ours : swap_in(listener, req, theirs, ours);
		{
			char what[64];

			cj_connect_text(&addr, (socklen_t)len, what,
					sizeof(what));
			cj_broker_record(plan, res, "connect", what, 0,
					 resp.error < 0
					     ? resp.error
					     : (int)req->data.args[0],
					 (pid_t)req->pid);
		}
		if (ours >= 0)
			close(ours);
		close(theirs);
	}
	if (ioctl(listener, SECCOMP_IOCTL_NOTIF_SEND, &resp) == 0)
		return 0;
	return errno == ENOENT ? 0 : -errno; /* ENOENT: the caller is gone */
}
