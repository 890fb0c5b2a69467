/* SPDX-License-Identifier: MIT */
/*
 * The file-system options and rules that need no kernel: --bind/--ro-bind/
 * --tmpfs parsing (mountspec.c), the root-mode options (cli.c) and the
 * trust and traversal rules on stat results (trust.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include <sys/stat.h>

#include "jail.h"

static char err[512];

static int spec(enum cj_mount_kind k, const char *arg, struct cj_mount_spec *m)
{
	err[0] = '\0';
	return cj_mount_spec_parse(k, arg, m, err, sizeof(err));
}

static void assert_span(const char *p, size_t n, const char *want)
{
	assert_int_equal(n, strlen(want));
	assert_memory_equal(p, want, n);
}

static void test_bind_src_dest(void **state)
{
	struct cj_mount_spec m;

	(void)state;
	assert_int_equal(spec(CJ_MNT_BIND, "./out:/out", &m), 0);
	assert_span(m.src, m.src_len, "./out");
	assert_span(m.dest, m.dest_len, "/out");
	assert_int_equal(spec(CJ_MNT_RO_BIND, "/a:b:/c:d", &m), 0);
	assert_span(m.src, m.src_len, "/a:b");
	assert_span(m.dest, m.dest_len, "/c:d");
	/* No DEST: SRC's own path, decided by the plan. */
	assert_int_equal(spec(CJ_MNT_BIND, "/data", &m), 0);
	assert_span(m.src, m.src_len, "/data");
	assert_null(m.dest);
	/* A ':' not followed by '/' is part of SRC. */
	assert_int_equal(spec(CJ_MNT_BIND, "a:b", &m), 0);
	assert_span(m.src, m.src_len, "a:b");
	assert_null(m.dest);
}

static void test_bind_bad(void **state)
{
	struct cj_mount_spec m;

	(void)state;
	assert_int_equal(spec(CJ_MNT_BIND, "", &m), CJ_EX_USAGE);
	assert_int_equal(spec(CJ_MNT_BIND, ":/x", &m), CJ_EX_USAGE);
	assert_non_null(strstr(err, "empty source"));
	assert_int_equal(spec(CJ_MNT_BIND, "/a:/", &m), CJ_EX_USAGE);
	assert_non_null(strstr(err, "cannot mount over the jail's /"));
	assert_int_equal(spec(CJ_MNT_RO_BIND, "/a:/x/../etc", &m), CJ_EX_USAGE);
	assert_non_null(strstr(err, "'..'"));
	assert_non_null(strstr(err, "--ro-bind"));
	/* ".." only as a whole component. */
	assert_int_equal(spec(CJ_MNT_BIND, "/a:/x/..y", &m), 0);
}

static void test_tmpfs(void **state)
{
	struct cj_mount_spec m;

	(void)state;
	assert_int_equal(spec(CJ_MNT_TMPFS, "/scratch", &m), 0);
	assert_span(m.dest, m.dest_len, "/scratch");
	assert_int_equal(m.size, CJ_LIMIT_DEFAULT);
	assert_int_equal(spec(CJ_MNT_TMPFS, "/scratch:64K", &m), 0);
	assert_span(m.dest, m.dest_len, "/scratch");
	assert_int_equal(m.size, 64 * 1024);
	/* A tail that is no size belongs to the path. */
	assert_int_equal(spec(CJ_MNT_TMPFS, "/a:b", &m), 0);
	assert_span(m.dest, m.dest_len, "/a:b");
	assert_int_equal(spec(CJ_MNT_TMPFS, "rel", &m), CJ_EX_USAGE);
	assert_non_null(strstr(err, "absolute"));
	assert_int_equal(spec(CJ_MNT_TMPFS, "/x:unlimited", &m), CJ_EX_USAGE);
	assert_non_null(strstr(err, "always bounded"));
	assert_int_equal(spec(CJ_MNT_TMPFS, "/x:0", &m), CJ_EX_USAGE);
	assert_int_equal(spec(CJ_MNT_TMPFS, "//", &m), CJ_EX_USAGE);
}

static struct cj_opts o;

static int parse(int argc, const char **argv)
{
	return cj_opts_parse(&o, argc, (char **)argv, err, sizeof(err));
}

