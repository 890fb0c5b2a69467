/* SPDX-License-Identifier: MIT */
/*
 * The syscalls a program used, held against the default policy
 * (tools/discover_diff.c, argcheck.c, sysname_map.c) and what discover
 * makes of it: the --allow list, JSON, the profile.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "argcheck.h"
#include "discover_diff.h"
#include "discover_report.h"
#include "profile.h"
#include "sysname_map.h"

static struct cj_policy policy;

static int setup(void **state)
{
	(void)state;
	return cj_policy_default(&policy);
}

static int teardown(void **state)
{
	(void)state;
	cj_policy_free(&policy);
	return 0;
}

static const char *fixture_dir(void)
{
	const char *d = getenv("CJ_FIXTURES");

	return d && *d ? d : "tests/fixtures/strace";
}

static void load_with(struct tu_usage *u, const char *file, struct cj_policy *p)
{
	char path[512], *line = NULL;
	struct cj_eval ev;
	size_t cap = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", fixture_dir(), file);
	f = fopen(path, "r");
	if (!f)
		fail_msg("cannot open fixture %s", path);
	assert_int_equal(cj_eval_init(&ev, p), 0);
	/* the fixtures were recorded as root on the host (discover binds
	 * the uid and gid calls to the ids PROG runs with) */
	cj_eval_bind_ids(&ev, 0, 0);
	tu_init(u, true, ac_classify, &ev);
	while (getline(&line, &cap, f) > 0)
		assert_int_equal(tu_feed_line(u, line), 0);
	tu_finish(u);
	u->ctx = NULL; /* EV ends here */
	cj_eval_free(&ev);
	free(line);
	fclose(f);
}

static void load(struct tu_usage *u, const char *file)
{
	load_with(u, file, &policy);
}

static void feed(struct tu_usage *u, const char *const *lines)
{
	struct cj_eval ev;

	assert_int_equal(cj_eval_init(&ev, &policy), 0);
	cj_eval_bind_ids(&ev, 0, 0);
	tu_init(u, true, ac_classify, &ev);
	for (; *lines; lines++)
		assert_int_equal(tu_feed_line(u, *lines), 0);
	tu_finish(u);
	u->ctx = NULL; /* EV ends here */
	cj_eval_free(&ev);
}

static const struct dd_entry *entry(const struct dd_result *r, const char *name)
{
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->v[i].name, name) == 0)
			return &r->v[i];
	return NULL;
}

/* ping on the host (discover's own fast path): capabilities and raw
 * socket options are blocked; its sockets pass the argument rules. */
static void test_ping(void **state)
{
	struct tu_usage u;
	struct dd_result r;
	const struct dd_entry *e;
	char list[256];

	(void)state;
	load(&u, "ping-fast.strace");
	assert_int_equal(dd_compute(&policy, &u, &r), 0);
	assert_int_equal(dd_status(&r), 1);

	/* capset empties sets the jail leaves empty; setuid(0) is root's
	 * own id: neither blocks any more */
	e = entry(&r, "capset");
	assert_true(e == NULL || !e->blocks);
	e = entry(&r, "setuid");
	assert_true(e == NULL || !e->blocks);

	e = entry(&r, "setsockopt");
	assert_non_null(e);
	assert_int_equal(e->cls, DD_COND);
	assert_true(e->killed > 0);
	assert_true(e->pass > 0);
	assert_int_equal(e->pass + e->killed + e->failed, e->count);
	assert_true(e->blocks);
	assert_non_null(e->sample);

	e = entry(&r, "socket");
	assert_non_null(e);
	assert_int_equal(e->cls, DD_COND);
	assert_int_equal(e->killed, 0);
	assert_false(e->blocks);

	assert_int_equal(dd_allow_list(&r, list, sizeof(list)), 1);
	assert_string_equal(list, "setsockopt");
	/* sorted: class, then name */
	for (size_t i = 1; i < r.n; i++)
		assert_true(r.v[i - 1].cls < r.v[i].cls ||
			    (r.v[i - 1].cls == r.v[i].cls &&
			     strcmp(r.v[i - 1].name, r.v[i].name) < 0));
	dd_free(&r);
	tu_free(&u);
}

