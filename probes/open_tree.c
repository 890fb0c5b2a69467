/* SPDX-License-Identifier: MIT */
/*
 * probe: open_tree
 * class: mounts
 * tries: open_tree(OPEN_TREE_CLONE) of "/": a detached copy of the mount
 *   tree that move_mount could attach anywhere (closed at once, so the
 *   copy dissolves).
 * args:
 * control: unshare-m
 * expect: KILLED(open_tree)
 * layer: seccomp (open_tree is killed); privileges
 */
#include "probe.h"

#include <sys/syscall.h>

#ifndef OPEN_TREE_CLONE
#define OPEN_TREE_CLONE 1
#endif

int main(void)
{
	long fd;

	probe_init();
	fd = syscall(SYS_open_tree, AT_FDCWD, "/", OPEN_TREE_CLONE | O_CLOEXEC);
	if (fd < 0)
		blocked(errno, "open_tree(\"/\", OPEN_TREE_CLONE)");
	close((int)fd);
	escaped("open_tree cloned the mount tree of / (fd %ld)", fd);
}
