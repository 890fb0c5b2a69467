/* SPDX-License-Identifier: MIT */
/*
 * The --share-net broker's kernel side (broker.h): take the program's
 * socket and address, decide with broker_rules.c, act on the supervisor's
 * own copy, answer.
 */
#include <errno.h>
#include <linux/seccomp.h>
#include <seccomp.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "broker.h"
#include "jail.h"

/* x32 calls: x86_64's arch, numbers with this bit. */
#define CJ_X32_SYSCALL_BIT 0x40000000

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif
#ifndef SYS_pidfd_getfd
#define SYS_pidfd_getfd 438
#endif

int cj_broker_handles(const struct cj_plan *plan,
		      const struct seccomp_data *call)
{
	int nr = call->nr;

	/*
	 * Native calls only: the syscall numbers below are x86_64's. The
	 * filter kills foreign ABIs (i386, x32) before any notification; an
	 * i386 call numbered like open is never taken for one here either.
	 */
	if (call->arch != seccomp_arch_native() || nr < 0 ||
	    (nr & CJ_X32_SYSCALL_BIT))
		return 0;
	return (!plan->new_netns && (nr == SYS_bind || nr == SYS_listen)) ||
	       (plan->nconnect && nr == SYS_connect) ||
	       (plan->ngrants &&
		(nr == SYS_open || nr == SYS_openat || nr == SYS_creat));
}

/* The notification still stands: its process has not died or moved on. */
static int still_valid(int listener, const struct seccomp_notif *req)
{
	__u64 id = req->id;

	return ioctl(listener, SECCOMP_IOCTL_NOTIF_ID_VALID, &id) ? -ESRCH : 0;
}

int cj_broker_copy_fd(int listener, const struct seccomp_notif *req, int fd)
{
	int pidfd = (int)syscall(SYS_pidfd_open, req->pid, 0), copy, rc;

	if (pidfd < 0)
		return -ESRCH;
	copy = (int)syscall(SYS_pidfd_getfd, pidfd, fd, 0);
	rc = copy < 0 ? -errno : 0;
	close(pidfd);
	/* The pid could have been reused before pidfd_open: check after. */
	if (!rc && still_valid(listener, req)) {
		close(copy);
		return -ESRCH;
	}
	return rc ? rc : copy;
}

/* "127.0.0.1:8080", "unix" ... of ADDR (LEN bytes) for the broker's log. */
static void addr_text(const struct sockaddr_storage *addr, size_t len,
		      char *what, size_t wlen)
{
	if (len >= sizeof(sa_family_t) && addr->ss_family == AF_UNIX)
		snprintf(what, wlen, "unix socket");
	else
		cj_connect_text(addr, len, what, wlen);
}

/*
 * bind(fd, addr, len): the address read once, into our memory (and as
 * text into WHAT).
 */
static int do_bind(int listener, const struct seccomp_notif *req, int sock,
		   const struct cj_bind_ports *allow, char *what, size_t wlen)
{
	struct sockaddr_storage addr;
	uint64_t len = req->data.args[2] & 0xffffffffu; /* socklen_t */
	struct iovec local = { &addr, len };
	struct iovec remote = { (void *)(uintptr_t)req->data.args[1], len };
	int family, rc;
	socklen_t fl = sizeof(family);

	if ((int32_t)len < 0 || len > sizeof(addr))
		return -EINVAL; /* as the kernel answers */
	if (getsockopt(sock, SOL_SOCKET, SO_DOMAIN, &family, &fl))
		return -errno; /* ENOTSOCK */
	if (len && process_vm_readv(req->pid, &local, 1, &remote, 1, 0) !=
		       (ssize_t)len)
		return -EFAULT;
	addr_text(&addr, len, what, wlen);
	rc = still_valid(listener, req);
	if (!rc && !cj_layer_knocked_out("broker"))
		rc = cj_broker_bind_verdict(family, &addr, len, allow);
	if (!rc && bind(sock, (struct sockaddr *)&addr, (socklen_t)len))
		rc = -errno;
	return rc;
}

/* listen(fd, backlog): where the socket is bound, from the kernel. */
static int do_listen(const struct seccomp_notif *req, int sock,
		     const struct cj_bind_ports *allow, char *what, size_t wlen)
{
	struct sockaddr_storage bound = { 0 };
	socklen_t len = sizeof(bound);
	int rc;

	if (getsockname(sock, (struct sockaddr *)&bound, &len))
		return -errno; /* ENOTSOCK */
	addr_text(&bound, len, what, wlen);
	rc = cj_layer_knocked_out("broker")
		 ? 0
		 : cj_broker_listen_verdict(&bound, len, allow);
	if (!rc && listen(sock, (int)req->data.args[1]))
		rc = -errno;
	return rc;
}

int cj_broker_answer(int listener, const struct seccomp_notif *req,
		     const struct cj_plan *plan, struct cj_result *res)
{
	const struct cj_bind_ports allow = { plan->allow_bind, plan->nbind };
	struct seccomp_notif_resp resp = { .id = req->id };
	char what[64] = "?";
	int sock, rc;

	if (req->data.nr == SYS_connect)
		return cj_broker_connect(listener, req, plan, res);
	if (req->data.nr != SYS_bind && req->data.nr != SYS_listen)
		return cj_broker_open(listener, req, plan, res);
	sock = cj_broker_copy_fd(listener, req, (int)req->data.args[0]);
	rc = sock;

	if (sock >= 0) {
		rc = req->data.nr == SYS_bind
			 ? do_bind(listener, req, sock, &allow, what,
				   sizeof(what))
			 : do_listen(req, sock, &allow, what, sizeof(what));
		close(sock);
	}
	resp.error = rc < 0 ? rc : 0;
	cj_broker_record(plan, res,
			 req->data.nr == SYS_bind ? "bind" : "listen", what, 0,
			 rc < 0 ? rc : (int)req->data.args[0], (pid_t)req->pid);
	if (ioctl(listener, SECCOMP_IOCTL_NOTIF_SEND, &resp) == 0)
		return 0;
	return errno == ENOENT ? 0 : -errno; /* ENOENT: the caller is gone */
}
