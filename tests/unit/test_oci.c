/* SPDX-License-Identifier: MIT */
/*
 * OCI/Docker seccomp profiles (core/policy/oci.c): Docker's real default
 * profile loads with the meaning runc gives it, small valid fixtures, and
 * invalid ones fail with the JSON path of the mistake; the containers/podman
 * default profile as Debian ships it. Runs from the repository root; the
 * real-world profiles are never copied into the repository (testdata.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capejail.h"
#include "profile.h"
#include "cond.h"
#include "verdict.h"
#include "testdata.h"

#define FIXTURES "tests/fixtures/profiles/oci"

static char notes[16384], warns[4096];

static void append(char *buf, size_t size, const char *msg)
{
	size_t used = strlen(buf);

	snprintf(buf + used, size - used, "%s\n", msg);
}

static void on_note(void *ctx, const char *msg)
{
	(void)ctx;
	append(notes, sizeof(notes), msg);
}

static void on_warn(void *ctx, const char *msg)
{
	(void)ctx;
	append(warns, sizeof(warns), msg);
}

static const char *kernel = "6.1.0-13-amd64";

static int load_text(struct cj_policy *p, const char *name, const char *text,
		     char *err, size_t errlen)
{
	struct cj_oci_ops ops = {
		.kernel_release = kernel,
		.note = on_note,
		.warn = on_warn,
	};

	return cj_oci_parse(p, name, text, strlen(text), &ops, err, errlen);
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc((size_t)n + 1);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	if (buf)
		buf[n] = '\0';
	fclose(f);
	return buf;
}

static int load_file(struct cj_policy *p, const char *path, char *err,
		     size_t errlen)
{
	char *text = slurp(path);
	const char *name = strrchr(path, '/');
	int rc;

	if (!text)
		fail_msg("cannot read %s", path);
	rc = load_text(p, name ? name + 1 : path, text, err, errlen);
	free(text);
	return rc;
}

/* A profile from outside the repository, or skip the test (printed). */
#define REQUIRE_PROFILE(path, lookup)  \
	const char *path = (lookup)(); \
	do {                           \
		if (!(path))           \
			skip();        \
	} while (0)

static int setup(void **state)
{
	struct cj_policy *p = malloc(sizeof(*p));

	assert_non_null(p);
	assert_int_equal(cj_policy_default(p), 0);
	notes[0] = warns[0] = '\0';
	kernel = "6.1.0-13-amd64";
	*state = p;
	return 0;
}

static int teardown(void **state)
{
	cj_policy_free(*state);
	free(*state);
	return 0;
}

static size_t nconds(const struct cj_policy *p, const char *name)
{
	size_t n = 0;
	int r = cj_table_index(name);

	for (size_t i = 0; i < p->nconds; i++)
		n += p->conds[i].row == r;
	return n;
}

static void test_docker_default(void **state)
{
	struct cj_policy *p = *state;
	char err[1024];
	REQUIRE_PROFILE(docker, td_docker_profile);

	if (load_file(p, docker, err, sizeof(err)))
		fail_msg("%s", err);
	/* Docker's default: unlisted calls fail with EPERM. */
	assert_verdict(p->fallback, CJ_ACT_ERRNO, EPERM);
	assert_verdict(p->unknown, CJ_ACT_ERRNO, EPERM);
	assert_verdict(row_verdict(p, "read"), CJ_ACT_ALLOW, 0);
	assert_verdict(row_verdict(p, "execve"), CJ_ACT_ALLOW, 0);
	assert_verdict(row_verdict(p, "arch_prctl"), CJ_ACT_ALLOW, 0);
	/* Entries that need a capability are skipped. */
	assert_verdict(row_verdict(p, "unshare"), CJ_ACT_ERRNO, EPERM);
	assert_verdict(row_verdict(p, "add_key"), CJ_ACT_ERRNO, EPERM);
	assert_verdict(row_verdict(p, "chroot"), CJ_ACT_ERRNO, EPERM);
	assert_verdict(row_verdict(p, "mount"), CJ_ACT_ERRNO, EPERM);
	assert_verdict(row_verdict(p, "reboot"), CJ_ACT_ERRNO, EPERM);
	/* minKernel 4.8 holds on 6.1. */
	assert_verdict(row_verdict(p, "ptrace"), CJ_ACT_ALLOW, 0);
	/* clone: the non-s390 rule only, no namespace flags. */
	assert_int_equal(nconds(p, "clone"), 1);
	assert_verdict(call_verdict(p, "clone", 0x11, 0, 0), CJ_ACT_ALLOW, 0);
	assert_verdict(call_verdict(p, "clone", 0x10000000, 0, 0), CJ_ACT_ERRNO,
		       EPERM);
	assert_verdict(row_verdict(p, "clone3"), CJ_ACT_ERRNO, ENOSYS);
	assert_int_equal(nconds(p, "clone3"), 0);
	/* socket: everything but AF_VSOCK. */
	assert_verdict(call_verdict(p, "socket", 2, 0, 0), CJ_ACT_ALLOW, 0);
	assert_verdict(call_verdict(p, "socket", 40, 0, 0), CJ_ACT_ERRNO,
		       EPERM);
	/* personality: five values. */
	assert_int_equal(nconds(p, "personality"), 5);
	assert_verdict(call_verdict(p, "personality", 8, 0, 0), CJ_ACT_ALLOW,
		       0);
	assert_verdict(call_verdict(p, "personality", 0x400000, 0, 0),
		       CJ_ACT_ERRNO, EPERM);
	/* Other architectures' names are skipped, with a note. */
	assert_non_null(strstr(notes, "names skipped"));
	assert_non_null(strstr(notes, "clock_adjtime64"));
	assert_string_equal(warns, "");
	assert_compiles(p);
}