/* python3 with threads: nothing is killed; clone3 answers ENOSYS. */
static void test_python(void **state)
{
	struct tu_usage u;
	struct dd_result r;
	const struct dd_entry *e;
	char list[256];

	(void)state;
	load(&u, "python3-threads.strace");
	assert_int_equal(dd_compute(&policy, &u, &r), 0);
	assert_int_equal(dd_status(&r), 0);
	assert_int_equal(r.nblocking, 0);
	e = entry(&r, "clone3");
	assert_non_null(e);
	assert_int_equal(e->cls, DD_ERRNO);
	assert_int_equal(e->verdict.err, ENOSYS);
	assert_int_equal(e->pass, 4); /* threads: no namespace flags */
	assert_false(e->blocks);
	assert_int_equal(dd_allow_list(&r, list, sizeof(list)), 0);
	assert_string_equal(list, "");
	assert_int_equal(dd_errno_list(&r, list, sizeof(list)), 1);
	assert_string_equal(list, "clone3");
	e = entry(&r, "read");
	assert_non_null(e);
	assert_int_equal(e->cls, DD_ALLOWED);
	dd_free(&r);
	tu_free(&u);
}

/* Numbers strace does not know: mapped through libseccomp, or unknown. */
static void test_unknown_numbers(void **state)
{
	struct tu_usage u;
	struct dd_result r;
	const struct dd_entry *e;

	(void)state;
	load(&u, "enosys.strace");
	assert_int_equal(dd_compute(&policy, &u, &r), 0);
	e = entry(&r, "syscall_0x1f4");
	assert_non_null(e);
	assert_int_equal(e->cls, DD_UNKNOWN);
	assert_int_equal(e->nr, 500);
	assert_int_equal(e->verdict.action, CJ_ACT_ERRNO);
	assert_int_equal(e->verdict.err, ENOSYS);
	assert_int_equal(e->enosys, 1);
	assert_false(e->blocks);
	/* 452 is fchmodat2 to libseccomp, even though strace has no name */
	e = entry(&r, "fchmodat2");
	assert_non_null(e);
	assert_string_equal(e->strace, "syscall_0x1c4");
	assert_true(e->row >= 0);
	dd_free(&r);
	tu_free(&u);
}

/* i386 syscalls from a 64-bit process: foreign ABI, killed, not allowable */
static void test_foreign_abi(void **state)
{
	struct tu_usage u;
	struct dd_result r;
	const struct dd_entry *e;
	char list[256];

	(void)state;
	load(&u, "int80.strace");
	assert_int_equal(dd_compute(&policy, &u, &r), 0);
	e = entry(&r, "_llseek");
	assert_non_null(e);
	assert_int_equal(e->cls, DD_FOREIGN);
	assert_string_equal(e->native, "lseek");
	assert_true(e->blocks);
	assert_false(e->allowable);
	assert_int_equal(dd_status(&r), 1);
	assert_int_equal(dd_allow_list(&r, list, sizeof(list)), 0);
	dd_free(&r);
	tu_free(&u);
}

static void test_name_map(void **state)
{
	struct sm_name m;
	char buf[64];

	(void)state;
	sm_map("newfstatat", &m);
	assert_string_equal(m.name, "newfstatat");
	assert_false(m.foreign);
	assert_true(m.nr >= 0);
	sm_map("syscall_0x1c4", &m);
	assert_string_equal(m.name, "fchmodat2");
	assert_int_equal(m.nr, 452);
	sm_map("umount", &m);
	assert_true(m.foreign);
	assert_string_equal(m.native, "umount2");
	sm_map("getuid32", &m);
	assert_true(m.foreign);
	assert_string_equal(m.native, "getuid");
	sm_map("clock_gettime64", &m);
	assert_string_equal(m.native, "clock_gettime");
	sm_map("no_such_call", &m);
	assert_false(m.foreign);
	assert_int_equal(m.nr, -1);
	/* names both ABIs share are native */
	sm_map("pread64", &m);
	assert_false(m.foreign);
	sm_map("prlimit64", &m);
	assert_false(m.foreign);
	assert_null(sm_i386_alias("read", buf, sizeof(buf)));
	/* every table name maps to itself */
	{
		size_t n;
		const struct cj_syscall *t = cj_table(&n);

		for (size_t i = 0; i < n; i++) {
			sm_map(t[i].name, &m);
			assert_string_equal(m.name, t[i].name);
			assert_false(m.foreign);
		}
	}
}

