/* SPDX-License-Identifier: MIT */
/*
 * probe: setid_setgid
 * class: privileges
 * tries: setgid to a gid the process does not have (0 in the jail, 1 for
 *   the root control). The kernel refuses it without CAP_SETGID; the filter
 *   kills it first, so that a slip in the privilege drop could never be
 *   reversed from inside. ESCAPED if the id changed.
 * args:
 * control: root
 * expect: KILLED(setgid)
 * layer: seccomp (setgid to the jail's own ids only); privileges (no
 *   CAP_SETGID)
 */
#include "probe.h"

#include <sys/syscall.h>

SETID_PROBE_MAIN("setgid", getgid(), syscall(SYS_setgid, to), getgid())
