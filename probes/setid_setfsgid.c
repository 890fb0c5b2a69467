/* SPDX-License-Identifier: MIT */
/*
 * probe: setid_setfsgid
 * class: privileges
 * tries: setfsgid to a file-system gid the process does not have (0 in the
 *   jail, 1 for the root control). The kernel refuses it without CAP_SETGID;
 *   the filter kills it first, so that a slip in the privilege drop could
 *   never be reversed from inside. ESCAPED if the id changed.
 * args:
 * control: root
 * expect: KILLED(setfsgid)
 * layer: seccomp (setfsgid to the jail's own ids only); privileges (no
 *   CAP_SETGID)
 */
#include "probe.h"

#include <sys/syscall.h>

SETID_PROBE_MAIN("setfsgid", getgid(), syscall(SYS_setfsgid, to),
		 (unsigned)syscall(SYS_setfsgid, -1))
