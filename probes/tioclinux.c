/* SPDX-License-Identifier: MIT */
/*
 * probe: tioclinux
 * class: seccomp bypass
 * tries: ioctl TIOCLINUX (on a virtual console it can paste the selection
 *   buffer into the input: terminal injection like TIOCSTI). Harmless
 *   subcode TIOCL_GETFGCONSOLE on /dev/tty0 when it exists, else on stdin.
 *   ESCAPED when the command reached the tty layer: it succeeded, or the
 *   kernel answered anything but EPERM/ENOSYS (ENOTTY from a non-console
 *   still means the filter let TIOCLINUX through).
 * args:
 * control: root
 * expect: KILLED(ioctl)
 * layer: seccomp (ioctl TIOCLINUX is killed)
 */
#include "probe.h"

#include <sys/ioctl.h>

int main(void)
{
	char sub[2] = { 12 /* TIOCL_GETFGCONSOLE */, 0 };
	int fd, ret;

	probe_init();
	fd = open("/dev/tty0", O_RDONLY | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		fd = 0;
	ret = ioctl(fd, TIOCLINUX, sub);
	if (ret >= 0)
		escaped("TIOCLINUX on %s: foreground console is %d",
			fd ? "/dev/tty0" : "stdin", ret);
	reached("ioctl(TIOCLINUX)", ret, errno);
}
