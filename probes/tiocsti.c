/* SPDX-License-Identifier: MIT */
/*
 * probe: tiocsti
 * class: seccomp bypass
 * tries: push a character into the terminal's input queue with TIOCSTI:
 *   text typed into the shell that started the jail runs outside it. The
 *   harness runs this probe on a pseudo-terminal; the control pushes a
 *   newline and flushes it again (TCIFLUSH).
 * args:
 * control: root
 * tty: yes
 * expect: KILLED(ioctl)
 * layer: seccomp (ioctl TIOCSTI is killed); setsid (no controlling tty)
 */
#include "probe.h"

#include <sys/ioctl.h>
#include <termios.h>

int main(void)
{
	int fd = 0, before = -1, after = -1;
	char c = '\n';

	probe_init();
	if (!isatty(0)) {
		fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
		if (fd < 0) {
			note("no terminal on stdin or /dev/tty: ask anyway");
			fd = 0;
		}
	}
	ioctl(fd, FIONREAD, &before);
	if (ioctl(fd, TIOCSTI, &c) < 0)
		blocked(errno, "ioctl(TIOCSTI) on fd %d", fd);
	ioctl(fd, FIONREAD, &after);
	tcflush(fd, TCIFLUSH);
	escaped("pushed a character into the terminal's input (queued bytes "
		"%d -> %d)",
		before, after);
}
