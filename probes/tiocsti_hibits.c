/* SPDX-License-Identifier: MIT */
/*
 * probe: tiocsti_hibits
 * class: seccomp bypass
 * tries: TIOCSTI with bits set above the 32-bit command: the kernel
 *   truncates ioctl's cmd to 32 bits, so a filter comparing all 64 bits
 *   ("cmd == TIOCSTI") is bypassed by 0x100000000 | TIOCSTI.
 * args:
 * control: root
 * tty: yes
 * expect: KILLED(ioctl)
 * layer: seccomp (ioctl rules compare the low 32 bits)
 */
#include "probe.h"

#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <termios.h>

int main(void)
{
	unsigned long cmd = (1UL << 32) | TIOCSTI;
	char c = '\n';
	int fd = 0;

	probe_init();
	if (!isatty(0)) {
		fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
		if (fd < 0)
			fd = 0;
	}
	if (syscall(SYS_ioctl, fd, cmd, &c) < 0)
		blocked(errno, "ioctl(%#lx) on fd %d", cmd, fd);
	tcflush(fd, TCIFLUSH);
	escaped("ioctl(%#lx) pushed a character into the terminal", cmd);
}
