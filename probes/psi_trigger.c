/* SPDX-License-Identifier: MIT */
/*
 * probe: psi_trigger
 * class: devices and kernel knobs
 * tries: create a pressure-stall trigger in /proc/pressure/memory: the
 *   kernel then polls host-wide memory pressure for the jail (kernel memory
 *   and CPU on the host's account), and the file reveals the host's load.
 *   ESCAPED if the trigger is accepted; it goes away when the file closes.
 * args:
 * control: root
 * expect: BLOCKED(ENOENT/EACCES/EROFS)
 * skip-ok: no PSI in the host kernel (CONFIG_PSI off or psi=0)
 * layer: /proc/pressure masked with an empty read-only directory
 */
#include "probe.h"

int main(void)
{
	/* 150 ms of "some" stall in a 2 s window: allowed to unprivileged. */
	static const char trig[] = "some 150000 2000000";
	int fd;

	probe_init();
	fd = open("/proc/pressure/memory", O_RDWR | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT && seccomp_mode() == 0 &&
	    access("/proc/pressure", F_OK) != 0)
		skip("no /proc/pressure on this kernel (PSI off)");
	if (fd < 0)
		blocked(errno, "open /proc/pressure/memory");
	if (write(fd, trig, sizeof(trig)) < 0)
		blocked(errno, "write a PSI trigger");
	close(fd);
	escaped("created a host-wide PSI trigger (\"%s\", removed)", trig);
}
