/* SPDX-License-Identifier: MIT */
/*
 * probe: perf_event_open
 * class: kernel (invalid arguments)
 * tries: perf_event_open (a large kernel attack surface and a side
 *   channel). Invalid argument technique: an attr whose size field is too
 *   small (E2BIG); no event is created.
 * args:
 * control: root
 * expect: KILLED(perf_event_open)
 * layer: seccomp (perf_event_open is killed)
 */
#include "probe.h"

#include <linux/perf_event.h>
#include <sys/syscall.h>

int main(void)
{
	struct perf_event_attr attr;
	long ret;

	probe_init();
	memset(&attr, 0, sizeof(attr));
	attr.type = 0xffffff; /* no such type either */
	attr.size = 1;	      /* smaller than PERF_ATTR_SIZE_VER0 */
	ret = syscall(SYS_perf_event_open, &attr, 0, -1, -1, 0UL);
	reached("perf_event_open", ret, errno);
}
