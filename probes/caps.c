/* SPDX-License-Identifier: MIT */
/*
 * probe: caps
 * class: privileges
 * tries: hold any capability: ESCAPED if the effective, permitted,
 *   inheritable, bounding or ambient set is not empty (capget(2) and
 *   prctl(2), no /proc needed). The bounding set matters even with the
 *   others empty: it is what a setuid or file-capability exec could regain.
 * args:
 * control: root
 * expect: BLOCKED(none)
 * layer: privileges (every capability set cleared)
 */
#include "probe.h"

#include <linux/capability.h>
#include <sys/syscall.h>

int main(void)
{
	struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3,
						0 };
	struct __user_cap_data_struct d[2];
	unsigned long long eff, prm, inh, bnd = 0, amb = 0;
	int c;

	probe_init();
	memset(d, 0, sizeof(d));
	if (syscall(SYS_capget, &hdr, d) < 0)
		blocked(errno, "capget");
	eff = d[0].effective | (unsigned long long)d[1].effective << 32;
	prm = d[0].permitted | (unsigned long long)d[1].permitted << 32;
	inh = d[0].inheritable | (unsigned long long)d[1].inheritable << 32;
	for (c = 0; c < 64; c++) {
		if (prctl(PR_CAPBSET_READ, c, 0, 0, 0) == 1)
			bnd |= 1ULL << c;
		if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, c, 0, 0) == 1)
			amb |= 1ULL << c;
	}
	if (eff | prm | inh | bnd | amb)
		escaped("capabilities eff=%llx prm=%llx inh=%llx bnd=%llx "
			"amb=%llx",
			eff, prm, inh, bnd, amb);
	blocked(0, "every capability set is empty");
}
