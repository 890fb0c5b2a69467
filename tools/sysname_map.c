/* SPDX-License-Identifier: MIT */
#include "sysname_map.h"

#include <stdio.h>
#include <string.h>

#include "filter.h"
#include "policy.h"
#include "compiler.h"
#include "strace_parse.h"

/* strace's i386 names that have no x86_64 syscall of the same name. */
static const struct {
	const char *i386, *native;
} aliases[] = {
	{ "_llseek", "lseek" },
	{ "_newselect", "select" },
	{ "fadvise64_64", "fadvise64" },
	{ "fcntl64", "fcntl" },
	{ "fstat64", "fstat" },
	{ "fstatat64", "newfstatat" },
	{ "fstatfs64", "fstatfs" },
	{ "ftruncate64", "ftruncate" },
	{ "lstat64", "lstat" },
	{ "mmap2", "mmap" },
	{ "oldfstat", "fstat" },
	{ "oldlstat", "lstat" },
	{ "oldolduname", "uname" },
	{ "oldstat", "stat" },
	{ "sendfile64", "sendfile" },
	{ "sigaction", "rt_sigaction" },
	{ "signal", "rt_sigaction" },
	{ "sigprocmask", "rt_sigprocmask" },
	{ "socketcall", "" },
	{ "stat64", "stat" },
	{ "statfs64", "statfs" },
	{ "truncate64", "truncate" },
	{ "ugetrlimit", "getrlimit" },
	{ "umount", "umount2" },
	{ "waitpid", "wait4" },
};

/* Suffixes of i386 names whose stem is the native name. */
static const char *const suffixes[] = { "_time64", "32", "64" };

const char *sm_i386_alias(const char *name, char *stem, size_t len)
{
	for (size_t i = 0; i < CJ_ARRAY_SIZE(aliases); i++)
		if (strcmp(name, aliases[i].i386) == 0)
			return aliases[i].native;
	for (size_t i = 0; i < CJ_ARRAY_SIZE(suffixes); i++) {
		size_t n = strlen(name), s = strlen(suffixes[i]);

		if (n <= s || n - s >= len ||
		    strcmp(name + n - s, suffixes[i]) != 0)
			continue;
		snprintf(stem, len, "%.*s", (int)(n - s), name);
		/* clock_adjtime64 -> clock_adjtime; getuid32 -> getuid */
		if (cj_table_index(stem) >= 0)
			return stem;
	}
	return NULL;
}

void sm_map(const char *strace_name, struct sm_name *out)
{
	int nr = sp_unknown_nr(strace_name);
	const char *alias;

	memset(out, 0, sizeof(*out));
	out->nr = -1;
	if (nr >= 0) {
		out->nr = nr;
		cj_sysname(nr, out->name, sizeof(out->name));
		return;
	}
	snprintf(out->name, sizeof(out->name), "%s", strace_name);
	out->nr = cj_sysnr(strace_name);
	if (out->nr >= 0 || cj_table_index(strace_name) >= 0)
		return;
	alias = sm_i386_alias(strace_name, out->native, sizeof(out->native));
	if (alias) {
		out->foreign = true;
		if (alias != out->native)
			snprintf(out->native, sizeof(out->native), "%s", alias);
	}
}
