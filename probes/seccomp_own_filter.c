/* SPDX-License-Identifier: MIT */
/*
 * probe: seccomp_own_filter
 * class: seccomp bypass
 * tries: hide a blocked syscall from capejail's report: install a seccomp
 *   filter of the program's own with prctl(PR_SET_SECCOMP) that answers
 *   EPERM for chroot, then call chroot. A filter's ERRNO outranks the
 *   jail's notification, so the call would fail quietly and capejail would
 *   exit 0 naming nothing. ESCAPED when the own filter is installed and
 *   chroot comes back with EPERM from it; jailed, prctl must be refused
 *   (EINVAL) and chroot then killed and named.
 * args:
 * control: root
 * expect: KILLED(chroot)
 * layer: seccomp (prctl PR_SET_SECCOMP answers EINVAL)
 */
#include "probe.h"

#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <sys/syscall.h>

int main(void)
{
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_chroot, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { sizeof(f) / sizeof(f[0]), f };
	int rc, err;

	probe_init();
	prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
	rc = prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog);
	err = errno;
	if (rc)
		note("prctl(PR_SET_SECCOMP) refused (%s); chroot anyway",
		     errname(err));
	/* Always make the call: the jail's filter must be asked about it. */
	if (chroot("/") == 0)
		blocked(0, "chroot(\"/\") ran: no filter answered it");
	if (rc == 0 && errno == EPERM)
		escaped("own filter installed; chroot answered EPERM by it: a "
			"kill would be hidden");
	blocked(rc ? err : errno, "own filter not installed");
}
