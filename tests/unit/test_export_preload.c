/* SPDX-License-Identifier: MIT */
/*
 * export --format systemd-preload (tools/export_preload.c): the lines for
 * each kind of edit, quoting and '%', and the edits the library's variables
 * cannot say.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "exit.h"
#include "export_preload.h"

#define LIB "/opt/cj/lib/libcapejail-preload.so"

static char *lines(const struct cj_edit *ed, size_t n, int want)
{
	struct cj_err e = { "", "" };
	char *out = NULL;

	assert_int_equal(ep_unit_lines(ed, n, LIB, &out, &e), want);
	if (want)
		assert_null(out);
	return out;
}

static void default_policy(void **state)
{
	char *out = lines(NULL, 0, 0);

	(void)state;
	assert_non_null(strstr(out, "\nEnvironment=\"LD_PRELOAD=" LIB "\"\n"));
	assert_non_null(
	    strstr(out, "\nEnvironment=\"CAPEJAIL_POLICY=default\"\n"));
	assert_null(strstr(out, "SECCOMP_SYSCALL_DENY"));
	assert_null(strstr(out, "CAPEJAIL_PROFILE"));
	free(out);
}

static void deny_lists_join(void **state)
{
	const struct cj_edit ed[] = { { CJ_EDIT_DENY, "uname,execve" },
				      { CJ_EDIT_DENY, "ptrace" } };
	char *out = lines(ed, 2, 0);

	(void)state;
	assert_non_null(strstr(
	    out,
	    "\nEnvironment=\"SECCOMP_SYSCALL_DENY=uname:execve:ptrace\"\n"));
	free(out);
}

static void profile_absolute_percent_doubled(void **state)
{
	char dir[] = "/tmp/cj-ep-XXXXXX", path[128], *out;
	struct cj_edit ed = { CJ_EDIT_PROFILE, NULL };
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/a%%b.profile", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fclose(f);
	ed.arg = path;
	out = lines(&ed, 1, 0);
	assert_non_null(strstr(out, "/a%%b.profile\"\n"));
	free(out);
	remove(path);
	rmdir(dir);
}

static void refused(void **state)
{
	const struct cj_edit allow = { CJ_EDIT_ALLOW, "chroot" };
	const struct cj_edit oci = { CJ_EDIT_OCI, "x.json" };
	const struct cj_edit two[] = { { CJ_EDIT_PROFILE, "/" },
				       { CJ_EDIT_PROFILE, "/" } };
	const struct cj_edit missing = { CJ_EDIT_PROFILE,
					 "/nonexistent/dir/p.profile" };

	(void)state;
	lines(&allow, 1, CJ_EX_USAGE);
	lines(&oci, 1, CJ_EX_USAGE);
	lines(two, 2, CJ_EX_USAGE);
	lines(&missing, 1, CJ_EX_PROFILE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(default_policy),
		cmocka_unit_test(deny_lists_join),
		cmocka_unit_test(profile_absolute_percent_doubled),
		cmocka_unit_test(refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
