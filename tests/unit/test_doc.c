/* SPDX-License-Identifier: MIT */
/*
 * SYSCALLS.md as capejail-syscalls doc writes it (tools/doc_md.c): an
 * anchor for every syscall, the same bytes every time, and the committed
 * file up to date with the table.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc_md.h"

static struct cj_policy policy;
static char *doc;
static size_t doc_len;

static char *generate(size_t *len)
{
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);

	assert_non_null(f);
	assert_int_equal(cjs_doc_write(f, &policy), 0);
	fclose(f);
	return buf;
}

static int setup(void **state)
{
	(void)state;
	if (cj_policy_default(&policy))
		return -1;
	doc = generate(&doc_len);
	return doc ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	free(doc);
	cj_policy_free(&policy);
	return 0;
}

static bool blocked(size_t i)
{
	return policy.rows[i].action != CJ_ACT_ALLOW &&
	       !cj_policy_has_conds(&policy, (int)i);
}

static size_t occurrences(const char *needle)
{
	size_t n = 0;

	for (const char *p = doc; (p = strstr(p, needle)); p++)
		n++;
	return n;
}

static void test_deterministic(void **state)
{
	size_t len;
	char *again = generate(&len);

	(void)state;
	assert_int_equal(len, doc_len);
	assert_memory_equal(again, doc, len);
	free(again);
}

/* Every blocked or argument-checked row: <a id="NAME"></a> then ### NAME */
static void test_anchors_for_blocked_rows(void **state)
{
	size_t n;
	const struct cj_syscall *t = cj_table(&n);
	size_t nblocked = 0;

	(void)state;
	for (size_t i = 0; i < n; i++) {
		char want[256];
		bool dangerous = t[i].flags & CJ_DANGEROUS;

		if (!blocked(i) && !cj_policy_has_conds(&policy, (int)i))
			continue;
		nblocked += blocked(i);
		snprintf(want, sizeof(want), "<a id=\"%s\"></a>\n### %s%s\n",
			 t[i].name, t[i].name,
			 dangerous ? " \u26a0\ufe0f" : "");
		if (occurrences(want) != 1)
			fail_msg("SYSCALLS.md: %zu sections for %s, want 1",
				 occurrences(want), t[i].name);
		/* the rationale follows (its start, before any wrap) */
		snprintf(want, sizeof(want), "\n%.30s", t[i].why);
		if (!strstr(doc, want))
			fail_msg("no rationale for %s", t[i].name);
	}
	assert_true(nblocked > 50);
}

/* Every allowed row without rules is in the table, with an anchor. */
static void test_allowed_table(void **state)
{
	size_t n;
	const struct cj_syscall *t = cj_table(&n);

	(void)state;
	assert_non_null(strstr(doc, "## Allowed syscalls\n"));
	for (size_t i = 0; i < n; i++) {
		char want[256];

		if (blocked(i))
			continue;
		if (cj_policy_has_conds(&policy, (int)i))
			snprintf(want, sizeof(want), "| `%s` | %s | ",
				 t[i].name, t[i].group);
		else
			snprintf(want, sizeof(want),
				 "| <a id=\"%s\"></a>`%s` | %s | ", t[i].name,
				 t[i].name, t[i].group);
		if (occurrences(want) != 1)
			fail_msg("allowed table: %s missing or repeated",
				 t[i].name);
	}
}

/* Each anchor id once; group headings do not collide with syscall ids. */
static void test_ids_unique(void **state)
{
	size_t n, count = 0;
	const struct cj_syscall *t = cj_table(&n);

	(void)state;
	for (size_t i = 0; i < n; i++) {
		char want[160];

		snprintf(want, sizeof(want), "<a id=\"%s\"></a>", t[i].name);
		count += occurrences(want);
		if (occurrences(want) != 1)
			fail_msg("anchor %s appears %zu times", t[i].name,
				 occurrences(want));
	}
	assert_int_equal(count + 2, occurrences("<a id=\""));
	assert_int_equal(occurrences("<a id=\"argument-rules\"></a>"), 1);
	assert_int_equal(occurrences("<a id=\"share-net\"></a>"), 1);
	for (const char *p = doc; (p = strstr(p, "\n## ")); p++)
		assert_true(strncmp(p, "\n## Group: ", 11) == 0 ||
			    strncmp(p, "\n## Allowing", 12) == 0 ||
			    strncmp(p, "\n## The rules", 13) == 0 ||
			    strncmp(p, "\n## Argument rules", 18) == 0 ||
			    strncmp(p, "\n## Under --share-net", 21) == 0 ||
			    strncmp(p, "\n## Allowed syscalls", 20) == 0);
}

static void test_header_and_howto(void **state)
{
	(void)state;
	assert_true(strncmp(doc, "# ", 2) == 0);
	assert_non_null(
	    strstr(doc, "generated from `core/policy/syscalls.def`"));
	assert_non_null(strstr(doc, "`make syscalls-md`"));
	assert_non_null(strstr(doc, "Do not edit"));
	assert_non_null(strstr(doc, "capejail --allow NAME1,NAME2"));
	assert_non_null(strstr(doc, "--profile"));
	assert_non_null(strstr(doc, "`allow NAME`"));
	assert_non_null(strstr(doc, "capejail-syscalls discover"));
	assert_non_null(strstr(doc, "kills the whole jailed process"));
	assert_non_null(strstr(doc, "`clone3` fails with ENOSYS"));
	assert_non_null(strstr(doc, "Foreign ABIs are killed"));
	/* every line ends in a newline, no trailing blanks */
	assert_int_equal(doc[doc_len - 1], '\n');
	assert_null(strstr(doc, " \n"));
	assert_null(strstr(doc, "\t"));
}

/* The groups of blocked rows each have one heading, in a fixed order. */
static void test_groups(void **state)
{
	size_t n;
	const struct cj_syscall *t = cj_table(&n);

	(void)state;
	for (size_t i = 0; i < n; i++) {
		char head[128];
		const char *h, *entry;

		if (!blocked(i))
			continue;
		snprintf(head, sizeof(head), "\n## Group: %s\n", t[i].group);
		assert_int_equal(occurrences(head), 1);
		h = strstr(doc, head);
		snprintf(head, sizeof(head), "\n### %s", t[i].name);
		entry = strstr(doc, head);
		assert_non_null(entry);
		assert_true(entry > h);
		/* no other group heading between the group and the entry */
		for (const char *g = strstr(h + 1, "\n## "); g && g < entry;
		     g = strstr(g + 1, "\n## "))
			fail_msg("%s is not under its group %s", t[i].name,
				 t[i].group);
	}
}

/* The committed SYSCALLS.md matches the table (skipped outside the repo). */
static void test_committed_file_fresh(void **state)
{
	FILE *f = fopen("SYSCALLS.md", "r");
	char *buf;
	size_t len;

	(void)state;
	if (!f)
		skip();
	buf = malloc(doc_len + 2);
	assert_non_null(buf);
	len = fread(buf, 1, doc_len + 1, f);
	fclose(f);
	if (len != doc_len || memcmp(buf, doc, len) != 0) {
		free(buf);
		fail_msg("SYSCALLS.md is stale against "
			 "core/policy/syscalls.def: run "
			 "'make syscalls-md' and commit the result");
	}
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_anchors_for_blocked_rows),
		cmocka_unit_test(test_allowed_table),
		cmocka_unit_test(test_ids_unique),
		cmocka_unit_test(test_header_and_howto),
		cmocka_unit_test(test_groups),
		cmocka_unit_test(test_committed_file_fresh),
	};

	return cmocka_run_group_tests_name("doc", tests, setup, teardown);
}
