/* SPDX-License-Identifier: MIT */
/*
 * probe: setid_setfsuid
 * class: privileges
 * tries: setfsuid to a file-system uid the process does not have (0 in the
 *   jail, 1 for the root control). The kernel refuses it without CAP_SETUID;
 *   the filter kills it first, so that a slip in the privilege drop could
 *   never be reversed from inside. ESCAPED if the id changed.
 * args:
 * control: root
 * expect: KILLED(setfsuid)
 * layer: seccomp (setfsuid to the jail's own ids only); privileges (no
 *   CAP_SETUID)
 */
#include "probe.h"

#include <sys/syscall.h>

SETID_PROBE_MAIN("setfsuid", getuid(), syscall(SYS_setfsuid, to),
		 (unsigned)syscall(SYS_setfsuid, -1))
