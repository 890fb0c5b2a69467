/* SPDX-License-Identifier: MIT */
/*
 * Export (core/policy/export.c, tools/cmd_export.c): import(export(P)) enforces
 * the same verdict as P for every syscall of the table — the unconditional
 * verdicts and the conditional rules — for the default policy, edited
 * ones, and imported Docker profiles; the systemd output says what it
 * cannot express. Runs from the repository root.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "capejail.h"
#include "export.h"
#include "policy_rules.h"
#include "profile.h"
#include "cond.h"
#include "eval.h"

#include "cmds.h"
#include "testdata.h"

static void quiet(void *ctx, const char *msg)
{
	(void)ctx;
	(void)msg;
}

static const struct cj_oci_ops oci_ops = {
	.kernel_release = "6.1.0",
	.note = quiet,
	.warn = quiet,
};
static const struct cj_profile_ops profile_ops = { .warn = quiet };

static void edit(struct cj_policy *p, const char *text)
{
	struct cj_profile_src src = {
		.name = (char *)"edit.policy",
		.key = (char *)"edit.policy",
		.text = (char *)text,
		.len = strlen(text),
	};
	char err[1024];

	if (cj_profile_parse(p, &src, &profile_ops, err, sizeof(err)))
		fail_msg("%s", err);
}

static void import(struct cj_policy *p, const char *json)
{
	char err[1024];

	if (cj_oci_parse(p, "export.json", json, strlen(json), &oci_ops, err,
			 sizeof(err)))
		fail_msg("%s", err);
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf;
	long n;

	if (!f)
		fail_msg("cannot read %s", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = calloc(1, (size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	return buf;
}

/* Rules that decide something: those with the fallback's verdict are
 * redundant (a call matching none of a row's rules gets the fallback). */
static int cond_cmp(const void *x, const void *y)
{
	const struct cj_cond *a = x, *b = y;

	if (a->action != b->action)
		return (int)a->action - (int)b->action;
	if (a->err != b->err)
		return a->err - b->err;
	if (a->ncmp != b->ncmp)
		return (int)a->ncmp - (int)b->ncmp;
	for (unsigned i = 0; i < a->ncmp; i++) {
		const struct cj_argcmp *c = &a->cmp[i], *d = &b->cmp[i];

		if (c->arg != d->arg)
			return (int)c->arg - (int)d->arg;
		if (c->op != d->op)
			return (int)c->op - (int)d->op;
		if (c->a != d->a)
			return c->a < d->a ? -1 : 1;
		if (c->b != d->b)
			return c->b < d->b ? -1 : 1;
	}
	return 0;
}

static size_t deciding(const struct cj_policy *p, int row, struct cj_cond *out)
{
	size_t n = 0;

	for (size_t i = 0; i < p->nconds; i++) {
		const struct cj_cond *c = &p->conds[i];

		if (c->row == row &&
		    !cj_verdict_same((struct cj_verdict){ c->action, c->err },
				     p->fallback))
			out[n++] = *c;
	}
	qsort(out, n, sizeof(*out), cond_cmp);
	return n;
}

/* The verdict of a row without deciding rules. */
static struct cj_verdict plain(const struct cj_policy *p, int row)
{
	return cj_policy_has_conds(p, row) ? p->fallback : p->rows[row];
}

/* P and Q enforce the same decisions for every syscall of the table. */
static void assert_same_enforcement(const struct cj_policy *p,
				    const struct cj_policy *q)
{
	size_t n;
	const struct cj_syscall *t = cj_table(&n);
	struct cj_cond *a = calloc(p->nconds + 1, sizeof(*a));
	struct cj_cond *b = calloc(q->nconds + 1, sizeof(*b));

	assert_non_null(a);
	assert_non_null(b);
	assert_true(cj_verdict_same(p->fallback, q->fallback));
	for (size_t r = 0; r < n; r++) {
		size_t na = deciding(p, (int)r, a), nb = deciding(q, (int)r, b);

		if (na != nb)
			fail_msg("%s: %zu rules, %zu after the round trip",
				 t[r].name, na, nb);
		if (na == 0) {
			if (!cj_verdict_same(plain(p, (int)r),
					     plain(q, (int)r)))
				fail_msg(
				    "%s: verdict %s/%d, %s/%d after the "
				    "round trip",
				    t[r].name,
				    cj_action_name(plain(p, (int)r).action),
				    plain(p, (int)r).err,
				    cj_action_name(plain(q, (int)r).action),
				    plain(q, (int)r).err);
			continue;
		}
		for (size_t i = 0; i < na; i++)
			if (cond_cmp(&a[i], &b[i]))
				fail_msg("%s: rule %zu differs after the round "
					 "trip",
					 t[r].name, i);
	}
	free(a);
	free(b);
}

