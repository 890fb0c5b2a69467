/* SPDX-License-Identifier: MIT */
/*
 * probe: chown
 * class: privileges
 * tries: chown a root-owned file to nobody (the harness gives a scratch
 *   file: on the host one it made, in the jail /probes/chown-target): the
 *   jail's root-owned files must stay root's. Where nobody does not exist
 *   (EINVAL: not mapped in the jail's user namespace), to the probe's own
 *   uid and gid instead, which do: the permission check must refuse it.
 * args: {target}
 * control: root
 * expect: BLOCKED(EPERM/EROFS)
 * layer: read-only root; privileges (no CAP_CHOWN)
 */
#include "probe.h"

#include <sys/stat.h>

int main(int argc, char **argv)
{
	const char *target = arg(argc, argv, 1, "/probes/chown-target");
	struct stat st;

	probe_init();
	if (stat(target, &st) == 0 && st.st_uid != 0)
		note("%s is owned by uid %d, not root", target, (int)st.st_uid);
	if (chown(target, 65534, 65534) == 0)
		escaped("chowned root's file %s to 65534", target);
	if (errno != EINVAL)
		blocked(errno, "chown %s to 65534", target);
	if (chown(target, getuid(), getgid()) < 0)
		blocked(errno,
			"chown %s to 65534: EINVAL (unmapped); to uid %d",
			target, (int)getuid());
	escaped("chowned root's file %s to uid %d", target, (int)getuid());
}
