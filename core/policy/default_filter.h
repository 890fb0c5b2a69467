/* SPDX-License-Identifier: MIT */
/*
 * The default policy compiled to BPF at build time (notify mode), linked
 * into the launcher and the unit tests: once for the default jail (its own
 * network namespace), once for --share-net (sharenet.h), once for
 * --discover-fd (every verdict but allow a notification), once for grants
 * (the opens sent to the supervisor, grantopens.h). Generated into
 * build/gen/default_filter.c by core/policy/gen/gen_default_filter.c.
 */
#ifndef CAPEJAIL_DEFAULT_FILTER_H
#define CAPEJAIL_DEFAULT_FILTER_H

#include "filter.h"

extern const struct cj_bpf cj_default_filter;
extern const struct cj_bpf cj_sharenet_filter;
extern const struct cj_bpf cj_discover_filter;
extern const struct cj_bpf cj_grant_filter;

/* What both programs were made from, to tell when they are stale. */
struct cj_made_from {
	const char *files[4];	 /* the policy's sources, NULL-terminated */
	const char *fingerprint; /* theirs then (gen/fingerprint.h) */
	const char *libseccomp;	 /* the version that compiled it */
};

extern const struct cj_made_from cj_default_filter_made_from;

#endif