/* P and Q's filters give every syscall the same verdict (eval.h). */
static void assert_same_verdicts(const struct cj_policy *p,
				 const struct cj_policy *q)
{
	struct cj_eval ep, eq;
	struct cj_eval_diff d;
	char text[256];

	assert_int_equal(cj_eval_init(&ep, p), 0);
	assert_int_equal(cj_eval_init(&eq, q), 0);
	if (!cj_eval_same(&ep, &eq, &d))
		fail_msg("%s after the round trip",
			 cj_eval_diff_text(&d, text, sizeof(text)));
	cj_eval_free(&ep);
	cj_eval_free(&eq);
}

static void round_trip(const struct cj_policy *given)
{
	struct cj_policy q, plain_ids, *p = &plain_ids;
	struct cj_bpf bpf;
	char *json, own[16];

	assert_int_equal(cj_export_oci(given, &json), 0);
	/*
	 * The export is of GIVEN without the rules on the jail's own ids,
	 * which only capejail's launcher can bind: their rows fall back.
	 */
	assert_int_equal(cj_policy_copy(&plain_ids, given), 0);
	cj_policy_drop_own_ids(&plain_ids);
	snprintf(own, sizeof(own), "%u", CJ_OWN_UID);
	assert_null(strstr(json, own));
	snprintf(own, sizeof(own), "%u", CJ_OWN_GID);
	assert_null(strstr(json, own));
	assert_int_equal(cj_policy_default(&q), 0);
	import(&q, json);
	assert_same_enforcement(p, &q);
	assert_same_verdicts(p, &q);
	assert_int_equal(cj_filter_build(&q, true, &bpf), 0);
	cj_bpf_free(&bpf);
	/* And again: the export of the import is the same text. */
	{
		char *again;

		assert_int_equal(cj_export_oci(&q, &again), 0);
		assert_string_equal(json, again);
		free(again);
	}
	free(json);
	cj_policy_free(&q);
	cj_policy_free(&plain_ids);
}

static void test_round_trip_default(void **state)
{
	struct cj_policy p;

	(void)state;
	assert_int_equal(cj_policy_default(&p), 0);
	round_trip(&p);
	cj_policy_free(&p);
}

static const char edits[] = "allow listen,accept4\n"
			    "deny write if arg0 == 2\n"
			    "errno EACCES chroot\n"
			    "errno 5 mount\n"
			    "errno ENOSYS uname\n"
			    "allow setsockopt if arg1 == 1 and arg2 == 2\n"
			    "errno EPERM mknod if arg1 & 0170000 == 0020000\n"
			    "deny ioctl if arg1 & 0xffffffff == 0x5413\n"
			    "allow mremap if arg2 > 5 and arg3 != 7\n"
			    "allow kill if arg1 < 32 and arg0 <= 100\n"
			    "errno EPERM getpriority if arg0 >= 2\n"
			    "allow madvise if arg2 == 0x7fffffffffffffff\n";

static void test_round_trip_edited(void **state)
{
	struct cj_policy p;

	(void)state;
	assert_int_equal(cj_policy_default(&p), 0);
	edit(&p, edits);
	round_trip(&p);
	cj_policy_free(&p);

	assert_int_equal(cj_policy_default(&p), 0);
	edit(&p, "base empty\nallow read,write,exit_group\n"
		 "allow ioctl if arg1 == 0x5401\nerrno ENOSYS clone3\n");
	round_trip(&p);
	cj_policy_free(&p);
}

