/* SPDX-License-Identifier: MIT */
/*
 * Policy edits without recompiling: --allow/--deny lists, capejail profile
 * files (--profile) and OCI/Docker JSON profiles (--seccomp-profile).
 * The formats are described in docs/profiles.md.
 */
#ifndef CAPEJAIL_PROFILE_H
#define CAPEJAIL_PROFILE_H

#include <stddef.h>

#include "err.h"
#include "policy.h"

/*
 * A capejail profile file. ERR gets "file:line: message". On error P is
 * left as it was.
 */
int cj_profile_apply_file(struct cj_policy *p, const char *path,
			  const struct cj_msgs *msgs, char *err, size_t errlen);
/*
 * An OCI runtime-spec seccomp profile: replaces all of P. ERR gets
 * "file: $.path: message". On error P is left as it was.
 */
int cj_oci_apply_file(struct cj_policy *p, const char *path,
		      const struct cj_msgs *msgs, char *err, size_t errlen);

/* Profile sources, for the pure parser below. */
#define CJ_PROFILE_MAX_DEPTH 8		/* nested includes */
#define CJ_PROFILE_MAX_SIZE  (1u << 20) /* bytes per file */

struct cj_profile_src {
	char *name; /* for messages: the path as opened */
	char *key;  /* identity, for include cycles (the canonical path) */
	char *text; /* the contents, not NUL-terminated */
	size_t len;
};

void cj_profile_src_free(struct cj_profile_src *src);

struct cj_profile_ops {
	/*
	 * Load INCLUDE (as written in the profile) for the source named FROM.
	 * Returns 0, or -errno with a message in ERR.
	 */
	int (*read)(void *ctx, const char *from, const char *include,
		    struct cj_profile_src *out, char *err, size_t errlen);
	/* A warning, without the "PROG: warning: " prefix; NULL: dropped. */
	void (*warn)(void *ctx, const char *msg);
	void *ctx;
};

/*
 * Parse the capejail profile TOP and apply it to P. Pure: files are read
 * only through OPS->read. Returns 0, or -errno with "name:line: message"
 * in ERR; on error P is left as it was.
 */
int cj_profile_parse(struct cj_policy *p, const struct cj_profile_src *top,
		     const struct cj_profile_ops *ops, char *err,
		     size_t errlen);

/* Read a profile file into SRC (name, canonical key, contents). */
int cj_profile_read_file(const char *path, struct cj_profile_src *src,
			 char *err, size_t errlen);

struct cj_oci_ops {
	/* `uname -r` for minKernel; NULL: entries with minKernel are errors */
	const char *kernel_release;
	/* Remarks (skipped names, ignored fields); NULL: dropped. */
	void (*note)(void *ctx, const char *msg);
	/* Changed semantics (TRAP, LOG); NULL: dropped. */
	void (*warn)(void *ctx, const char *msg);
	void *ctx;
};

/*
 * Parse an OCI runtime-spec (or Docker) seccomp profile from TEXT and make
 * P that policy. Pure. Returns 0, or -errno with "name: $.path: message"
 * (or "name:line:column: ..." for malformed JSON) in ERR; on error P is
 * left as it was.
 */
int cj_oci_parse(struct cj_policy *p, const char *name, const char *text,
		 size_t len, const struct cj_oci_ops *ops, char *err,
		 size_t errlen);

/*
 * errno names: "EPERM" -> 1. Accepts names and numbers 1..4094; returns
 * -1 for anything else.
 */
int cj_errno_parse(const char *s);
/* 1 -> "EPERM"; a number when there is no name. */
const char *cj_errno_name(int e, char *buf, size_t len);

#endif
