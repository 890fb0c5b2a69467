/* SPDX-License-Identifier: MIT */
/*
 * probe: open_by_handle_at
 * class: host files
 * tries: open a file by its handle ("shocker"): a handle names an inode on
 *   the whole filesystem, whatever the caller's root. The control takes the
 *   marker's handle (name_to_handle_at) and opens it through a directory
 *   fd; jailed, where the marker is not visible, it forges the handle of
 *   inode 2 (an ext4 root directory) as shocker did, without calling
 *   name_to_handle_at (its own probe), so that the filter is asked about
 *   open_by_handle_at itself.
 * args: {marker}
 * control: root
 * expect: KILLED(open_by_handle_at/name_to_handle_at)
 * layer: seccomp (open_by_handle_at is killed); privileges
 */
#include "probe.h"

#include <libgen.h>
#include <stdint.h>

int main(int argc, char **argv)
{
	const char *marker = arg(argc, argv, 1, "/capejail-probe-marker");
	struct {
		struct file_handle fh;
		unsigned char data[MAX_HANDLE_SZ];
	} h;
	char dir[4096], buf[256];
	int mount_id, mfd, fd;
	ssize_t n;

	probe_init();
	snprintf(dir, sizeof(dir), "%s", marker);
	mfd = open(dirname(dir), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (mfd < 0)
		mfd = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	memset(&h, 0, sizeof(h));
	h.fh.handle_bytes = MAX_HANDLE_SZ;
	if (access(marker, F_OK) < 0 ||
	    name_to_handle_at(AT_FDCWD, marker, &h.fh, &mount_id, 0) < 0) {
		uint32_t ino_gen[2] = { 2, 0 };

		note("name_to_handle_at %s: %s; forging inode 2", marker,
		     errname(errno));
		h.fh.handle_bytes = sizeof(ino_gen);
		h.fh.handle_type = 1; /* FILEID_INO32_GEN */
		memcpy(h.fh.f_handle, ino_gen, sizeof(ino_gen));
	}
	fd = open_by_handle_at(mfd, &h.fh, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		blocked(errno, "open_by_handle_at");
	n = read(fd, buf, sizeof(buf) - 1);
	if (n < 0)
		escaped("opened an inode by handle (a directory: %s)",
			errname(errno));
	buf[n] = '\0';
	escaped("opened %s by its file handle and read: %s", marker,
		chomp(buf));
}