static void test_docker_default_old_kernel(void **state)
{
	struct cj_policy *p = *state;
	char err[1024];
	REQUIRE_PROFILE(docker, td_docker_profile);

	kernel = "4.4.0-210-generic";
	if (load_file(p, docker, err, sizeof(err)))
		fail_msg("%s", err);
	assert_verdict(row_verdict(p, "ptrace"), CJ_ACT_ERRNO, EPERM);
	assert_verdict(row_verdict(p, "process_vm_readv"), CJ_ACT_ERRNO, EPERM);
	kernel = "4.8";
	if (load_file(p, docker, err, sizeof(err)))
		fail_msg("%s", err);
	assert_verdict(row_verdict(p, "ptrace"), CJ_ACT_ALLOW, 0);
}

/*
 * The containers/podman default (Debian's golang-github-containers-common):
 * an ENOSYS default, an archMap, and socket rules that overlap, so the
 * first matching rule must decide, as in the kernel's filter.
 */
static void test_containers_default(void **state)
{
	struct cj_policy *p = *state;
	char err[1024];
	REQUIRE_PROFILE(containers, td_containers_profile);

	if (load_file(p, containers, err, sizeof(err)))
		fail_msg("%s", err);
	assert_verdict(p->fallback, CJ_ACT_ERRNO, ENOSYS);
	assert_verdict(row_verdict(p, "read"), CJ_ACT_ALLOW, 0);
	assert_verdict(row_verdict(p, "execve"), CJ_ACT_ALLOW, 0);
	/* Containers keep namespaces to the runtime, not to the profile. */
	assert_verdict(row_verdict(p, "unshare"), CJ_ACT_ALLOW, 0);
	/* Entries that need a capability are skipped: EPERM instead. */
	assert_verdict(row_verdict(p, "chroot"), CJ_ACT_ERRNO, EPERM);
	assert_verdict(row_verdict(p, "bpf"), CJ_ACT_ERRNO, EPERM);
	assert_verdict(row_verdict(p, "kexec_load"), CJ_ACT_ERRNO, EPERM);
	/* socket(AF_NETLINK, _, NETLINK_AUDIT): EINVAL; the rest allowed. */
	assert_verdict(call_verdict(p, "socket", 16, 3, 9), CJ_ACT_ERRNO,
		       EINVAL);
	assert_verdict(call_verdict(p, "socket", 16, 3, 0), CJ_ACT_ALLOW, 0);
	assert_verdict(call_verdict(p, "socket", 2, 1, 9), CJ_ACT_ALLOW, 0);
	assert_int_equal(nconds(p, "personality"), 5);
	assert_verdict(call_verdict(p, "personality", 0x20000, 0, 0),
		       CJ_ACT_ALLOW, 0);
	assert_verdict(call_verdict(p, "personality", 0x400000, 0, 0),
		       CJ_ACT_ERRNO, ENOSYS);
	assert_string_equal(warns, "");
	assert_compiles(p);
}

