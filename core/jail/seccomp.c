/* SPDX-License-Identifier: MIT */
/*
 * The program loads the plan's seccomp filter, the last layer before exec.
 * In notify mode the kernel hands back a listener, which goes out to the
 * supervisor on the notification socket before the descriptors close: the
 * supervisor then learns every blocked call and kills the jail.
 */
#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "jail.h"

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

/* Nothing to load with -I. The plan checked len <= BPF_MAXINSNS. */
int cj_seccomp_load(struct cj_jail *j, char *detail, size_t len)
{
	const struct cj_plan *plan = j->plan;
	struct sock_fprog prog = {
		.len = (unsigned short)plan->bpf.len,
		.filter = plan->bpf.insns,
	};
	unsigned flags = plan->notify ? SECCOMP_FILTER_FLAG_NEW_LISTENER : 0;
	long fd;
	int rc;

	if (!plan->bpf.len)
		return 0;
	/* Set by the credentials step in a jail; --filter-only skips it. */
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)) {
		snprintf(detail, len, "no_new_privs");
		return -errno;
	}
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
