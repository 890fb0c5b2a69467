/* SPDX-License-Identifier: MIT */
/*
 * probe: aio_pool
 * class: resource limits
 * tries: take slots of the legacy AIO pool (fs.aio-max-nr), one for the
 *   whole host: 16 contexts of 128 events, then released. ESCAPED if any
 *   context was created (a jail that takes them all makes io_setup fail for
 *   root on the host). Bounded: 2048 of 65536 events, for a moment.
 * args:
 * control: root
 * expect: BLOCKED(ENOSYS)
 * layer: seccomp (io_setup answers ENOSYS)
 */
#include "probe.h"

#include <linux/aio_abi.h>
#include <sys/syscall.h>

#define CONTEXTS 16
#define EVENTS	 128

int main(void)
{
	aio_context_t ctx[CONTEXTS] = { 0 };
	int made = 0, err = 0;

	probe_init();
	for (; made < CONTEXTS; made++)
		if (syscall(SYS_io_setup, EVENTS, &ctx[made]) < 0) {
			err = errno;
			break;
		}
	for (int i = 0; i < made; i++)
		syscall(SYS_io_destroy, ctx[i]);
	if (made)
		escaped("took %d AIO contexts of %d events from the host's "
			"pool (released)",
			made, EVENTS);
	blocked(err, "io_setup refused");
}
