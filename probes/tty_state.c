/* SPDX-License-Identifier: MIT */
/*
 * probe: tty_state
 * class: other processes
 * tries: leave the caller's terminal changed after the jail ends: turn off
 *   ECHO, ICANON and ISIG, set O_NONBLOCK on the shared file description
 *   and TIOCEXCL, then exit. The caller's shell would be left deaf to ^C,
 *   without echo, and its reads would fail with EAGAIN. The harness runs
 *   this probe under ptyrun -S, which holds the same terminal and prints
 *   ESCAPED when its state is not as it was once the command has ended.
 * args:
 * control: root
 * tty: state
 * expect: BLOCKED(none)
 * layer: supervisor (the caller's flags and terminal attributes restored)
 */
#include "probe.h"

#include <sys/ioctl.h>
#include <termios.h>

int main(void)
{
	struct termios t;
	int fd = 0;

	probe_init();
	if (!isatty(fd))
		skip("stdin is not a terminal (run under ptyrun -S)");
	if (tcgetattr(fd, &t))
		blocked(errno, "tcgetattr on the terminal");
	t.c_lflag &= ~(tcflag_t)(ECHO | ICANON | ISIG);
	if (tcsetattr(fd, TCSANOW, &t))
		blocked(errno, "tcsetattr on the terminal");
	if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK))
		blocked(errno, "F_SETFL O_NONBLOCK on the terminal");
	if (ioctl(fd, TIOCEXCL))
		blocked(errno, "TIOCEXCL on the terminal");
	/* What is left after exit is ptyrun's to judge. */
	blocked(0, "changed the terminal; nothing left once the command ends");
}
