/* SPDX-License-Identifier: MIT */
/*
 * Build tree or installed copy (see selfpath.h).
 */
#include "selfpath.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef CJ_BUILD_DIR
#define CJ_BUILD_DIR ""
#endif
#ifndef CJ_SRC_DIR
#define CJ_SRC_DIR ""
#endif
#ifndef CJ_DOC_DIR
#define CJ_DOC_DIR "/usr/local/share/doc/capejail"
#endif

bool cj_in_build_tree(void)
{
	char exe[PATH_MAX], build[PATH_MAX], *slash;
	ssize_t n;

	if (!CJ_BUILD_DIR[0] || !realpath(CJ_BUILD_DIR, build))
		return false;
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return false;
	exe[n] = '\0';
	slash = strrchr(exe, '/');
	if (!slash)
		return false;
	*slash = '\0';
	return strcmp(exe, build) == 0;
}

const char *cj_command(const char *prog, char *buf, size_t len)
{
	if (!cj_in_build_tree())
		snprintf(buf, len, "%s", prog);
	else if (strcmp(prog, "capejail-mkroot") == 0)
		snprintf(buf, len, "%s/tools/%s", CJ_SRC_DIR, prog);
	else
		snprintf(buf, len, "%s/%s", CJ_BUILD_DIR, prog);
	return buf;
}

const char *cj_doc_path(const char *name, char *buf, size_t len)
{
	snprintf(buf, len, "%s/%s",
		 cj_in_build_tree() ? CJ_SRC_DIR : CJ_DOC_DIR, name);
	return buf;
}
