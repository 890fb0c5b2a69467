/* SPDX-License-Identifier: MIT */
/*
 * A policy in other tools' formats: an OCI runtime-spec seccomp profile
 * (runc, crun, Docker, Kubernetes) and systemd.exec(5) settings. Pure:
 * the text is returned in a heap buffer, nothing is written anywhere.
 */
#ifndef CAPEJAIL_EXPORT_H
#define CAPEJAIL_EXPORT_H

#include "policy.h"

/*
 * OCI JSON for P: defaultAction = the fallback, architectures
 * [SCMP_ARCH_X86_64], one entry per verdict group (unconditional rows that
 * differ from the fallback) and one entry per conditional rule. Reading it
 * back with cj_oci_parse gives the same verdict for every syscall of the
 * table. Returns 0 with a NUL-terminated *OUT to free(), or -errno.
 */
int cj_export_oci(const struct cj_policy *p, char **out);

/*
 * systemd.exec(5) lines: SystemCallArchitectures=native and
 * SystemCallFilter= (an allow-list when the fallback kills or fails with
 * an errno, a deny-list when it allows), with comment lines naming what
 * systemd cannot express (argument rules, per-syscall errno values).
 * Returns 0 with *OUT to free(), or -errno.
 */
int cj_export_systemd(const struct cj_policy *p, char **out);

#endif
