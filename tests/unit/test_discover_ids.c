/* SPDX-License-Identifier: MIT */
/*
 * discover's jail ids (tools/discover_ids.c) agree with the launcher's
 * user lookup (core/jail/user.c) on every spelling of a user, so the uid
 * and gid calls are judged with the ids the jail will really have.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <stdio.h>

#include "capejail.h"
#include "discover_ids.h"

#define PASSWD "tests/fixtures/passwd"

static void agree(const char *spec, FILE *f)
{
	struct cj_user u;
	uint32_t uid = 1, gid = 1;
	int a, b;

	rewind(f);
	a = cj_user_lookup_stream(spec ? spec : "nobody", f, &u);
	b = dids_lookup(spec, f, &uid, &gid);
	assert_int_equal(a, b);
	if (a)
		return;
	assert_int_equal(uid, u.uid);
	assert_int_equal(gid, u.gid);
}

static void test_same_ids_as_the_launcher(void **state)
{
	static const char *const specs[] = { "jailuser", "1000",  "1001",
					     "noshell",	 "root",  "0",
					     "4242",	 "nobody" };
	FILE *f = fopen(PASSWD, "re");
	uint32_t uid, gid;

	(void)state;
	assert_non_null(f);
	for (size_t i = 0; i < sizeof(specs) / sizeof(*specs); i++)
		agree(specs[i], f);
	agree(NULL, f);
	assert_int_equal(dids_lookup("no-such-user", f, &uid, &gid), -ENOENT);
	/* the default user: nobody, or 65534 without an entry */
	assert_int_equal(dids_lookup(NULL, f, &uid, &gid), 0);
	assert_int_equal(uid, 65534);
	assert_int_equal(dids_lookup(NULL, NULL, &uid, &gid), 0);
	assert_int_equal(uid, 65534);
	assert_int_equal(gid, 65534);
	fclose(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_ids_as_the_launcher),
	};

	return cmocka_run_group_tests_name("discover_ids", tests, NULL, NULL);
}
