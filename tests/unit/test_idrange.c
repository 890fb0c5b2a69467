/* SPDX-License-Identifier: MIT */
/*
 * The jail's host id allocation, its pure part (core/jail/idrange.c): the
 * range, the start, the walk with its wrap-around and its errors. The
 * locking is simulated by a table of ids "in use". No root.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <stdbool.h>
#include <string.h>

#include "idrange.h"

struct fake {
	uint32_t base;
	bool busy[16];
	int fail_at; /* index that answers FAIL_RC, -1: none */
	int fail_rc;
	unsigned tries;
	uint32_t order[16];
};

static int fake_try(uint32_t id, void *ctx)
{
	struct fake *f = ctx;
	uint32_t i = id - f->base;

	assert_true(i < 16);
	f->order[f->tries++] = id;
	if ((int)i == f->fail_at)
		return f->fail_rc;
	if (f->busy[i])
		return -EBUSY;
	f->busy[i] = true; /* taken: a second walk must skip it */
	return 0;
}

static void test_range_is_clear_of_others(void **state)
{
	uint64_t last = (uint64_t)CJ_ID_BASE + CJ_ID_COUNT - 1;

	(void)state;
	/* above useradd's default subuid ranges and systemd-nspawn's */
	assert_true(CJ_ID_BASE > 600100000u);
	assert_true(CJ_ID_BASE > 1879048191u);
	/* below systemd's foreign range and 2^31 */
	assert_true(last < 2147352576u);
	assert_true(last < 2147483648u);
}

static void test_start_spreads_and_stays_in_range(void **state)
{
	(void)state;
	assert_int_equal(cj_id_start(1, 16), 1);
	assert_int_equal(cj_id_start(17, 16), 1);
	assert_int_equal(cj_id_start(4194304, CJ_ID_COUNT),
			 4194304 % CJ_ID_COUNT);
	assert_true(cj_id_start(-5, 16) < 16);
	assert_int_equal(cj_id_start(7, 0), 0);
}

static void test_walk_takes_the_start(void **state)
{
	struct fake f = { .base = 100, .fail_at = -1 };
	uint32_t id = 0;

	(void)state;
	assert_int_equal(cj_id_walk(100, 16, 5, fake_try, &f, &id), 0);
	assert_int_equal(id, 105);
	assert_int_equal(f.tries, 1);
}

static void test_walk_skips_busy_and_wraps(void **state)
{
	struct fake f = { .base = 100, .fail_at = -1 };
	uint32_t id = 0;

	(void)state;
	f.busy[14] = f.busy[15] = f.busy[0] = true;
	assert_int_equal(cj_id_walk(100, 16, 14, fake_try, &f, &id), 0);
	assert_int_equal(id, 101);
	assert_int_equal(f.tries, 4);
	assert_int_equal(f.order[2], 100); /* wrapped to the base */
}

static void test_two_walks_get_distinct_ids(void **state)
{
	struct fake f = { .base = 100, .fail_at = -1 };
	uint32_t a = 0, b = 0;

	(void)state;
	/* same start (same pid modulo the range): the second walks on */
	assert_int_equal(cj_id_walk(100, 16, 3, fake_try, &f, &a), 0);
	assert_int_equal(cj_id_walk(100, 16, 3, fake_try, &f, &b), 0);
	assert_int_not_equal(a, b);
}

static void test_walk_all_busy(void **state)
{
	struct fake f = { .base = 100, .fail_at = -1 };
	uint32_t id = 42;

	(void)state;
	memset(f.busy, 1, sizeof(f.busy));
	assert_int_equal(cj_id_walk(100, 16, 9, fake_try, &f, &id), -EBUSY);
	assert_int_equal(f.tries, 16); /* each id once */
	assert_int_equal(id, 42);
}

static void test_walk_stops_on_error(void **state)
{
	struct fake f = { .base = 100, .fail_at = 2, .fail_rc = -EACCES };
	uint32_t id = 0;

	(void)state;
	f.busy[1] = true;
	assert_int_equal(cj_id_walk(100, 16, 1, fake_try, &f, &id), -EACCES);
	assert_int_equal(f.tries, 2);
}

static void test_walk_bad_ranges(void **state)
{
	struct fake f = { .base = 100, .fail_at = -1 };
	uint32_t id = 0;

	(void)state;
	assert_int_equal(cj_id_walk(100, 0, 0, fake_try, &f, &id), -EINVAL);
	assert_int_equal(cj_id_walk(100, 16, 16, fake_try, &f, &id), -EINVAL);
	/* (uid_t)-1 must never be handed out */
	assert_int_equal(cj_id_walk(UINT32_MAX - 15, 16, 0, fake_try, &f, &id),
			 -ERANGE);
	assert_int_equal(f.tries, 0);
}

static void test_lock_name(void **state)
{
	char buf[32], tiny[4];

	(void)state;
	assert_int_equal(cj_id_lock_name(2000000123u, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "2000000123.lock");
	assert_int_equal(cj_id_lock_name(2000000123u, tiny, sizeof(tiny)),
			 -ENAMETOOLONG);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_range_is_clear_of_others),
		cmocka_unit_test(test_start_spreads_and_stays_in_range),
		cmocka_unit_test(test_walk_takes_the_start),
		cmocka_unit_test(test_walk_skips_busy_and_wraps),
		cmocka_unit_test(test_two_walks_get_distinct_ids),
		cmocka_unit_test(test_walk_all_busy),
		cmocka_unit_test(test_walk_stops_on_error),
		cmocka_unit_test(test_walk_bad_ranges),
		cmocka_unit_test(test_lock_name),
	};

	return cmocka_run_group_tests_name("idrange", tests, NULL, NULL);
}