/* Real-world profiles (testdata.h) in and out again. */
static void round_trip_file(const char *path)
{
	struct cj_policy p;
	char *json = slurp(path);

	assert_int_equal(cj_policy_default(&p), 0);
	import(&p, json);
	free(json);
	round_trip(&p);
	/* With capejail edits on top. */
	edit(&p, edits);
	round_trip(&p);
	cj_policy_free(&p);
}

static void test_round_trip_docker(void **state)
{
	const char *docker = td_docker_profile();

	(void)state;
	if (!docker)
		skip();
	round_trip_file(docker);
}

static void test_round_trip_containers(void **state)
{
	const char *containers = td_containers_profile();

	(void)state;
	if (!containers)
		skip();
	round_trip_file(containers);
}

static void test_round_trip_allow_default(void **state)
{
	struct cj_policy p;
	char *json = slurp("tests/fixtures/profiles/oci/valid/"
			   "allow-default.json");

	(void)state;
	assert_int_equal(cj_policy_default(&p), 0);
	import(&p, json);
	free(json);
	round_trip(&p);
	cj_policy_free(&p);
}

static void test_oci_shape(void **state)
{
	struct cj_policy p;
	char *json;

	(void)state;
	assert_int_equal(cj_policy_default(&p), 0);
	assert_int_equal(cj_export_oci(&p, &json), 0);
	assert_non_null(strstr(json, "\"defaultAction\": "
				     "\"SCMP_ACT_KILL_PROCESS\""));
	assert_null(strstr(json, "defaultErrnoRet"));
	assert_non_null(strstr(json, "\"architectures\": [\n\t\t"
				     "\"SCMP_ARCH_X86_64\"\n\t]"));
	/* Killed rows need no entry; clone3's ENOSYS has one. */
	assert_null(strstr(json, "\"chroot\""));
	assert_non_null(strstr(json, "\"clone3\""));
	assert_non_null(strstr(json, "\"errnoRet\": 38"));
	assert_non_null(strstr(json, "\"op\": \"SCMP_CMP_MASKED_EQ\""));
	free(json);
	/* A fallback errno: kills get entries, defaultErrnoRet is set. */
	edit(&p, "deny read\n");
	p.fallback = (struct cj_verdict){ CJ_ACT_ERRNO, EPERM };
	assert_int_equal(cj_export_oci(&p, &json), 0);
	assert_non_null(strstr(json, "\"defaultErrnoRet\": 1"));
	assert_non_null(strstr(json, "\"SCMP_ACT_KILL_PROCESS\"\n"));
	free(json);
	cj_policy_free(&p);
}

/* Every line is a comment, a setting, or empty; at most 78 columns. */
static void check_systemd_lines(const char *text)
{
	const char *s = text;

	while (*s) {
		size_t len = strcspn(s, "\n");

		if (len > 78)
			fail_msg("line too long: %.*s", (int)len, s);
		if (len && s[0] != '#' &&
		    strncmp(s, "SystemCallFilter=", 17) != 0 &&
		    strncmp(s, "SystemCallArchitectures=native", 30) != 0 &&
		    strncmp(s, "SystemCallErrorNumber=", 22) != 0)
			fail_msg("unexpected line: %.*s", (int)len, s);
		/* Every listed name is a syscall of the table. */
		if (strncmp(s, "SystemCallFilter=", 17) == 0) {
			char line[128], *w, *save = NULL;

			snprintf(line, sizeof(line), "%.*s", (int)len - 17,
				 s + 17);
			for (w = strtok_r(line, " ", &save); w;
			     w = strtok_r(NULL, " ", &save)) {
				w += *w == '~';
				w[strcspn(w, ":")] = '\0';
				if (cj_table_index(w) < 0)
					fail_msg("not a syscall: %s", w);
			}
		}
		s += len + (s[len] == '\n');
	}
}

