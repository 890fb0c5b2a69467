/* SPDX-License-Identifier: MIT */
/*
 * The preload library's variables as systemd Environment= lines. Each
 * value is quoted ("NAME=value") and a '%' doubled: systemd would expand
 * it as a specifier.
 */
#include "export_preload.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exit.h"

/* Environment="NAME=VALUE" with VALUE's '%' doubled. */
static void env_line(FILE *f, const char *name, const char *value)
{
	fprintf(f, "Environment=\"%s=", name);
	for (const char *c = value; *c; c++)
		fputs(*c == '%' ? "%%" : (char[]){ *c, 0 }, f);
	fputs("\"\n", f);
}

/* Characters a quoted Environment= value cannot carry as they are. */
static bool unquotable(const char *s)
{
	return strpbrk(s, "\"\\\n$") != NULL;
}

/* Append LIST ("a,b c") to DENY as "a:b:c". */
static void add_deny(char *deny, size_t len, const char *list)
{
	for (const char *s = list; *s;) {
		size_t k = strcspn(s, ",: \t"), used = strlen(deny);

		if (k && used + k + 2 < len)
			snprintf(deny + used, len - used, "%s%.*s",
				 used ? ":" : "", (int)k, s);
		s += k;
		s += *s ? 1 : 0;
	}
}

int ep_unit_lines(const struct cj_edit *edits, size_t n, const char *lib,
		  char **out, struct cj_err *e)
{
	const char *profile = NULL;
	char deny[4096] = "", abs[PATH_MAX];
	size_t len;
	FILE *f;

	*out = NULL;
	for (size_t i = 0; i < n; i++) {
		switch (edits[i].kind) {
		case CJ_EDIT_DENY:
			add_deny(deny, sizeof(deny), edits[i].arg);
			break;
		case CJ_EDIT_PROFILE:
			if (profile) {
				cj_err_set(e, CJ_EX_USAGE,
					   "export: systemd-preload takes one "
					   "--profile (CAPEJAIL_PROFILE names "
					   "one file)");
				cj_err_hint(e, "put the second in the first "
					       "with 'include FILE'");
				return CJ_EX_USAGE;
			}
			profile = edits[i].arg;
			break;
		case CJ_EDIT_ALLOW:
		case CJ_EDIT_OCI:
			cj_err_set(e, CJ_EX_USAGE,
				   "export: systemd-preload: %s has no "
				   "equivalent in the library's variables",
				   edits[i].kind == CJ_EDIT_ALLOW
				       ? "--allow"
				       : "--seccomp-profile");
			cj_err_hint(e, "write a capejail profile ('allow "
				       "NAME', docs/profiles.md) and give it "
				       "with --profile");
			return CJ_EX_USAGE;
		}
	}
	if (profile && !realpath(profile, abs))
		return cj_err_set(e, CJ_EX_PROFILE,
				  "export: %s: cannot resolve its path",
				  profile);
	if (unquotable(lib) || (profile && unquotable(abs)))
		return cj_err_set(e, CJ_EX_USAGE,
				  "export: %s: a path with '\"', '\\', '$' or "
				  "a newline cannot go in a unit file",
				  unquotable(lib) ? lib : abs);
	f = open_memstream(out, &len);
	if (!f)
		return cj_err_set(e, CJ_EX_SOFTWARE, "export: out of memory");
	fputs("# capejail's policy, loaded by libcapejail-preload.so after "
	      "the program's\n"
	      "# start-up (docs/preload.md). For the unit's [Service] "
	      "section. A static\n"
	      "# program ignores LD_PRELOAD: use --format systemd "
	      "(SystemCallFilter=)\n"
	      "# or capejail --filter-only for it.\n",
	      f);
	env_line(f, "LD_PRELOAD", lib);
	env_line(f, "CAPEJAIL_POLICY", "default");
	if (profile)
		env_line(f, "CAPEJAIL_PROFILE", abs);
	if (deny[0])
		env_line(f, "SECCOMP_SYSCALL_DENY", deny);
	if (fclose(f)) {
		free(*out);
		*out = NULL;
		return cj_err_set(e, CJ_EX_SOFTWARE, "export: out of memory");
	}
	return 0;
}
