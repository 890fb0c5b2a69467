/* SPDX-License-Identifier: MIT */
/*
 * probe: clock_settime
 * class: kernel (invalid arguments)
 * tries: set the host's wall clock (CLOCK_REALTIME is not namespaced).
 *   Invalid argument technique: tv_nsec of two seconds (EINVAL); the clock
 *   is never touched.
 * args:
 * control: root
 * expect: KILLED(clock_settime)
 * layer: seccomp (clock_settime is killed); privileges (no CAP_SYS_TIME)
 */
#include "probe.h"

#include <sys/syscall.h>
#include <time.h>

int main(void)
{
	struct timespec ts = { .tv_sec = 0, .tv_nsec = 2000000000L };
	long ret;

	probe_init();
	ret = syscall(SYS_clock_settime, CLOCK_REALTIME, &ts);
	reached("clock_settime", ret, errno);
}
