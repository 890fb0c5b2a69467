/* SPDX-License-Identifier: MIT */
/*
 * Symbolic argument decoding (core/policy/argnames.c), as the kill report
 * and discover print it, and its tie to the argument rules: every value a
 * rule of argrules.def compares has its name.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "argnames.h"
#include "policy_rules.h"

static void test_decode(void **state)
{
	char buf[320];
	const uint64_t sockopt[] = { 3, 1, 2 }, tcp[] = { 4, 6, 1 },
		       raw[] = { 3, 255, 1 }, unknown[] = { 3, 1, 999 };
	const uint64_t clone[] = { 0x10020000 | 17, 0, 0 };
	const uint64_t ioctl[] = { 0, 0xdead00005412ull, 0x7ffd0000 };
	const uint64_t sock[] = { 16, 3, 0 };
	const uint64_t mknod[] = { 3, 0x1000, 0x2000 | 0600 };

	(void)state;
	assert_string_equal(
	    cj_args_decode("setsockopt", sockopt, 3, buf, sizeof(buf)),
	    "(3, SOL_SOCKET, SO_REUSEADDR)");
	assert_string_equal(
	    cj_args_decode("setsockopt", tcp, 3, buf, sizeof(buf)),
	    "(4, IPPROTO_TCP, TCP_NODELAY)");
	assert_string_equal(
	    cj_args_decode("setsockopt", raw, 3, buf, sizeof(buf)),
	    "(3, SOL_RAW, ICMP_FILTER)");
	assert_string_equal(
	    cj_args_decode("setsockopt", unknown, 3, buf, sizeof(buf)),
	    "(3, SOL_SOCKET, 0x3e7)");
	assert_string_equal(cj_args_decode("clone", clone, 1, buf, sizeof(buf)),
			    "(CLONE_NEWNS|CLONE_NEWUSER|0x11)");
	/* the kernel reads 32 bits of the request: so does the decoder */
	assert_string_equal(cj_args_decode("ioctl", ioctl, 3, buf, sizeof(buf)),
			    "(0, TIOCSTI, 0x7ffd0000)");
	assert_string_equal(cj_args_decode("socket", sock, 3, buf, sizeof(buf)),
			    "(AF_NETLINK, SOCK_RAW, 0)");
	assert_string_equal(
	    cj_args_decode("mknodat", mknod, 3, buf, sizeof(buf)),
	    "(3, 0x1000, S_IFCHR)");
	/* calls without tables: plain numbers */
	assert_string_equal(cj_args_decode("read", sock, 2, buf, sizeof(buf)),
			    "(16, 3)");
	/* a small buffer is cut, never overrun */
	cj_args_decode("setsockopt", sockopt, 3, buf, 8);
	assert_int_equal(strlen(buf), 7);
}

/* Every value an argument rule compares has its symbolic name. */
static void test_rule_values_named(void **state)
{
	size_t n;
	const struct cj_argrule *r = cj_argrules(&n);
	char flags[256];

	(void)state;
	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < r[i].nvalues; k++) {
			uint64_t v = r[i].values[k];
			const char *s;

			switch (r[i].kind) {
			case CJ_ARG_ALLOW_PAIRS:
				s = cj_arg_name(r[i].name, r[i].arg, v >> 32,
						0);
				if (s)
					s = cj_arg_name(r[i].name, r[i].arg + 1,
							v & r[i].mask, v >> 32);
				break;
			case CJ_ARG_ALLOW_SOCKETS:
				s = cj_arg_name(r[i].name, 0,
						CJ_SOCK_FAMILY_OF(v), 0);
				if (s)
					s = cj_arg_name(r[i].name, 1,
							CJ_SOCK_TYPE_OF(v), 0);
				if (s)
					s = cj_arg_name(r[i].name, 2,
							CJ_SOCK_PROTO_OF(v), 0);
				break;
			case CJ_ARG_ALLOW_EACH:
				/* ids: the jail's own, or -1 */
				s = v == CJ_OWN_UID || v == CJ_OWN_GID ||
					    v == CJ_ID_UNCHANGED
					? "id"
					: NULL;
				break;
			case CJ_ARG_ALLOW_IN:
			case CJ_ARG_DENY_IN:
			case CJ_ARG_ERRNO_IN:
			default:
				s = strcmp(r[i].name, "clone") == 0
					? cj_clone_flags_text(r[i].mask, flags,
							      sizeof(flags))
					: cj_arg_name(r[i].name, r[i].arg, v,
						      0);
				/* prlimit64's pid 0 is a number, not a name */
				if (!s && strcmp(r[i].name, "prlimit64") == 0)
					s = "pid";
				break;
			}
			/* a clone flag left over shows as 0x... */
			if (!s || (strcmp(r[i].name, "clone") == 0 &&
				   strstr(s, "0x")))
				fail_msg("%s: value 0x%llx of its rule has no "
					 "name in argnames.c",
					 r[i].name, (unsigned long long)v);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode),
		cmocka_unit_test(test_rule_values_named),
	};

	return cmocka_run_group_tests_name("argnames", tests, NULL, NULL);
}
