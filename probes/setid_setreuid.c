/* SPDX-License-Identifier: MIT */
/*
 * probe: setid_setreuid
 * class: privileges
 * tries: setreuid to a uid the process does not have (0 in the jail, 1 for
 *   the root control). The kernel refuses it without CAP_SETUID; the filter
 *   kills it first, so that a slip in the privilege drop could never be
 *   reversed from inside. ESCAPED if the id changed.
 * args:
 * control: root
 * expect: KILLED(setreuid)
 * layer: seccomp (setreuid to the jail's own ids only); privileges (no
 *   CAP_SETUID)
 */
#include "probe.h"

#include <sys/syscall.h>

SETID_PROBE_MAIN("setreuid", getuid(), syscall(SYS_setreuid, to, to), geteuid())
