/* SPDX-License-Identifier: MIT */
/*
 * probe: tiocsetd
 * class: seccomp bypass
 * tries: ioctl TIOCSETD, which switches a terminal's line discipline and
 *   so reaches rarely used, historically exploitable kernel code (n_gsm,
 *   n_hdlc). The probe sets the discipline the terminal already has
 *   (TIOCGETD first): nothing changes. Run on a pseudo-terminal.
 * args:
 * control: root
 * tty: yes
 * expect: KILLED(ioctl)
 * layer: seccomp (ioctl TIOCSETD is killed)
 */
#include "probe.h"

#include <sys/ioctl.h>

int main(void)
{
	int fd = 0, ld = 0; /* N_TTY */

	probe_init();
	if (!isatty(0)) {
		fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
		if (fd < 0)
			fd = 0;
	}
	if (ioctl(fd, TIOCGETD, &ld) < 0)
		note("TIOCGETD: %s; setting N_TTY", errname(errno));
	if (ioctl(fd, TIOCSETD, &ld) < 0)
		blocked(errno, "ioctl(TIOCSETD, %d) on fd %d", ld, fd);
	escaped("ioctl(TIOCSETD) accepted line discipline %d", ld);
}