static void test_small(void **state)
{
	struct cj_policy *p = *state;
	char err[1024];

	if (load_file(p, FIXTURES "/valid/small.json", err, sizeof(err)))
		fail_msg("%s", err);
	assert_verdict(p->fallback, CJ_ACT_ERRNO, EPERM);
	assert_verdict(row_verdict(p, "read"), CJ_ACT_ALLOW,
		       0); /* first wins */
	assert_verdict(row_verdict(p, "chroot"), CJ_ACT_KILL, 0);
	assert_verdict(row_verdict(p, "clone3"), CJ_ACT_ERRNO, ENOSYS);
	assert_verdict(row_verdict(p, "reboot"), CJ_ACT_ERRNO,
		       EPERM); /* caps */
	assert_verdict(row_verdict(p, "uname"), CJ_ACT_ALLOW,
		       0); /* excludes.caps */
	assert_verdict(row_verdict(p, "getpid"), CJ_ACT_ERRNO, EPERM);
	assert_verdict(call_verdict(p, "ioctl", 0, 0xffffffff00005401ull, 0),
		       CJ_ACT_ALLOW, 0);
	assert_verdict(call_verdict(p, "ioctl", 0, 0x5402, 0), CJ_ACT_ERRNO,
		       EPERM);
	assert_verdict(call_verdict(p, "socket", 40, 0, 0), CJ_ACT_ERRNO,
		       EPERM);
	/* Two conditions on arg0: one rule each (either matches). */
	assert_int_equal(nconds(p, "personality"), 2);
	assert_verdict(call_verdict(p, "personality", 0, 0, 0), CJ_ACT_ALLOW,
		       0);
	assert_verdict(call_verdict(p, "personality", 8, 0, 0), CJ_ACT_ALLOW,
		       0);
	assert_verdict(call_verdict(p, "personality", 9, 0, 0), CJ_ACT_ERRNO,
		       EPERM);
	assert_non_null(strstr(notes, "$.syscalls[5]: several conditions on "
				      "one argument"));
	/* Conditions on different arguments: one rule with both. */
	assert_int_equal(nconds(p, "listen"), 1);
	assert_verdict(call_verdict(p, "listen", 3, 128, 0), CJ_ACT_ALLOW, 0);
	assert_verdict(call_verdict(p, "listen", 2, 128, 0), CJ_ACT_ERRNO,
		       EPERM);
	assert_verdict(call_verdict(p, "listen", 3, 129, 0), CJ_ACT_ERRNO,
		       EPERM);
	assert_non_null(strstr(notes, "2 names skipped"));
	assert_non_null(strstr(notes, "no_such_call"));
	assert_non_null(strstr(notes, "calls through other ABIs"));
	assert_compiles(p);
}

static void test_config_json(void **state)
{
	struct cj_policy *p = *state;
	char err[1024];

	if (load_file(p, FIXTURES "/valid/config.json", err, sizeof(err)))
		fail_msg("%s", err);
	assert_verdict(p->fallback, CJ_ACT_KILL, 0);
	assert_verdict(row_verdict(p, "write"), CJ_ACT_ALLOW, 0);
	assert_verdict(row_verdict(p, "open"), CJ_ACT_KILL, 0);
}

static void test_trap_log_kill_thread(void **state)
{
	struct cj_policy *p = *state;
	char err[1024];

	if (load_file(p, FIXTURES "/valid/trap-log.json", err, sizeof(err)))
		fail_msg("%s", err);
	assert_verdict(p->fallback, CJ_ACT_KILL, 0);
	assert_verdict(row_verdict(p, "read"), CJ_ACT_ALLOW, 0); /* LOG */
	assert_verdict(row_verdict(p, "chroot"), CJ_ACT_KILL,
		       0); /* KILL_THREAD */
	assert_non_null(strstr(warns, "$.defaultAction: SCMP_ACT_TRAP is "
				      "enforced as a kill"));
	assert_non_null(strstr(warns, "$.syscalls[0].action: SCMP_ACT_LOG is "
				      "enforced as an allow"));
	assert_non_null(strstr(notes, "SCMP_ACT_KILL_THREAD kills the whole "
				      "process"));
	/* NOTIFY in an entry that does not apply is no error. */
	assert_verdict(row_verdict(p, "bpf"), CJ_ACT_KILL, 0);
}

