/* SPDX-License-Identifier: MIT */
/*
 * The supervisor's side of the seccomp listener: receive it from the
 * program, and read a blocked syscall's notification into the result (the
 * number, arguments, and which process of the jail made it). A blocked
 * call's notification is never answered: the supervisor kills the jail
 * instead, so the call never runs. Under --share-net, bind and listen are
 * the broker's to answer (broker.h). Under --audit every other call is
 * recorded and let through: the supervisor decides nothing from the
 * program's memory, so the kernel reading it again changes nothing.
 * With --discover-fd the filter sends errno verdicts here too, and each
 * call is also written to that descriptor as one line for
 * capejail-syscalls discover (capejail.h).
 */
#include <fcntl.h>
#include <linux/seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "broker.h"
#include "jail.h"

/* Receive the seccomp listener fd the program sends before exec. */
int cj_notify_recv_listener(int sock)
{
	char byte;
	struct iovec iov = { .iov_base = &byte, .iov_len = 1 };
	union {
		struct cmsghdr h;
		char buf[CMSG_SPACE(sizeof(int))];
	} u;
	struct msghdr msg = {
		.msg_iov = &iov,
		.msg_iovlen = 1,
		.msg_control = u.buf,
		.msg_controllen = sizeof(u.buf),
	};
	struct cmsghdr *c;
	int fd;

	if (recvmsg(sock, &msg, MSG_CMSG_CLOEXEC) != 1)
		return -1;
	c = CMSG_FIRSTHDR(&msg);
	if (!c || c->cmsg_type != SCM_RIGHTS ||
	    c->cmsg_len != CMSG_LEN(sizeof(int)))
		return -1;
	memcpy(&fd, CMSG_DATA(c), sizeof(int));
	return fd;
}

/* Read "NSpid: host ... jail" from /proc/PID/status. */
static pid_t jail_pid_of(pid_t host)
{
	char path[64], line[256];
	pid_t last = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", host);
	f = fopen(path, "re");
	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		if (strncmp(line, "NSpid:", 6) == 0) {
			char *p = line + 6, *end;

			for (long v; (v = strtol(p, &end, 10)), end != p;
			     p = end)
				last = (pid_t)v;
			break;
		}
	}
	fclose(f);
	return last;
}

static void read_comm(pid_t pid, char *buf, size_t len)
{
	char path[64];
	ssize_t n = 0;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/comm", pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		n = read(fd, buf, len - 1);
		close(fd);
	}
	if (n <= 0)
		n = 0;
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
}

/* --audit: count REQ's syscall in RES (its first call in detail). */
static void audit_record(struct cj_result *res, const struct seccomp_notif *req)
{
	struct cj_audit_entry *a = NULL;

	for (size_t i = 0; i < res->naudit && !a; i++)
		if (res->audit[i].nr == req->data.nr)
			a = &res->audit[i];
	if (!a && res->naudit == CJ_AUDIT_MAX) {
		res->audit_more++;
		return;
	}
	if (!a) {
		a = &res->audit[res->naudit++];
		memset(a, 0, sizeof(*a));
		a->nr = req->data.nr;
		memcpy(a->args, req->data.args, sizeof(a->args));
		a->pid_jail = jail_pid_of((pid_t)req->pid);
		read_comm((pid_t)req->pid, a->comm, sizeof(a->comm));
	}
	a->count++;
}

/*
 * --discover-fd: "PID NR ARCH ARG0 ... ARG5 [FLAGS]", the pid the host's,
 * the rest in hex; FLAGS is clone3's clone_args.flags, read from the
 * program's memory (the call runs anyway: nothing is decided on it). A
 * reader that went away loses the line (SIGPIPE is ignored), the call
 * still goes on.
 */
static void discover_line(int fd, const struct seccomp_notif *req)
{
	const __u64 *a = req->data.args;
	uint64_t flags = 0;
	struct iovec local = { &flags, sizeof(flags) };
	struct iovec remote = { (void *)(uintptr_t)a[0], sizeof(flags) };
	bool clone3 = req->data.nr == SYS_clone3 &&
		      process_vm_readv(req->pid, &local, 1, &remote, 1, 0) ==
			  (ssize_t)sizeof(flags);
	char extra[24] = "";

	if (clone3)
		snprintf(extra, sizeof(extra), " %llx",
			 (unsigned long long)flags);
	dprintf(fd, "%u %d %x %llx %llx %llx %llx %llx %llx%s\n", req->pid,
		req->data.nr, req->data.arch, (unsigned long long)a[0],
		(unsigned long long)a[1], (unsigned long long)a[2],
		(unsigned long long)a[3], (unsigned long long)a[4],
		(unsigned long long)a[5], extra);
}

/* Let REQ's call run as if the filter had allowed it. */
static void let_through(int listener, const struct seccomp_notif *req,
			size_t size)
{
	struct seccomp_notif_resp *resp = calloc(1, size);

	if (!resp)
		return; /* the call waits; the jail ends at its time limit */
	resp->id = req->id;
	resp->flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
	/* ENOENT: the caller died meanwhile; nothing to answer */
	(void)ioctl(listener, SECCOMP_IOCTL_NOTIF_SEND, resp);
	free(resp);
}

/*
 * The first blocked syscall goes into RES; later ones are dropped. False
 * when the broker answered the call, or --audit let it through, and the
 * jail goes on.
 */
bool cj_notify_read(int listener, const struct cj_plan *plan,
		    struct cj_result *res)
{
	struct seccomp_notif_sizes sizes = { 0 };
	struct seccomp_notif *req;
	size_t size = sizeof(*req),
	       resp_size = sizeof(struct seccomp_notif_resp);
	bool recv;

	if (syscall(SYS_seccomp, SECCOMP_GET_NOTIF_SIZES, 0, &sizes) == 0) {
		if (sizes.seccomp_notif > size)
			size = sizes.seccomp_notif;
		if (sizes.seccomp_notif_resp > resp_size)
			resp_size = sizes.seccomp_notif_resp;
	}
	req = calloc(1, size);
	if (!req)
		return true;
	recv = ioctl(listener, SECCOMP_IOCTL_NOTIF_RECV, req) == 0;
	if (recv && cj_broker_handles(plan, &req->data) &&
	    cj_broker_answer(listener, req, plan, res) == 0) {
		free(req);
		return false;
	}
	if (plan->audit && !recv) {
		free(req); /* its caller died first: nothing to record */
		return false;
	}
	if (recv && plan->audit) {
		if (plan->discover_fd > 0)
			discover_line(plan->discover_fd, req);
		audit_record(res, req);
		let_through(listener, req, resp_size);
		free(req);
		return false;
	}
	if (recv && !res->blocked) {
		res->blocked = true;
		res->sys_nr = req->data.nr;
		memcpy(res->sys_args, req->data.args, sizeof(res->sys_args));
		res->sys_pid_host = (pid_t)req->pid;
		res->sys_pid_jail = jail_pid_of((pid_t)req->pid);
		read_comm((pid_t)req->pid, res->sys_comm,
			  sizeof(res->sys_comm));
	}
	free(req);
	return true;
}
