/* SPDX-License-Identifier: MIT */
/*
 * probe: io_uring
 * class: host files
 * tries: io_uring_setup, then an openat + read of the host's marker
 *   through the ring: io_uring operations never pass through seccomp, so
 *   a jail that allows io_uring_setup has a filter with a hole in it.
 *   ESCAPED as soon as the ring exists; the marker is the evidence.
 * args: {marker}
 * control: root
 * expect: KILLED(io_uring_setup), BLOCKED(ENOSYS/EPERM)
 * layer: seccomp (io_uring_setup is blocked)
 * skip-ok: io_uring disabled on the host (kernel.io_uring_disabled=2)
 */
#include "probe.h"

#include <linux/io_uring.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>

struct ring {
	int fd;
	unsigned *sq_tail, *sq_mask, *sq_array, *cq_head, *cq_tail, *cq_mask;
	struct io_uring_sqe *sqes;
	struct io_uring_cqe *cqes;
};

/* Submit one SQE and wait for its completion; returns cqe->res. */
static int ring_run(struct ring *r, const struct io_uring_sqe *sqe)
{
	unsigned tail = *r->sq_tail, head;
	int res;

	r->sqes[tail & *r->sq_mask] = *sqe;
	r->sq_array[tail & *r->sq_mask] = tail & *r->sq_mask;
	__atomic_store_n(r->sq_tail, tail + 1, __ATOMIC_RELEASE);
	if (syscall(SYS_io_uring_enter, r->fd, 1, 1, IORING_ENTER_GETEVENTS,
		    NULL, 0) < 0)
		return -errno;
	head = __atomic_load_n(r->cq_head, __ATOMIC_ACQUIRE);
	if (head == __atomic_load_n(r->cq_tail, __ATOMIC_ACQUIRE))
		return -EAGAIN;
	res = r->cqes[head & *r->cq_mask].res;
	__atomic_store_n(r->cq_head, head + 1, __ATOMIC_RELEASE);
	return res;
}

int main(int argc, char **argv)
{
	const char *marker = arg(argc, argv, 1, "/capejail-probe-marker");
	struct io_uring_params p;
	struct io_uring_sqe sqe;
	struct ring r;
	char buf[256] = "";
	size_t sq_len, cq_len;
	uint8_t *sq, *cq;
	int fd, n;

	probe_init();
	memset(&p, 0, sizeof(p));
	r.fd = (int)syscall(SYS_io_uring_setup, 4, &p);
	if (r.fd < 0) {
		int err = errno;

		if (err == EPERM && seccomp_mode() == 0 &&
		    read_file("/proc/sys/kernel/io_uring_disabled", buf,
			      sizeof(buf)) > 0 &&
		    atoi(buf) == 2)
			skip("io_uring is disabled for everyone on this host "
			     "(kernel.io_uring_disabled=2)");
		blocked(err, "io_uring_setup");
	}
	sq_len = p.sq_off.array + p.sq_entries * sizeof(unsigned);
	cq_len = p.cq_off.cqes + p.cq_entries * sizeof(struct io_uring_cqe);
	sq = mmap(NULL, sq_len, PROT_READ | PROT_WRITE, MAP_SHARED, r.fd,
		  IORING_OFF_SQ_RING);
	cq = mmap(NULL, cq_len, PROT_READ | PROT_WRITE, MAP_SHARED, r.fd,
		  IORING_OFF_CQ_RING);
	r.sqes =
	    mmap(NULL, p.sq_entries * sizeof(struct io_uring_sqe),
		 PROT_READ | PROT_WRITE, MAP_SHARED, r.fd, IORING_OFF_SQES);
	if (sq == MAP_FAILED || cq == MAP_FAILED || r.sqes == MAP_FAILED)
		escaped("io_uring_setup succeeded (fd %d; mapping the rings "
			"failed: %s)",
			r.fd, errname(errno));
	r.sq_tail = (unsigned *)(sq + p.sq_off.tail);
	r.sq_mask = (unsigned *)(sq + p.sq_off.ring_mask);
	r.sq_array = (unsigned *)(sq + p.sq_off.array);
	r.cq_head = (unsigned *)(cq + p.cq_off.head);
	r.cq_tail = (unsigned *)(cq + p.cq_off.tail);
	r.cq_mask = (unsigned *)(cq + p.cq_off.ring_mask);
	r.cqes = (struct io_uring_cqe *)(cq + p.cq_off.cqes);

	memset(&sqe, 0, sizeof(sqe));
	sqe.opcode = IORING_OP_OPENAT;
	sqe.fd = AT_FDCWD;
	sqe.addr = (uint64_t)(uintptr_t)marker;
	sqe.open_flags = O_RDONLY | O_CLOEXEC;
	fd = ring_run(&r, &sqe);
	if (fd < 0)
		escaped("io_uring_setup succeeded (openat of %s through the "
			"ring: %s)",
			marker, errname(-fd));
	memset(&sqe, 0, sizeof(sqe));
	sqe.opcode = IORING_OP_READ;
	sqe.fd = fd;
	sqe.addr = (uint64_t)(uintptr_t)buf;
	sqe.len = sizeof(buf) - 1;
	n = ring_run(&r, &sqe);
	buf[n > 0 ? n : 0] = '\0';
	escaped("opened and read %s through io_uring, unseen by seccomp: %s",
		marker, chomp(buf));
}