static bool listed(const char *text, const char *name)
{
	char pat[80];
	const char *s = text;

	snprintf(pat, sizeof(pat), " %s", name);
	for (s = strstr(text, "\nSystemCallFilter="); s;
	     s = strstr(s + 1, "\nSystemCallFilter=")) {
		size_t len = strcspn(s + 1, "\n");
		char line[128];
		const char *m;

		snprintf(line, sizeof(line), " %.*s", (int)len - 17, s + 18);
		for (m = strstr(line, pat); m; m = strstr(m + 1, pat))
			if (m[strlen(pat)] == '\0' || m[strlen(pat)] == ' ' ||
			    m[strlen(pat)] == ':')
				return true;
		snprintf(line, sizeof(line), "~%s", name);
		if (strncmp(s + 18, line, strlen(line)) == 0 &&
		    strchr(" :\n", s[18 + strlen(line)]))
			return true;
	}
	return false;
}

static void test_systemd_default(void **state)
{
	struct cj_policy p;
	char *text;

	(void)state;
	assert_int_equal(cj_policy_default(&p), 0);
	assert_int_equal(cj_export_systemd(&p, &text), 0);
	check_systemd_lines(text);
	assert_non_null(strstr(text, "\nSystemCallArchitectures=native\n"));
	assert_null(strstr(text, "\nSystemCallErrorNumber="));
	assert_null(strstr(text, "SystemCallFilter=~"));
	assert_true(listed(text, "read"));
	assert_true(listed(text, "write"));
	assert_true(listed(text, "execve"));
	assert_false(listed(text, "chroot"));
	assert_false(listed(text, "mount"));
	/* Argument rules: allowed rows listed, killed rows not. */
	assert_non_null(strstr(text, "# Argument rules cannot be expressed"));
	assert_true(listed(text, "clone"));
	assert_true(listed(text, "ioctl"));
	assert_false(listed(text, "setsockopt"));
	assert_false(listed(text, "mknod"));
	/* Per-syscall errno values are named as lost. */
	assert_non_null(strstr(text, "clone3(ENOSYS)"));
	assert_non_null(strstr(text, "SystemCallErrorNumber=ENOSYS makes"));
	assert_false(listed(text, "clone3"));
	free(text);
	cj_policy_free(&p);
}

/* Export the profile at PATH as systemd settings (*TEXT to free). */
static void systemd_of_file(const char *path, char **text)
{
	struct cj_policy p;
	char *json = slurp(path);

	assert_int_equal(cj_policy_default(&p), 0);
	import(&p, json);
	free(json);
	assert_int_equal(cj_export_systemd(&p, text), 0);
	check_systemd_lines(*text);
	cj_policy_free(&p);
}

/* Docker's profile: an allow-list with SystemCallErrorNumber=. */
static void test_systemd_errno_fallback_docker(void **state)
{
	const char *docker = td_docker_profile();
	char *text;

	(void)state;
	if (!docker)
		skip();
	systemd_of_file(docker, &text);
	assert_non_null(strstr(text, "\nSystemCallErrorNumber=EPERM\n"));
	assert_true(listed(text, "read"));
	assert_false(listed(text, "unshare"));
	assert_non_null(strstr(text, "clone3(ENOSYS)"));
	free(text);
}

/* The containers profile: ENOSYS for the unlisted, EPERM named apart. */
static void test_systemd_errno_fallback_containers(void **state)
{
	const char *containers = td_containers_profile();
	char *text;

	(void)state;
	if (!containers)
		skip();
	systemd_of_file(containers, &text);
	assert_non_null(strstr(text, "\nSystemCallErrorNumber=ENOSYS\n"));
	assert_true(listed(text, "read"));
	assert_false(listed(text, "chroot"));
	assert_non_null(strstr(text, "chroot(EPERM)"));
	free(text);
}

