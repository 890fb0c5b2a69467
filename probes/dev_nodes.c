/* SPDX-License-Identifier: MIT */
/*
 * probe: dev_nodes
 * class: devices and kernel knobs
 * tries: open the host's sensitive devices read-only (nothing is read):
 *   memory (/dev/mem, /dev/kmem, /dev/port), the kernel log (/dev/kmsg),
 *   consoles, vsock, /proc/kcore, and every disk named in /proc/partitions.
 * args:
 * control: root
 * expect: BLOCKED(ENOENT/EACCES/EPERM)
 * layer: mount setup (a minimal /dev); uid
 */
#include "probe.h"

static int err = ENOENT;

static void try_dev(const char *path)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);

	if (fd >= 0) {
		close(fd);
		escaped("opened %s", path);
	}
	if (errno != ENOENT)
		err = errno;
}

int main(void)
{
	static const char *const devs[] = {
		"/dev/mem",  "/dev/kmem",    "/dev/port",  "/dev/kmsg",
		"/dev/tty0", "/dev/console", "/dev/vsock", "/dev/sda",
		"/dev/vda",  "/dev/nvme0n1", "/dev/xvda",  "/proc/kcore",
	};
	char line[256], name[64], path[128];
	FILE *f;

	probe_init();
	for (size_t i = 0; i < sizeof(devs) / sizeof(devs[0]); i++)
		try_dev(devs[i]);
	f = fopen("/proc/partitions", "re");
	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, " %*u %*u %*u %63s", name) == 1) {
			snprintf(path, sizeof(path), "/dev/%s", name);
			try_dev(path);
		}
	if (f)
		fclose(f);
	blocked(err, "no sensitive device opens");
}