/* Argument rules applied to what strace printed. */
static void test_argument_rules(void **state)
{
	static const char *const lines[] = {
		"1 clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|"
		"CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f) = 2",
		"1 clone(child_stack=NULL, flags=CLONE_NEWUSER|SIGCHLD) = 3",
		"1 clone(child_stack=NULL, "
		"flags=CLONE_VM|0x80000000000|SIGRTMIN) = 4",
		"1 socket(0x2, 0x1, 0) = 5",
		"1 socket(0x10, 0x3, 0) = -1 EAFNOSUPPORT (Address family not "
		"supported by protocol)",
		"1 ioctl(0x0, 0x5412, 0x7ffd) = 0",
		"1 ioctl(0x1, 0x5401, 0x7ffd) = 0",
		"1 ioctl(1, TCGETS, {c_iflag=0}) = 0",
		"1 prlimit64(0x1, 0x7, 0, 0x7ffd) = 0",
		"1 clone3({flags=CLONE_VM|CLONE_NEWNET, exit_signal=SIGCHLD, "
		"stack=NULL, stack_size=0}, 88) = 6",
		"1 clone3({flags=CLONE_VM|CLONE_VFORK, exit_signal=SIGCHLD, "
		"stack=0x7f, stack_size=0x9000} <unfinished ...>",
		"1 <... clone3 resumed> => {parent_tid=[7]}, 88) = 7",
		NULL,
	};
	struct tu_usage u;
	struct dd_result r;
	const struct dd_entry *e;

	(void)state;
	feed(&u, lines);
	assert_int_equal(dd_compute(&policy, &u, &r), 0);
	e = entry(&r, "clone");
	assert_non_null(e);
	assert_int_equal(e->count, 3);
	assert_int_equal(e->pass, 2);
	assert_int_equal(e->killed, 1);
	assert_string_equal(e->sample, "child_stack=NULL, "
				       "flags=CLONE_NEWUSER|SIGCHLD");
	e = entry(&r, "socket");
	assert_int_equal(e->pass, 1);
	assert_int_equal(e->failed, 1); /* netlink: EAFNOSUPPORT */
	assert_false(e->blocks);
	e = entry(&r, "ioctl");
	assert_int_equal(e->killed, 1); /* TIOCSTI */
	assert_int_equal(e->pass, 2);	/* one checked, one not raw */
	e = entry(&r, "prlimit64");
	assert_int_equal(e->killed, 1); /* another process's limits */
	/* clone3 answers ENOSYS; the clone fallback meets clone's rules */
	e = entry(&r, "clone3");
	assert_int_equal(e->cls, DD_ERRNO);
	assert_int_equal(e->count, 2);
	assert_int_equal(e->killed, 1);
	assert_true(e->blocks);
	assert_false(e->allowable);
	assert_int_equal(dd_status(&r), 1);
	dd_free(&r);
	tu_free(&u);
}

/* The one evaluator with the arguments strace printed (argcheck's use). */
static void test_eval_known_args(void **state)
{
	int row = cj_table_index("socket");
	uint64_t args[3] = { 17, 3, 0 }; /* AF_PACKET */
	bool unchecked;
	struct cj_verdict v;
	struct cj_eval ev;

	(void)state;
	assert_true(row >= 0);
	assert_int_equal(cj_eval_init(&ev, &policy), 0);
	v = cj_policy_eval(&ev, row, args, 3, &unchecked);
	assert_false(unchecked);
	assert_int_equal(v.action, CJ_ACT_KILL);
	args[0] = 0x100000002ULL; /* upper half ignored: AF_INET */
	args[1] = 1;		  /* SOCK_STREAM, protocol 0 */
	v = cj_policy_eval(&ev, row, args, 3, &unchecked);
	assert_false(unchecked);
	assert_int_equal(v.action, CJ_ACT_ALLOW);
	args[0] = 16;
	v = cj_policy_eval(&ev, row, args, 3, &unchecked);
	assert_false(unchecked);
	assert_int_equal(v.action, CJ_ACT_ERRNO);
	assert_int_equal(v.err, EAFNOSUPPORT);
	/* socket's rules read arg0: with no argument known, no verdict */
	cj_policy_eval(&ev, row, args, 0, &unchecked);
	assert_true(unchecked);
	/* ... and argcheck lets such a call pass */
	assert_int_equal(ac_classify(&ev, "socket", "", 0), AC_PASS);
	assert_int_equal(ac_classify(&ev, "socket", "0x11, 0x3, 0", 12),
			 AC_KILL);
	assert_int_equal(ac_classify(&ev, "socket", "0x10, 0x3, 0", 12),
			 AC_ERRNO);
	cj_eval_free(&ev);
}

