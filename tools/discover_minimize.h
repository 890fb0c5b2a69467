/* SPDX-License-Identifier: MIT */
/*
 * discover --minimize and --verify on a result: which dangerous syscalls
 * an errno answers as well as an allow, and whether the proposed profile
 * makes PROG work in the real jail. Prints its findings (cj_info).
 */
#ifndef CJS_DISCOVER_MINIMIZE_H
#define CJS_DISCOVER_MINIMIZE_H

#include "discover_diff.h"
#include "discover_prove.h"
#include "discover_report.h"

/*
 * For each blocked DANGEROUS entry of R, rerun PROG in the jail with it
 * answered ENOSYS, then EPERM, instead of allowed; where exit status and
 * output match the run with everything allowed (which must succeed:
 * an unchanged failure proves nothing), keep that errno in
 * ERRNOS (one per entry of R; M->errnos must point to it). 0, or -errno
 * when the jail could not be run.
 */
int dm_minimize(const struct dp_jail *j, struct dr_meta *m,
		const struct dd_result *r, int *errnos);

/*
 * Rerun PROG in the jail under the profile M proposes for R. Returns 1
 * when it exited 0, 0 when not (said why), -errno when it could not run.
 */
int dm_verify(const struct dp_jail *j, const struct dr_meta *m,
	      const struct dd_result *r);

#endif
