/* SPDX-License-Identifier: MIT */
/*
 * probe: proc_sys_write
 * class: devices and kernel knobs
 * tries: open the host kernel's knobs for writing (never writes):
 *   /proc/sys/kernel/core_pattern and modprobe (programs the kernel runs
 *   as root), /proc/sys/fs/binfmt_misc/register (interpreters for any
 *   exec), /proc/sys/kernel/hostname, /proc/sysrq-trigger (reboot, crash),
 *   /proc/sys/vm/drop_caches.
 * args:
 * control: root
 * expect: BLOCKED(EACCES/EROFS/ENOENT/EPERM)
 * layer: user namespace (the host's root is unmapped: /proc/sys is not the
 *   jail's to write, whatever its uid); read-only /proc/sys
 */
#include "probe.h"

int main(void)
{
	static const char *const knobs[] = {
		"/proc/sys/kernel/core_pattern",
		"/proc/sys/kernel/modprobe",
		"/proc/sys/fs/binfmt_misc/register",
		"/proc/sys/kernel/hostname",
		"/proc/sysrq-trigger",
		"/proc/sys/vm/drop_caches",
	};
	int err = ENOENT;

	probe_init();
	for (size_t i = 0; i < sizeof(knobs) / sizeof(knobs[0]); i++) {
		int fd = open(knobs[i], O_WRONLY | O_CLOEXEC);

		if (fd >= 0) {
			close(fd); /* nothing written */
			escaped("%s is open for writing", knobs[i]);
		}
		if (errno != ENOENT || err == ENOENT)
			err = errno;
		note("%s: %s", knobs[i], errname(errno));
	}
	blocked(err, "no kernel knob opens for writing");
}
