/* SPDX-License-Identifier: MIT */
/*
 * --no-new-code: the only programs that can run are the files of the
 * read-only root (or a read-only bind). Three layers:
 *
 * - every writable mount is noexec and the root read-only (mount.c), so a
 *   program written to /tmp, /dev/shm or the root cannot be executed;
 * - memfd files cannot be made executable: vm.memfd_noexec = 2 in the
 *   jail's own PID namespace (per namespace since Linux 6.3; the init
 *   proves the namespace is the jail's, never the host's, before writing);
 * - the filter refuses execveat on a descriptor (AT_EMPTY_PATH, fexecve's
 *   way) with EACCES, whatever the file is.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include "cond.h"
#include "jail.h"

#define CJ_AT_EMPTY_PATH 0x1000 /* <fcntl.h>'s AT_EMPTY_PATH */

int cj_nocode_policy(struct cj_policy *p)
{
	int row = cj_table_index("execveat");
	struct cj_cond fd_exec = {
		.row = row,
		.action = CJ_ACT_ERRNO,
		.err = EACCES,
		.ncmp = 1,
		.cmp = { { 4, CJ_CMP_MASKED_EQ, CJ_AT_EMPTY_PATH,
			   CJ_AT_EMPTY_PATH } },
	};
	struct cj_cond path_exec = fd_exec;
	int rc;

	if (row < 0)
		return -ENOENT;
	/* An edit that already decided execveat's fate stands. */
	if (p->rows[row].action != CJ_ACT_ALLOW || cj_policy_has_conds(p, row))
		return 0;
	path_exec.action = CJ_ACT_ALLOW;
	path_exec.err = 0;
	path_exec.cmp[0].b = 0;
	rc = cj_policy_reserve_conds(p, 2);
	if (!rc)
		rc = cj_policy_add_cond(p, &fd_exec);
	if (!rc)
		rc = cj_policy_add_cond(p, &path_exec);
	return rc;
}

/* The highest value: MFD_EXEC refused, every memfd sealed non-executable. */
#define MEMFD_NOEXEC_ENFORCED "2"

int cj_nocode_memfd(struct cj_jail *j, char *detail, size_t len)
{
	const char *knob = "sys/vm/memfd_noexec";
	int fd, rc;

	if (!j->plan->no_new_code)
		return 0;
	rc = cj_ns_prove_own(j, CJ_NS_PID, detail, len);
	if (rc)
		return rc;
	/*
	 * Through the host's /proc (the jail's /proc/sys is read-only by now):
	 * the knob is the writer's PID namespace's, and the writer is the
	 * jail's init, in the jail's namespace as just proved.
	 */
	snprintf(detail, len, "/proc/%s (Linux 6.3 or later needed)", knob);
	fd = openat(j->host_proc, knob, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	rc = write(fd, MEMFD_NOEXEC_ENFORCED, 1) == 1 ? 0 : -errno;
	close(fd);
	return rc;
}