static void test_rule_text(void **state)
{
	size_t n;
	const struct cj_argrule *rules = cj_argrules(&n);
	char buf[1024];
	bool socket_seen = false;

	(void)state;
	for (size_t i = 0; i < n; i++) {
		ac_rule_text(&rules[i], buf, sizeof(buf));
		assert_true(strlen(buf) > 10);
		assert_true(ac_has_rules(rules[i].name));
		if (strcmp(rules[i].name, "socket") == 0 &&
		    rules[i].kind == CJ_ARG_ALLOW_SOCKETS) {
			assert_non_null(strstr(buf, "allowed when (family, "
						    "type, protocol) is (1, "
						    "1, 0), (1, 2, 0)"));
			assert_non_null(strstr(buf, "fails with "
						    "EPROTONOSUPPORT"));
			socket_seen = true;
		}
	}
	assert_true(socket_seen);
	assert_false(ac_has_rules("read"));
}

static const char *ping_argv[] = { "ping", "-c", "1", "127.0.0.1", NULL };

static char *capture_json(const struct dd_result *r, const struct dr_meta *m,
			  size_t *len)
{
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);

	assert_non_null(f);
	assert_int_equal(dr_print_json(f, r, m, false, dd_status(r)), 0);
	fclose(f);
	return buf;
}

static void test_json(void **state)
{
	struct tu_usage u;
	struct dd_result r;
	struct dr_meta m = { .argv = (char *const *)ping_argv, .fast = true };
	json_error_t jerr;
	json_t *root, *allow, *sys;
	char *text;
	size_t len;
	bool saw_setsockopt = false;

	(void)state;
	load(&u, "ping-fast.strace");
	m.u = &u;
	assert_int_equal(dd_compute(&policy, &u, &r), 0);
	text = capture_json(&r, &m, &len);
	root = json_loadb(text, len, 0, &jerr);
	if (!root)
		fail_msg("bad JSON: %s", jerr.text);
	assert_int_equal(json_integer_value(json_object_get(root, "status")),
			 1);
	assert_string_equal(json_string_value(json_object_get(root, "mode")),
			    "host");
	assert_string_equal(json_string_value(json_object_get(root, "trace")),
			    "fast");
	allow = json_object_get(root, "allow");
	assert_int_equal(json_array_size(allow), 1);
	assert_string_equal(json_string_value(json_array_get(allow, 0)),
			    "setsockopt");
	assert_true(json_is_true(
	    json_object_get(json_object_get(root, "outcome"), "exited")));
	sys = json_object_get(root, "syscalls");
	for (size_t i = 0; i < json_array_size(sys); i++) {
		json_t *e = json_array_get(sys, i);
		const char *name =
		    json_string_value(json_object_get(e, "name"));

		/* allowed syscalls are left out without --all */
		assert_string_not_equal(
		    json_string_value(json_object_get(e, "class")), "allowed");
		if (strcmp(name, "setsockopt") == 0) {
			json_t *c = json_object_get(e, "conditions");

			saw_setsockopt = true;
			assert_true(json_integer_value(
					json_object_get(c, "killed")) > 0);
			assert_true(
			    json_array_size(json_object_get(c, "rules")) > 0);
		}
	}
	assert_true(saw_setsockopt);
	json_decref(root);
	free(text);
	dd_free(&r);
	tu_free(&u);
}

static void quiet(void *ctx, const char *msg)
{
	(void)ctx;
	(void)msg;
}

