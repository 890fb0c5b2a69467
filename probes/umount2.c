/* SPDX-License-Identifier: MIT */
/*
 * probe: umount2
 * class: mounts
 * tries: umount2 (unmounting can uncover what a mount hides, e.g. the
 *   host's directories under the jail's /proc or /tmp). Invalid argument
 *   technique: MNT_EXPIRE|MNT_DETACH on a fresh directory is refused with
 *   EINVAL after the privilege check, so nothing is ever unmounted;
 *   EINVAL = reached the kernel = ESCAPED, EPERM = BLOCKED.
 * args: {tmp}
 * control: unshare-m
 * expect: KILLED(umount2)
 * layer: seccomp (umount2 is killed); privileges
 */
#include "probe.h"

#include <sys/mount.h>
#include <sys/stat.h>

int main(int argc, char **argv)
{
	const char *tmp = arg(argc, argv, 1, "/tmp");
	char dir[4096];
	long ret;
	int err;

	probe_init();
	snprintf(dir, sizeof(dir), "%s/umount-probe.%d", tmp, (int)getpid());
	if (mkdir(dir, 0700) < 0)
		snprintf(dir, sizeof(dir), "/");
	/* MNT_EXPIRE with MNT_DETACH is always EINVAL once privileged */
	ret = umount2(dir, MNT_EXPIRE | MNT_DETACH);
	err = errno;
	if (strcmp(dir, "/"))
		rmdir(dir);
	reached("umount2", ret, err);
}
