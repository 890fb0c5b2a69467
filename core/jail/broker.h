/* SPDX-License-Identifier: MIT */
/*
 * The supervisor's broker for a jail that shares the host's network
 * (--share-net): the filter stops bind and listen (core/policy/
 * sharenet.def), and the supervisor decides each one. It reads the
 * program's address once into its own memory, takes its own copy of the
 * socket (pidfd_getfd), asks the kernel what the socket is, and performs an
 * allowed call itself on that copy; the answer goes back as the call's
 * result. The kernel never re-reads memory the program controls after the
 * decision (no SECCOMP_USER_NOTIF_FLAG_CONTINUE).
 */
#ifndef CAPEJAIL_BROKER_H
#define CAPEJAIL_BROKER_H

#include <linux/seccomp.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

struct cj_plan;
struct cj_result;
struct seccomp_notif;

/* The ports a jail may bind under --share-net besides port 0. */
struct cj_bind_ports {
	const uint16_t *ports;
	size_t n;
};

/*
 * May a socket of FAMILY bind ADDR (LEN bytes, as the program gave it)?
 * AF_INET/AF_INET6 on port 0 or a listed port: 0. Any other port, AF_UNIX
 * (paths, abstract names, autobind) and other families: -EACCES. A LEN too
 * short for FAMILY's address: -EINVAL, as the kernel would answer. Pure.
 */
int cj_broker_bind_verdict(int family, const void *addr, size_t len,
			   const struct cj_bind_ports *allow);
/*
 * May a socket bound to BOUND (LEN bytes, from getsockname) listen? Only
 * an AF_INET/AF_INET6 socket bound to a listed port (not 0: listen would
 * pick a port by itself): 0, else -EACCES. Pure.
 */
int cj_broker_listen_verdict(const struct sockaddr_storage *bound, size_t len,
			     const struct cj_bind_ports *allow);

/*
 * The supervisor's own copy of the program's descriptor FD (the program
 * of REQ, checked to be still waiting after the copy): fd or -errno.
 */
int cj_broker_copy_fd(int listener, const struct seccomp_notif *req, int fd);
/*
 * --connect: connect REQ's socket to a listed host address with one of the
 * supervisor's, or let the call through to the jail's own network
 * (broker_connect.c). 0, or -errno when the answer could not be sent.
 */
int cj_broker_connect(int listener, const struct seccomp_notif *req,
		      const struct cj_plan *plan, struct cj_result *res);
/*
 * --grant-read, --grant-write: open, openat or creat of REQ, judged by
 * the policy, brokered under a grant, or let through (broker_open.c). 0
 * when answered; 1 when the policy kills on the call (the caller names it
 * and ends the jail); -errno when the answer could not be sent.
 */
int cj_broker_open(int listener, const struct seccomp_notif *req,
		   const struct cj_plan *plan, struct cj_result *res);
/*
 * One brokered action (OP "open" or "connect", WHAT the path or address,
 * RESULT the jail's descriptor or -errno, by host pid PID) into RES and,
 * with --broker-log, that file (broker_log.c).
 */
void cj_broker_record(const struct cj_plan *plan, struct cj_result *res,
		      const char *op, const char *what, uint64_t flags,
		      int result, pid_t pid);

/*
 * Is CALL one the broker answers (--share-net, --connect, grants)? Native
 * calls only.
 */
int cj_broker_handles(const struct cj_plan *plan,
		      const struct seccomp_data *call);
/*
 * Decide REQ and answer it on LISTENER: the result of the call the
 * supervisor made on its copy, or the refusal. 0, or -errno when the
 * answer could not be sent, or 1 when the policy kills on it (grants):
 * the program then stays stopped, the caller kills the jail.
 */
int cj_broker_answer(int listener, const struct seccomp_notif *req,
		     const struct cj_plan *plan, struct cj_result *res);

#endif
