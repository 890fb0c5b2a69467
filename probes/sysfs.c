/* SPDX-License-Identifier: MIT */
/*
 * probe: sysfs
 * class: devices and kernel knobs
 * tries: look at the host through /sys: its block devices (/sys/block),
 *   network interfaces other than lo (/sys/class/net), and open
 *   /sys/kernel/uevent_helper (a program the kernel runs as root on every
 *   device event) for writing, never writing.
 * args:
 * control: root
 * expect: BLOCKED(ENOENT/none)
 * layer: mount setup (no /sys in the jail)
 */
#include "probe.h"

#include <dirent.h>

static int list(const char *dir, const char *skip_name, char *out, size_t len)
{
	struct dirent *de;
	int n = 0;
	DIR *d = opendir(dir);

	if (!d)
		return -1;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.' || !strcmp(de->d_name, skip_name))
			continue;
		n++;
		strncat(out, " ", len - strlen(out) - 1);
		strncat(out, de->d_name, len - strlen(out) - 1);
	}
	closedir(d);
	return n;
}

int main(void)
{
	char blk[512] = "", net[512] = "";
	int nb, nn, err, fd;

	probe_init();
	fd = open("/sys/kernel/uevent_helper", O_WRONLY | O_CLOEXEC);
	if (fd >= 0) {
		close(fd); /* nothing written */
		escaped("/sys/kernel/uevent_helper is open for writing");
	}
	nb = list("/sys/block", "", blk, sizeof(blk));
	err = errno;
	nn = list("/sys/class/net", "lo", net, sizeof(net));
	if (nb > 0)
		escaped("sees the host's block devices in /sys/block:%s", blk);
	if (nn > 0)
		escaped("sees network interfaces in /sys/class/net:%s", net);
	if (nb < 0 && nn < 0)
		blocked(err, "no /sys/block, no /sys/class/net");
	blocked(0, "/sys shows no block device and no interface but lo");
}