static void test_cli_options(void **state)
{
	const char *ok[] = { "capejail", "--overlay", "--untrusted-root",
			     "--bind",	 "/a:/b",     "--tmpfs",
			     "/t:1M",	 "--ro-bind", "/c",
			     "--",	 "prog",      NULL };
	const char *both[] = { "capejail", "--overlay", "--writable-root",
			       "--",	   "p",		NULL };
	const char *bad[] = { "capejail", "--bind", "/a:/", "--", "p", NULL };

	(void)state;
	assert_int_equal(parse(11, ok), 0);
	assert_int_equal(o.root_mode, CJ_ROOT_OVERLAY);
	assert_true(o.untrusted_root);
	assert_int_equal(o.nmounts, 3);
	assert_int_equal(o.mounts[0].kind, CJ_MNT_BIND);
	assert_int_equal(o.mounts[1].kind, CJ_MNT_TMPFS);
	assert_int_equal(o.mounts[1].size, 1 << 20);
	assert_int_equal(o.mounts[2].kind, CJ_MNT_RO_BIND);
	assert_int_equal(parse(5, both), CJ_EX_USAGE);
	assert_non_null(strstr(err, "exclude each other"));
	assert_int_equal(parse(5, bad), CJ_EX_USAGE);
}

static void test_cli_too_many(void **state)
{
	static const char *argv[2 * CJ_MAX_MOUNTS + 8];
	int argc = 0;

	(void)state;
	argv[argc++] = "capejail";
	for (int i = 0; i <= CJ_MAX_MOUNTS; i++) {
		argv[argc++] = "--tmpfs";
		argv[argc++] = "/t";
	}
	argv[argc++] = "--";
	argv[argc++] = "p";
	argv[argc] = NULL;
	assert_int_equal(parse(argc, argv), CJ_EX_USAGE);
	assert_non_null(strstr(err, "too many"));
}

static struct stat dir(uid_t uid, gid_t gid, mode_t mode)
{
	struct stat st;

	memset(&st, 0, sizeof(st));
	st.st_uid = uid;
	st.st_gid = gid;
	st.st_mode = S_IFDIR | mode;
	return st;
}

static void test_trust(void **state)
{
	struct stat ok = dir(0, 0, 0755), tmp = dir(0, 0, 01777);
	struct stat user = dir(1000, 1000, 0755), gw = dir(0, 0, 0775);
	struct stat ww = dir(0, 0, 0777);
	char why[96];

	(void)state;
	assert_true(cj_dir_trusted(&ok, &ok, 0, why, sizeof(why)));
	assert_true(cj_dir_trusted(&ok, NULL, 0, why, sizeof(why)));
	assert_false(cj_dir_trusted(&user, &ok, 0, why, sizeof(why)));
	assert_string_equal(why, "owned by uid 1000, not root");
	assert_false(cj_dir_trusted(&gw, &ok, 0, why, sizeof(why)));
	assert_string_equal(why, "writable by its group (mode 0775)");
	assert_false(cj_dir_trusted(&ww, &ok, 0, why, sizeof(why)));
	/* Sticky /tmp above a root-owned directory: nobody can swap it. */
	assert_true(cj_dir_trusted(&tmp, &ok, 0, why, sizeof(why)));
	/* ... but not above one another user owns, and never as ROOT. */
	assert_false(cj_dir_trusted(&tmp, &user, 0, why, sizeof(why)));
	assert_false(cj_dir_trusted(&tmp, NULL, 0, why, sizeof(why)));
	assert_string_equal(why, "writable by others (mode 1777)");
	/* Rootless: the caller's own directories too, nobody else's. */
	assert_true(cj_dir_trusted(&user, &ok, 1000, why, sizeof(why)));
	assert_true(cj_dir_trusted(&tmp, &user, 1000, why, sizeof(why)));
	assert_false(cj_dir_trusted(&user, &ok, 1001, why, sizeof(why)));
	assert_string_equal(
	    why, "owned by uid 1000, neither root nor you (uid 1001)");
}

static void test_enterable(void **state)
{
	struct stat priv = dir(0, 0, 0700), grp = dir(0, 50, 0710);
	struct stat own = dir(1000, 1000, 0700), pub = dir(0, 0, 0711);

	(void)state;
	assert_false(cj_dir_enterable(&priv, 1000, 1000));
	/* uid 0 in the jail has no capabilities: the mode bits decide. */
	assert_true(cj_dir_enterable(&priv, 0, 0));
	assert_false(cj_dir_enterable(&grp, 1000, 1000));
	assert_true(cj_dir_enterable(&grp, 1000, 50));
	assert_true(cj_dir_enterable(&own, 1000, 1000));
	assert_true(cj_dir_enterable(&pub, 65534, 65534));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bind_src_dest),
		cmocka_unit_test(test_bind_bad),
		cmocka_unit_test(test_tmpfs),
		cmocka_unit_test(test_cli_options),
		cmocka_unit_test(test_cli_too_many),
		cmocka_unit_test(test_trust),
		cmocka_unit_test(test_enterable),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