static void test_allow_default(void **state)
{
	struct cj_policy *p = *state;
	char err[1024];

	if (load_file(p, FIXTURES "/valid/allow-default.json", err,
		      sizeof(err)))
		fail_msg("%s", err);
	assert_verdict(p->fallback, CJ_ACT_ALLOW, 0);
	assert_verdict(p->unknown, CJ_ACT_ALLOW, 0);
	assert_verdict(row_verdict(p, "chroot"), CJ_ACT_KILL, 0);
	assert_verdict(row_verdict(p, "mount"), CJ_ACT_ERRNO, EPERM);
	assert_verdict(row_verdict(p, "ptrace"), CJ_ACT_ERRNO, EPERM);
	assert_compiles(p);
}

static void test_unconditional_supersedes(void **state)
{
	static const char *const texts[] = {
		/* conditional first */
		"{\"defaultAction\": \"SCMP_ACT_KILL_PROCESS\", \"syscalls\": ["
		"{\"names\": [\"listen\"], \"action\": \"SCMP_ACT_ALLOW\", "
		"\"args\": [{\"index\": 1, \"value\": 5, \"op\": "
		"\"SCMP_CMP_EQ\"}]},"
		"{\"names\": [\"listen\"], \"action\": \"SCMP_ACT_ERRNO\", "
		"\"errnoRet\": 13}]}",
		/* unconditional first */
		"{\"defaultAction\": \"SCMP_ACT_KILL_PROCESS\", \"syscalls\": ["
		"{\"names\": [\"listen\"], \"action\": \"SCMP_ACT_ERRNO\", "
		"\"errnoRet\": 13},"
		"{\"names\": [\"listen\"], \"action\": \"SCMP_ACT_ALLOW\", "
		"\"args\": [{\"index\": 1, \"value\": 5, \"op\": "
		"\"SCMP_CMP_EQ\"}]}]}",
	};
	struct cj_policy *p = *state;
	char err[1024];

	for (size_t i = 0; i < 2; i++) {
		if (load_text(p, "t.json", texts[i], err, sizeof(err)))
			fail_msg("%s", err);
		assert_int_equal(nconds(p, "listen"), 0);
		assert_verdict(call_verdict(p, "listen", 3, 5, 0), CJ_ACT_ERRNO,
			       EACCES);
		assert_compiles(p);
	}
	/* A rule equal to the default action supersedes nothing. */
	assert_int_equal(
	    load_text(
		p, "t.json",
		"{\"defaultAction\": \"SCMP_ACT_KILL_PROCESS\", "
		"\"syscalls\": ["
		"{\"names\": [\"listen\"], \"action\": \"SCMP_ACT_KILL\"},"
		"{\"names\": [\"listen\"], \"action\": \"SCMP_ACT_ALLOW\", "
		"\"args\": [{\"index\": 1, \"value\": 5, \"op\": "
		"\"SCMP_CMP_EQ\"}]}]}",
		err, sizeof(err)),
	    0);
	assert_int_equal(nconds(p, "listen"), 1);
	/* Identical rules are merged. */
	assert_int_equal(
	    load_text(p, "t.json",
		      "{\"defaultAction\": \"SCMP_ACT_KILL_PROCESS\", "
		      "\"syscalls\": ["
		      "{\"names\": [\"listen\", \"listen\"], \"action\": "
		      "\"SCMP_ACT_ALLOW\", \"args\": [{\"index\": 1, "
		      "\"value\": 5, \"op\": \"SCMP_CMP_EQ\"}]}]}",
		      err, sizeof(err)),
	    0);
	assert_int_equal(nconds(p, "listen"), 1);
	assert_compiles(p);
}

