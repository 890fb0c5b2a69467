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
 *   rootless, where only host root may write that knob, the filter
 *   refuses (EACCES) memfd_create without MFD_NOEXEC_SEAL or with
 *   MFD_EXEC, as Linux 6.3 to 6.5 did for vm.memfd_noexec = 2;
 *   rootless, where only host root may write that knob, Landlock allows
 *   executing files beneath the jail's root alone (landlock.c);
 * - the filter refuses execveat on a descriptor (AT_EMPTY_PATH, fexecve's
 *   way) with EACCES, whatever the file is.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include "cond.h"
#include "jail.h"

#define CJ_AT_EMPTY_PATH   0x1000 /* <fcntl.h>'s AT_EMPTY_PATH */
#define CJ_MFD_NOEXEC_SEAL 0x0008 /* <linux/memfd.h>, Linux 6.3 */
#define CJ_MFD_EXEC	   0x0010

/* Rootless: memfd_create only with MFD_NOEXEC_SEAL and without MFD_EXEC. */
static int memfd_rule(struct cj_policy *p)
{
	const struct {
		unsigned long long mask, value;
	} refused[] = {
		{ CJ_MFD_NOEXEC_SEAL, 0 },
		{ CJ_MFD_EXEC, CJ_MFD_EXEC },
	};
	int row = cj_table_index("memfd_create"), rc = 0;
	struct cj_verdict eacces = { CJ_ACT_ERRNO, EACCES };
	char why[128];

	if (row < 0)
		return -ENOENT;
	/* An edit that already decided memfd_create's fate stands. */
	if (p->rows[row].action != CJ_ACT_ALLOW || cj_policy_has_conds(p, row))
		return 0;
	for (size_t i = 0; i < CJ_ARRAY_SIZE(refused) && !rc; i++) {
		struct cj_cond c = {
			.row = row,
			.ncmp = 1,
			.cmp = { { 1, CJ_CMP_MASKED_EQ, refused[i].mask,
				   refused[i].value } },
		};

		rc = cj_cond_restrict(p, row, &c, eacces, why, sizeof(why));
	}
	return rc;
}

int cj_nocode_policy(struct cj_policy *p, bool rootless)
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
	rc = rootless ? memfd_rule(p) : 0;
	/* An edit that already decided execveat's fate stands. */
	if (rc || p->rows[row].action != CJ_ACT_ALLOW ||
	    cj_policy_has_conds(p, row))
		return rc;
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
	if (j->plan->rootless) {
		snprintf(detail, len,
			 "rootless: by the filter (memfd_create "
			 "needs MFD_NOEXEC_SEAL)");
		return 0;
	}
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
