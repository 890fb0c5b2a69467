/* SPDX-License-Identifier: MIT */
/*
 * Resolve -u against the jail's own /etc/passwd (the identity the program
 * will see), read as plain text: no NSS modules are loaded from the jail.
 */
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "capejail.h"

static void fill(struct cj_user *u, const struct passwd *pw)
{
	u->uid = pw->pw_uid;
	u->gid = pw->pw_gid;
	snprintf(u->name, sizeof(u->name), "%s", pw->pw_name);
	snprintf(u->home, sizeof(u->home), "%s",
		 pw->pw_dir && *pw->pw_dir ? pw->pw_dir : "/");
	snprintf(u->shell, sizeof(u->shell), "%s",
		 pw->pw_shell && *pw->pw_shell ? pw->pw_shell : "/bin/sh");
}

/* A uid: digits only, below 2^32 - 1 ((uid_t)-1 means "no change"). */
static int parse_uid(const char *s, uid_t *out)
{
	unsigned long long v = 0;

	if (!*s)
		return -EINVAL;
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9')
			return -EINVAL;
		v = v * 10 + (unsigned)(*p - '0');
		if (v >= 0xffffffffULL)
			return -EINVAL;
	}
	*out = (uid_t)v;
	return 0;
}

static bool is_numeric(const char *s)
{
	return *s && strspn(s, "0123456789") == strlen(s);
}

int cj_user_lookup_stream(const char *spec, FILE *f, struct cj_user *u)
{
	bool numeric = is_numeric(spec);
	uid_t uid = 0;
	struct passwd *pw;

	memset(u, 0, sizeof(*u));
	if (!*spec || strlen(spec) >= sizeof(u->name))
		return -EINVAL;
	if (numeric && parse_uid(spec, &uid))
		return -EINVAL;
	while (f && (pw = fgetpwent(f))) {
		if (numeric ? pw->pw_uid == uid
			    : strcmp(pw->pw_name, spec) == 0) {
			fill(u, pw);
			return 0;
		}
	}
	if (!numeric)
		return -ENOENT;
	/* A bare uid without an entry: its own group, home "/". */
	u->uid = uid;
	u->gid = (gid_t)uid;
	snprintf(u->name, sizeof(u->name), "%s", spec);
	snprintf(u->home, sizeof(u->home), "/");
	snprintf(u->shell, sizeof(u->shell), "/bin/sh");
	return 0;
}

int cj_user_lookup_file(const char *spec, const char *passwd, struct cj_user *u)
{
	FILE *f = fopen(passwd, "re");
	int rc = cj_user_lookup_stream(spec, f, u);

	if (f)
		fclose(f);
	return rc;
}

bool cj_user_may_enter(const struct cj_user *u, mode_t mode, uid_t owner,
		       gid_t group)
{
	if (u->uid == owner)
		return mode & S_IXUSR;
	if (u->gid == group)
		return mode & S_IXGRP;
	return mode & S_IXOTH;
}