static void test_invalid(void **state)
{
	static const struct {
		const char *file, *err;
	} cases[] = {
		{ "malformed.json", "malformed.json:1:" },
		{ "duplicate-key.json", "duplicate-key.json:1:51: malformed "
					"JSON: duplicate object key" },
		{ "not-object.json",
		  "not-object.json: $: expected a seccomp profile object, "
		  "found an array" },
		{ "no-default.json", "no-default.json: $.defaultAction: "
				     "missing" },
		{ "bad-action.json",
		  "bad-action.json: $.syscalls[1].action: unknown action "
		  "'SCMP_ACT_FOO'" },
		{ "names-type.json",
		  "names-type.json: $.syscalls[0].names[1]: expected a syscall "
		  "name, found an integer" },
		{ "arg-index.json",
		  "arg-index.json: $.syscalls[0].args[0].index: 6 is out of "
		  "range (0..5)" },
		{ "arg-op.json",
		  "arg-op.json: $.syscalls[0].args[0].op: unknown operator "
		  "'SCMP_CMP_FOO'" },
		{ "arg-negative.json",
		  "arg-negative.json: $.syscalls[0].args[0].value: -1 is out "
		  "of range" },
		{ "arg-string.json",
		  "arg-string.json: $.syscalls[0].args[0].value: expected an "
		  "integer, found a string" },
		{ "notify.json",
		  "notify.json: $.syscalls[0].action: SCMP_ACT_NOTIFY is not "
		  "supported" },
		{ "trace-default.json",
		  "trace-default.json: $.defaultAction: SCMP_ACT_TRACE is not "
		  "supported" },
		{ "arch-arm.json",
		  "arch-arm.json: $.architectures: SCMP_ARCH_X86_64 is not "
		  "listed" },
		{ "errno-range.json",
		  "errno-range.json: $.syscalls[0].errnoRet: 70000 is out of "
		  "range (0..4094)" },
		{ "conflict.json",
		  "conflict.json: $.syscalls[1]: listen: a rule with the same "
		  "arguments and another action" },
		{ "minkernel.json",
		  "minkernel.json: $.syscalls[0].includes.minKernel: 'four' is "
		  "not a kernel version" },
		{ "name-and-names.json",
		  "name-and-names.json: $.syscalls[0]: give either" },
		{ "syscalls-type.json",
		  "syscalls-type.json: $.syscalls: expected an array, found an "
		  "object" },
		{ "config-no-seccomp.json",
		  "config-no-seccomp.json: $.linux.seccomp: missing" },
		{ "config-bad.json",
		  "config-bad.json: $.linux.seccomp.defaultAction: expected an "
		  "action name" },
		{ "includes-type.json",
		  "includes-type.json: $.syscalls[0].includes.arches: expected "
		  "an array of architectures, found a string" },
		{ "libseccomp-loop.json",
		  "libseccomp-loop.json: $.syscalls: listen: two of its "
		  "conditional rules both begin with 'arg0 >= 0x3' and then "
		  "compare further" },
		{ "no-names.json",
		  "no-names.json: $.syscalls[0]: no syscall: \"names\" is "
		  "missing" },
	};
	struct cj_policy *p = *state, before;
	char err[1024], path[512];

	assert_int_equal(cj_policy_copy(&before, p), 0);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int rc;

		snprintf(path, sizeof(path), FIXTURES "/invalid/%s",
			 cases[i].file);
		rc = load_file(p, path, err, sizeof(err));
		if (rc != -EINVAL || !strstr(err, cases[i].err))
			fail_msg("%s: rc %d, error '%s', want '%s'", path, rc,
				 err, cases[i].err);
		/* Nothing half-applied. */
		assert_int_equal(p->nconds, before.nconds);
		assert_memory_equal(p->rows, before.rows,
				    p->nrows * sizeof(*p->rows));
	}
	cj_policy_free(&before);
}

static void test_minkernel_needs_a_kernel(void **state)
{
	struct cj_policy *p = *state;
	char err[1024];

	kernel = NULL;
	assert_int_equal(load_file(p, FIXTURES "/valid/allow-default.json", err,
				   sizeof(err)),
			 -EINVAL);
	assert_non_null(strstr(err, "$.syscalls[3].includes.minKernel: the "
				    "running kernel's version is unknown"));
}

static void test_apply_file(void **state)
{
	struct cj_policy *p = *state;
	char err[1024];

	assert_int_equal(cj_oci_apply_file(p, FIXTURES "/valid/config.json",
					   NULL, err, sizeof(err)),
			 0);
	assert_verdict(p->fallback, CJ_ACT_KILL, 0);
	assert_int_equal(cj_oci_apply_file(p, FIXTURES "/nonexistent.json",
					   NULL, err, sizeof(err)),
			 -ENOENT);
	assert_string_equal(err, FIXTURES "/nonexistent.json: No such file or "
					  "directory");
	assert_int_equal(cj_oci_apply_file(p, FIXTURES, NULL, err, sizeof(err)),
			 -EINVAL);
	assert_string_equal(err, FIXTURES ": not a regular file");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_docker_default, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_containers_default, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_docker_default_old_kernel,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_small, setup, teardown),
		cmocka_unit_test_setup_teardown(test_config_json, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_trap_log_kill_thread,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_allow_default, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_unconditional_supersedes,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_invalid, setup, teardown),
		cmocka_unit_test_setup_teardown(test_minkernel_needs_a_kernel,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_apply_file, setup,
						teardown),
	};

	return cmocka_run_group_tests_name("oci", tests, NULL, NULL);
}