/* The profile: comments and "allow NAME" lines for exactly the list. */
static void test_profile(void **state)
{
	struct tu_usage u;
	struct dd_result r;
	struct dr_meta m = { .argv = (char *const *)ping_argv,
			     .policy = &policy };
	char *buf = NULL, *line, *save = NULL;
	size_t len, nallow = 0;
	FILE *f;

	(void)state;
	load(&u, "ping-fast.strace");
	m.u = &u;
	assert_int_equal(dd_compute(&policy, &u, &r), 0);
	f = open_memstream(&buf, &len);
	dr_emit_profile(f, &r, &m);
	fclose(f);
	for (line = strtok_r(buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		if (line[0] == '#')
			continue;
		/* the narrowest rule: on setsockopt's own arguments */
		assert_string_equal(line, "allow setsockopt if arg1 == 255 "
					  "and arg2 == 1");
		nallow++;
	}
	assert_int_equal(nallow, 1);
	free(buf);

	/* the launcher's profile parser takes it, and then nothing blocks */
	f = open_memstream(&buf, &len);
	dr_emit_profile(f, &r, &m);
	fclose(f);
	{
		struct cj_profile_src src = { .name = (char *)"ping.profile",
					      .key = (char *)"ping.profile",
					      .text = buf,
					      .len = len };
		struct cj_profile_ops ops = { .warn = quiet };
		struct cj_policy edited;
		struct dd_result again;
		struct tu_usage u2;
		char perr[256];

		assert_int_equal(cj_policy_copy(&edited, &policy), 0);
		if (cj_profile_parse(&edited, &src, &ops, perr, sizeof(perr)))
			fail_msg("profile rejected: %s", perr);
		/* the table's argument rules stay */
		assert_true(
		    cj_policy_has_conds(&edited, cj_table_index("setsockopt")));
		load_with(&u2, "ping-fast.strace", &edited);
		assert_int_equal(dd_compute(&edited, &u2, &again), 0);
		assert_int_equal(dd_status(&again), 0);
		dd_free(&again);
		tu_free(&u2);
		cj_policy_free(&edited);
	}
	free(buf);

	f = open_memstream(&buf, &len);
	dr_emit_allow(f, &r);
	fclose(f);
	assert_string_equal(buf, "setsockopt\n");
	free(buf);
	dd_free(&r);
	tu_free(&u);
}

/* A DANGEROUS row the program needs is named as such, with its reason. */
static void test_text_report_dangerous(void **state)
{
	static const char *const lines[] = {
		"5 keyctl(0x1, 0, 0, 0, 0) = -1 EPERM (Operation not "
		"permitted)",
		"5 +++ exited with 0 +++",
		NULL,
	};
	struct dr_meta m = { .argv = (char *const *)ping_argv, .fast = true };
	struct tu_usage u;
	struct dd_result r;
	char *buf = NULL;
	size_t len;
	FILE *f;

	(void)state;
	feed(&u, lines);
	m.u = &u;
	assert_int_equal(dd_compute(&policy, &u, &r), 0);
	f = open_memstream(&buf, &len);
	dr_print_text(f, &r, &m);
	fclose(f);
	if (!strstr(buf, "WARNING: keyctl is DANGEROUS"))
		fail_msg("no DANGEROUS warning in:\n%s", buf);
	free(buf);
	dd_free(&r);
	tu_free(&u);
}

/* The human report names each blocked syscall and the command to run. */
static void test_text_report(void **state)
{
	struct tu_usage u;
	struct dd_result r;
	const char *env[] = { "A=b c" };
	struct dr_meta m = { .argv = (char *const *)ping_argv,
			     .jail = true,
			     .root = "/srv/root",
			     .user = "jailuser",
			     .env = env,
			     .nenv = 1,
			     .fast = true };
	char *buf = NULL;
	size_t len;
	FILE *f;

	(void)state;
	load(&u, "ping-fast.strace");
	m.u = &u;
	assert_int_equal(dd_compute(&policy, &u, &r), 0);
	f = open_memstream(&buf, &len);
	dr_print_text(f, &r, &m);
	fclose(f);
	assert_non_null(strstr(buf, "setsockopt"));
	assert_non_null(strstr(buf, "counts of allowed syscalls are unknown"));
	assert_non_null(strstr(buf, "capejail -r /srv/root -u jailuser -e "
				    "'A=b c' --allow setsockopt "
				    "-- ping -c 1 127.0.0.1\n"));
	assert_non_null(strstr(buf, "Allowed with conditions; check the "
				    "arguments"));
	/* wrapped: no line longer than 80 columns, but commands to copy */
	for (char *p = buf, *nl; (nl = strchr(p, '\n')); p = nl + 1)
		if (nl - p > 80 && strncmp(p, "    capejail", 12) != 0)
			fail_msg("long line: %.*s", (int)(nl - p), p);
	free(buf);
	dd_free(&r);
	tu_free(&u);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ping),
		cmocka_unit_test(test_python),
		cmocka_unit_test(test_unknown_numbers),
		cmocka_unit_test(test_foreign_abi),
		cmocka_unit_test(test_name_map),
		cmocka_unit_test(test_argument_rules),
		cmocka_unit_test(test_eval_known_args),
		cmocka_unit_test(test_rule_text),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_profile),
		cmocka_unit_test(test_text_report_dangerous),
		cmocka_unit_test(test_text_report),
	};

	return cmocka_run_group_tests_name("discover_diff", tests, setup,
					   teardown);
}