/* An allowing fallback: a deny-list with errno suffixes. */
static void test_systemd_allow_fallback(void **state)
{
	char *text;

	(void)state;
	systemd_of_file("tests/fixtures/profiles/oci/valid/allow-default.json",
			&text);
	assert_non_null(
	    strstr(text, "\nSystemCallFilter=~chroot pivot_root\n"));
	assert_non_null(strstr(text, "SystemCallFilter=~clone3:ENOSYS\n"));
	assert_non_null(strstr(text, "mount:EPERM"));
	assert_null(strstr(text, "\nSystemCallErrorNumber="));
	assert_false(listed(text, "read"));
	free(text);
}

/* Run cmd_export with ARGS; its output file's text in *OUT. */
static int run_export(char **out, const char *const *args, size_t n)
{
	char path[] = "/tmp/capejail-export-XXXXXX";
	char *argv[32];
	int fd = mkstemp(path), rc;
	size_t argc = 0;
	int saved = dup(2), devnull = open("/dev/null", O_WRONLY);

	assert_true(fd >= 0);
	close(fd);
	argv[argc++] = (char *)"export";
	argv[argc++] = (char *)"-o";
	argv[argc++] = path;
	for (size_t i = 0; i < n; i++)
		argv[argc++] = (char *)args[i];
	argv[argc] = NULL;
	fflush(stderr);
	dup2(devnull, 2);
	rc = cmd_export((int)argc, argv);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	close(devnull);
	*out = slurp(path);
	unlink(path);
	return rc;
}

static void test_cmd_export(void **state)
{
	const char *containers = td_containers_profile();
	char *text;

	(void)state;
	if (!containers)
		skip();
	assert_int_equal(
	    run_export(&text, (const char *const[]){ "--format", "oci" }, 2),
	    0);
	assert_non_null(strstr(text, "\"defaultAction\""));
	free(text);
	assert_int_equal(
	    run_export(&text,
		       (const char *const[]){
			   "--format", "systemd", "--profile",
			   "tests/fixtures/profiles/valid/server.policy",
			   "--deny", "accept" },
		       6),
	    0);
	assert_true(listed(text, "listen"));
	assert_false(listed(text, "accept"));
	free(text);
	assert_int_equal(run_export(&text,
				    (const char *const[]){
					"--format", "oci", "--seccomp-profile",
					containers, "--deny", "unshare" },
				    6),
			 0);
	assert_non_null(strstr(text, "\"defaultErrnoRet\": 38"));
	assert_non_null(strstr(text, "\"unshare\""));
	assert_non_null(strstr(text, "SCMP_ACT_KILL_PROCESS"));
	free(text);
	/* Usage and profile errors. */
	assert_int_equal(run_export(&text, NULL, 0), CJ_EX_USAGE);
	free(text);
	assert_int_equal(
	    run_export(&text, (const char *const[]){ "--format", "xml" }, 2),
	    CJ_EX_USAGE);
	free(text);
	assert_int_equal(
	    run_export(&text,
		       (const char *const[]){ "--format", "oci", "extra" }, 3),
	    CJ_EX_USAGE);
	free(text);
	assert_int_equal(
	    run_export(&text,
		       (const char *const[]){
			   "--format", "oci", "--profile",
			   "tests/fixtures/profiles/invalid/cond-eq.policy" },
		       4),
	    CJ_EX_PROFILE);
	free(text);
	assert_int_equal(
	    run_export(
		&text,
		(const char *const[]){ "--format", "oci", "--allow", "nosuch" },
		4),
	    CJ_EX_PROFILE);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip_default),
		cmocka_unit_test(test_round_trip_edited),
		cmocka_unit_test(test_round_trip_docker),
		cmocka_unit_test(test_round_trip_containers),
		cmocka_unit_test(test_round_trip_allow_default),
		cmocka_unit_test(test_oci_shape),
		cmocka_unit_test(test_systemd_default),
		cmocka_unit_test(test_systemd_errno_fallback_docker),
		cmocka_unit_test(test_systemd_errno_fallback_containers),
		cmocka_unit_test(test_systemd_allow_fallback),
		cmocka_unit_test(test_cmd_export),
	};

	return cmocka_run_group_tests_name("export", tests, NULL, NULL);
}
