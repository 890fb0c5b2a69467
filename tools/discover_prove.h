/* SPDX-License-Identifier: MIT */
/*
 * discover --minimize and --verify: run PROG in the real jail (the
 * launcher, with the jail options discover was given) under a profile, and
 * compare what it did.
 */
#ifndef CJS_DISCOVER_PROVE_H
#define CJS_DISCOVER_PROVE_H

#include <stdbool.h>
#include <stddef.h>

/* How to start the jail. */
struct dp_jail {
	const char *capejail; /* the launcher */
	const char *root, *user, *dir;
	const char *const *env;
	size_t nenv;
	bool no_network;
	char *const *argv; /* PROG ARGS */
};

/* What one run did. */
struct dp_outcome {
	int wstatus; /* the launcher's wait status */
	char *out;   /* PROG's stdout (at most DP_OUT_MAX bytes) */
	size_t len;
	char why[512]; /* the launcher's last "capejail:" line, if any */
};

#define DP_OUT_MAX (1u << 20)
/* Each run is bounded by the launcher's --time-limit. */
#define DP_TIME_LIMIT "120s"

/*
 * Run J's program in the jail with --profile PROFILE (a file), stdin from
 * /dev/null. 0, or -errno when it could not be started.
 */
int dp_run(const struct dp_jail *j, const char *profile, struct dp_outcome *o);
/* The same exit status and the same output. */
bool dp_same(const struct dp_outcome *a, const struct dp_outcome *b);
/* Exited with status 0. */
bool dp_succeeded(const struct dp_outcome *o);
void dp_free(struct dp_outcome *o);

#endif
