/* SPDX-License-Identifier: MIT */
/*
 * probe: fsopen
 * class: mounts
 * tries: the new mount API (fsopen/fsconfig/fsmount/move_mount): a filter
 *   that kills mount(2) but not fsopen lets a privileged process mount
 *   anyway. Opens a tmpfs context and closes it: nothing is mounted.
 * args:
 * control: root
 * expect: KILLED(fsopen)
 * layer: seccomp (fsopen is killed); privileges
 */
#include "probe.h"

#include <sys/syscall.h>

int main(void)
{
	long fd;

	probe_init();
	fd = syscall(SYS_fsopen, "tmpfs", 1 /* FSOPEN_CLOEXEC */);
	if (fd < 0)
		blocked(errno, "fsopen(\"tmpfs\")");
	close((int)fd);
	escaped("fsopen(\"tmpfs\") gave a filesystem context (fd %ld)", fd);
}
