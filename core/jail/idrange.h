/* SPDX-License-Identifier: MIT */
/*
 * The host ids a jail runs as: one uid (and the gid of the same number) per
 * running jail, from a fixed range that no host account and no other
 * running jail uses. This header is the pure part (the range, where a
 * search starts, the walk); idalloc.c does the locking and the NSS checks.
 *
 * The range, 2000000000 to 2000065535 (0x77359400 to 0x7736943f):
 *   - above every regular and system account (1000-60000, below 1000),
 *     systemd's DynamicUser range (61184-65519), nobody (65534) and the
 *     16-bit limit;
 *   - above the /etc/subuid and /etc/subgid ranges useradd hands out
 *     (SUB_UID_MIN 100000 to SUB_UID_MAX 600100000 by default);
 *   - above systemd-nspawn's container range (524288-1879048191) and below
 *     systemd's foreign-image range (2147352576-2147418111) and 2^31, in
 *     the span systemd documents as unused (docs/UIDS-GIDS.md).
 * A host account found in it anyway (NSS) is skipped, never used.
 */
#ifndef CAPEJAIL_IDRANGE_H
#define CAPEJAIL_IDRANGE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define CJ_ID_BASE  2000000000u
#define CJ_ID_COUNT 65536u
/* Lock files, one per id in use: root's own, mode 0700. */
#define CJ_ID_LOCK_DIR "/run/capejail"

/* Where a search starts, from the caller's pid: concurrent starts spread. */
uint32_t cj_id_start(pid_t pid, uint32_t count);

/*
 * Try to take host id ID for us: 0 taken (and held by the callee),
 * -EBUSY in use (an account, another jail), any other -errno: stop.
 */
typedef int cj_id_try_fn(uint32_t id, void *ctx);

/*
 * Try BASE+START, BASE+START+1, ... wrapping around, each id of
 * [BASE, BASE+COUNT) once, until TRY takes one (0, *OUT set). -EBUSY when
 * every id is in use, -EINVAL for an empty range or a START outside it,
 * -ERANGE when the range would pass the largest valid id (2^32-2), or the
 * first other error TRY returns.
 */
int cj_id_walk(uint32_t base, uint32_t count, uint32_t start,
	       cj_id_try_fn *try_id, void *ctx, uint32_t *out);

/* The lock file's name for ID ("2000000123.lock"); 0, or -ENAMETOOLONG. */
int cj_id_lock_name(uint32_t id, char *buf, size_t len);

struct cj_err;

/*
 * idalloc.c: take a free host id for a jail, starting the search at PID's
 * place in the range. The id is no host account (NSS: getpwuid_r,
 * getgrgid_r) and no running jail's: its lock file in CJ_ID_LOCK_DIR is
 * flock()ed on *LOCK_FD (close-on-exec) for as long as that descriptor is
 * open; the kernel releases it when the holder dies. 0, or a cj_exit
 * status with E set.
 */
int cj_id_acquire(pid_t pid, uint32_t *id, int *lock_fd, struct cj_err *e);

#endif
