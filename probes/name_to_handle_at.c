/* SPDX-License-Identifier: MIT */
/*
 * probe: name_to_handle_at
 * class: host files
 * tries: take a file handle with name_to_handle_at, which needs no
 *   privilege: the handle holds the inode's number and generation, what a
 *   forged handle for open_by_handle_at ("shocker") needs. The marker's
 *   handle when the marker is visible, else the root directory's.
 *   ESCAPED if a handle comes back.
 * args: {marker}
 * control: root
 * expect: KILLED(name_to_handle_at)
 * layer: seccomp (name_to_handle_at is killed)
 */
#include "probe.h"

int main(int argc, char **argv)
{
	const char *path = arg(argc, argv, 1, "/capejail-probe-marker");
	struct {
		struct file_handle fh;
		unsigned char data[MAX_HANDLE_SZ];
	} h;
	int mount_id;

	probe_init();
	if (access(path, F_OK) < 0)
		path = "/";
	memset(&h, 0, sizeof(h));
	h.fh.handle_bytes = MAX_HANDLE_SZ;
	if (name_to_handle_at(AT_FDCWD, path, &h.fh, &mount_id, 0) < 0)
		blocked(errno, "name_to_handle_at %s", path);
	escaped("took the handle of %s: type %d, %u bytes, mount id %d", path,
		h.fh.handle_type, h.fh.handle_bytes, mount_id);
}
