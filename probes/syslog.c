/* SPDX-License-Identifier: MIT */
/*
 * probe: syslog
 * class: kernel (invalid arguments)
 * tries: read the kernel log (syslog(2) READ_ALL): host addresses, other
 *   tenants' messages, KASLR leaks. Only a kill passes: EPERM from the
 *   kernel (no CAP_SYSLOG, kernel.dmesg_restrict) means the filter let the
 *   call through.
 * args:
 * control: root
 * expect: KILLED(syslog)
 * layer: seccomp (syslog is killed); privileges (no CAP_SYSLOG)
 */
#include "probe.h"

#include <sys/klog.h>

int main(void)
{
	static char buf[4096];
	int n;

	probe_init();
	n = klogctl(3 /* SYSLOG_ACTION_READ_ALL */, buf, sizeof(buf));
	if (n < 0)
		blocked(errno, "syslog(SYSLOG_ACTION_READ_ALL)");
	escaped("read %d bytes of the kernel log", n);
}
