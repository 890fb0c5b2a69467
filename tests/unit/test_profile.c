/* SPDX-License-Identifier: MIT */
/*
 * capejail profiles (core/policy/profile.c, core/policy/cond.c): every
 * directive, comments, includes (relative, cycles, depth), unknown names with
 * suggestions, the dangerous-syscall warning, malformed lines reported as
 * file:line, conditions (hex, octal, masks) and their meaning, errno
 * names, atomicity, command-line precedence, and the fixtures in
 * tests/fixtures/profiles. Runs from the repository root.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "capejail.h"
#include "profile.h"
#include "cond.h"
#include "verdict.h"

#define FIXTURES "tests/fixtures/profiles"

/* In-memory files for includes. */
struct vfile {
	const char *name, *text;
};

static const struct vfile *vfiles;
static char warnings[8192];

static int vread(void *ctx, const char *from, const char *include,
		 struct cj_profile_src *out, char *err, size_t errlen)
{
	(void)ctx;
	(void)from;
	for (const struct vfile *f = vfiles; f && f->name; f++) {
		if (strcmp(f->name, include) != 0)
			continue;
		out->name = strdup(f->name);
		out->key = strdup(f->name);
		out->text = strdup(f->text);
		out->len = strlen(f->text);
		return 0;
	}
	snprintf(err, errlen, "%s: No such file or directory", include);
	return -ENOENT;
}

static void vwarn(void *ctx, const char *msg)
{
	size_t used = strlen(warnings);

	(void)ctx;
	snprintf(warnings + used, sizeof(warnings) - used, "%s\n", msg);
}

static const struct cj_profile_ops ops = { .read = vread, .warn = vwarn };

/* Parse TEXT as "test.policy" into P (the default policy when fresh). */
static int parse(struct cj_policy *p, const char *text, char *err,
		 size_t errlen)
{
	struct cj_profile_src src = {
		.name = (char *)"test.policy",
		.key = (char *)"test.policy",
		.text = (char *)text,
		.len = strlen(text),
	};

	return cj_profile_parse(p, &src, &ops, err, errlen);
}

static int setup(void **state)
{
	struct cj_policy *p = malloc(sizeof(*p));

	assert_non_null(p);
	assert_int_equal(cj_policy_default(p), 0);
	warnings[0] = '\0';
	vfiles = NULL;
	*state = p;
	return 0;
}

static int teardown(void **state)
{
	cj_policy_free(*state);
	free(*state);
	return 0;
}

static bool has_conds(const struct cj_policy *p, const char *name)
{
	return cj_policy_has_conds(p, cj_table_index(name));
}

static bool same_policy(const struct cj_policy *a, const struct cj_policy *b)
{
	if (a->nrows != b->nrows || a->nconds != b->nconds ||
	    memcmp(a->rows, b->rows, a->nrows * sizeof(*a->rows)) ||
	    memcmp(&a->fallback, &b->fallback, sizeof(a->fallback)) ||
	    memcmp(&a->unknown, &b->unknown, sizeof(a->unknown)))
		return false;
	for (size_t i = 0; i < a->nconds; i++)
		if (memcmp(&a->conds[i], &b->conds[i], sizeof(a->conds[i])))
			return false;
	return true;
}

static void test_comments_and_blank_lines(void **state)
{
	struct cj_policy *p = *state;
	char err[512];

	assert_int_equal(parse(p,
			       "# a comment\n\n   \t\n"
			       "allow listen   # a trailing comment\r\n"
			       "\t# indented comment\n"
			       "deny write#no space before the comment\n",
			       err, sizeof(err)),
			 0);
	assert_int_equal(row_verdict(p, "listen").action, CJ_ACT_ALLOW);
	assert_int_equal(row_verdict(p, "write").action, CJ_ACT_KILL);
	assert_string_equal(err, "");
	/* An empty profile changes nothing. */
	assert_int_equal(parse(p, "", err, sizeof(err)), 0);
	assert_int_equal(parse(p, "# only\n# comments", err, sizeof(err)), 0);
}

static void test_allow_deny_errno(void **state)
{
	struct cj_policy *p = *state;
	char err[512];

	assert_int_equal(parse(p,
			       "allow listen,accept4 accept, getsockopt\n"
			       "deny uname\n"
			       "errno EACCES chroot\n"
			       "errno 13 pivot_root\n"
			       "errno EWOULDBLOCK umount2\n"
			       "errno ENOSYS clone3\n"
			       "errno 4094 acct\n",
			       err, sizeof(err)),
			 0);
	assert_int_equal(row_verdict(p, "listen").action, CJ_ACT_ALLOW);
	assert_int_equal(row_verdict(p, "accept4").action, CJ_ACT_ALLOW);
	assert_int_equal(row_verdict(p, "accept").action, CJ_ACT_ALLOW);
	assert_int_equal(row_verdict(p, "getsockopt").action, CJ_ACT_ALLOW);
	assert_int_equal(row_verdict(p, "uname").action, CJ_ACT_KILL);
	assert_verdict(row_verdict(p, "chroot"), CJ_ACT_ERRNO, EACCES);
	assert_verdict(row_verdict(p, "pivot_root"), CJ_ACT_ERRNO, 13);
	assert_verdict(row_verdict(p, "umount2"), CJ_ACT_ERRNO, EAGAIN);
	assert_verdict(row_verdict(p, "clone3"), CJ_ACT_ERRNO, ENOSYS);
	/* The largest errno accepted is one libseccomp compiles. */
	assert_verdict(row_verdict(p, "acct"), CJ_ACT_ERRNO, CJ_ERRNO_MAX);
	assert_compiles(p);
}

static void test_errno_names(void **state)
{
	char buf[32];

	(void)state;
	assert_int_equal(cj_errno_parse("EPERM"), EPERM);
	assert_int_equal(cj_errno_parse("ENOSYS"), ENOSYS);
	assert_int_equal(cj_errno_parse("EAFNOSUPPORT"), EAFNOSUPPORT);
	assert_int_equal(cj_errno_parse("ENOTSUP"), ENOTSUP);
	assert_int_equal(cj_errno_parse("1"), 1);
	assert_int_equal(cj_errno_parse("0x26"), 38);
	assert_int_equal(cj_errno_parse("4094"), 4094);
	/* libseccomp refuses ERRNO(4095): never accepted, never compiled. */
	assert_int_equal(cj_errno_parse("4095"), -1);
	assert_int_equal(cj_errno_parse("0"), -1);
	assert_int_equal(cj_errno_parse("4096"), -1);
	assert_int_equal(cj_errno_parse("EFOO"), -1);
	assert_int_equal(cj_errno_parse("eperm"), -1);
	assert_int_equal(cj_errno_parse(""), -1);
	assert_string_equal(cj_errno_name(EPERM, buf, sizeof(buf)), "EPERM");
	assert_string_equal(cj_errno_name(ENOSYS, buf, sizeof(buf)), "ENOSYS");
	assert_string_equal(cj_errno_name(4000, buf, sizeof(buf)), "4000");
}

static void test_allow_drops_argument_rules(void **state)
{
	struct cj_policy *p = *state;
	char err[512];

	assert_true(has_conds(p, "setsockopt"));
	assert_true(has_conds(p, "clone"));
	assert_int_equal(
	    parse(p, "allow setsockopt\ndeny clone\n", err, sizeof(err)), 0);
	assert_false(has_conds(p, "setsockopt"));
	assert_int_equal(row_verdict(p, "setsockopt").action, CJ_ACT_ALLOW);
	assert_false(has_conds(p, "clone"));
	assert_int_equal(row_verdict(p, "clone").action, CJ_ACT_KILL);
	/* Other rows keep theirs. */
	assert_true(has_conds(p, "ioctl"));
}

static void test_base(void **state)
{
	struct cj_policy *p = *state, def;
	char err[512];
	size_t n;

	assert_int_equal(
	    parse(p, "# c\n\nbase empty\nallow read\n", err, sizeof(err)), 0);
	cj_table(&n);
	for (size_t i = 0; i < n; i++)
		if ((int)i != cj_table_index("read"))
			assert_int_equal(p->rows[i].action, CJ_ACT_KILL);
	assert_int_equal(row_verdict(p, "read").action, CJ_ACT_ALLOW);
	assert_int_equal(p->nconds, 0);
	assert_verdict(p->fallback, CJ_ACT_KILL, 0);
	assert_verdict(p->unknown, CJ_ACT_ERRNO, ENOSYS);

	assert_int_equal(parse(p, "base kill-all\n", err, sizeof(err)), 0);
	assert_int_equal(row_verdict(p, "read").action, CJ_ACT_KILL);

	assert_int_equal(parse(p, "base default\n", err, sizeof(err)), 0);
	assert_int_equal(cj_policy_default(&def), 0);
	assert_true(same_policy(p, &def));
	cj_policy_free(&def);

	assert_int_equal(parse(p, "allow read\nbase empty\n", err, sizeof(err)),
			 -EINVAL);
	assert_string_equal(err, "test.policy:2: 'base' must be the first "
				 "directive of the profile (not in an "
				 "included file)");
	assert_int_equal(
	    parse(p, "base empty\nbase default\n", err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "test.policy:2: 'base' must be the first"));
	assert_int_equal(parse(p, "base\n", err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "test.policy:1: base takes one word"));
	assert_int_equal(parse(p, "base empty extra\n", err, sizeof(err)),
			 -EINVAL);
}

static void test_include(void **state)
{
	static const struct vfile files[] = {
		{ "net.policy", "allow listen\ninclude more.policy\n" },
		{ "more.policy", "allow accept4\n" },
		{ "bad.policy", "allow listen\nallow nosuchcall\n" },
		{ "a.policy", "include b.policy\n" },
		{ "b.policy", "allow listen\ninclude a.policy\n" },
		{ "self.policy", "include self.policy\n" },
		{ "base.policy", "base empty\n" },
		{ NULL, NULL },
	};
	struct cj_policy *p = *state;
	char err[512];

	vfiles = files;
	assert_int_equal(parse(p, "include net.policy\n", err, sizeof(err)), 0);
	assert_int_equal(row_verdict(p, "listen").action, CJ_ACT_ALLOW);
	assert_int_equal(row_verdict(p, "accept4").action, CJ_ACT_ALLOW);

	/* Errors name the included file and its line. */
	assert_int_equal(parse(p, "\ninclude bad.policy\n", err, sizeof(err)),
			 -EINVAL);
	assert_non_null(strstr(err, "bad.policy:2: unknown syscall "
				    "'nosuchcall'"));
	assert_int_equal(parse(p, "include missing.policy\n", err, sizeof(err)),
			 -ENOENT);
	assert_string_equal(err, "test.policy:1: include 'missing.policy': "
				 "missing.policy: No such file or directory");
	assert_int_equal(parse(p, "include a.policy\n", err, sizeof(err)),
			 -EINVAL);
	assert_string_equal(err, "b.policy:2: include cycle: a.policy -> "
				 "b.policy -> a.policy");
	assert_int_equal(parse(p, "include self.policy\n", err, sizeof(err)),
			 -EINVAL);
	assert_string_equal(err, "self.policy:1: include cycle: self.policy "
				 "-> self.policy");
	assert_int_equal(parse(p, "include base.policy\n", err, sizeof(err)),
			 -EINVAL);
	assert_non_null(strstr(err, "base.policy:1: 'base' must be the first"));
	assert_int_equal(parse(p, "include\n", err, sizeof(err)), -EINVAL);
	assert_string_equal(err, "test.policy:1: include: no file name given");
}

static void test_include_depth(void **state)
{
	static const struct vfile files[] = {
		{ "1", "include 2\n" }, { "2", "include 3\n" },
		{ "3", "include 4\n" }, { "4", "include 5\n" },
		{ "5", "include 6\n" }, { "6", "include 7\n" },
		{ "7", "include 8\n" }, { "8", "allow listen\n" },
		{ "9", "include 1\n" }, { NULL, NULL },
	};
	struct cj_policy *p = *state;
	char err[512];

	vfiles = files;
	/* Eight levels of includes are fine... */
	assert_int_equal(parse(p, "include 1\n", err, sizeof(err)), 0);
	assert_int_equal(row_verdict(p, "listen").action, CJ_ACT_ALLOW);
	/* ...nine are not. */
	assert_int_equal(parse(p, "include 9\n", err, sizeof(err)), -EINVAL);
	assert_string_equal(err, "7:1: include '8': includes nested deeper "
				 "than 8");
}

static void test_unknown_name_suggests(void **state)
{
	struct cj_policy *p = *state;
	char err[512];

	assert_int_equal(
	    parse(p, "allow listen\n\nallow setsockop\n", err, sizeof(err)),
	    -EINVAL);
	assert_non_null(strstr(err, "test.policy:3: unknown syscall "
				    "'setsockop' (did you mean: setsockopt"));
	assert_int_equal(parse(p, "deny xyzzyqwertyuiop\n", err, sizeof(err)),
			 -EINVAL);
	assert_non_null(strstr(err, "test.policy:1: unknown syscall "
				    "'xyzzyqwertyuiop'"));
	/* Every name is checked, even in a rule that has no effect. */
	assert_int_equal(
	    parse(p, "allow read,nosuch if arg0 < 0\n", err, sizeof(err)),
	    -EINVAL);
	assert_non_null(strstr(err, "unknown syscall 'nosuch'"));
}

static void test_dangerous_warning(void **state)
{
	struct cj_policy *p = *state;
	char err[512];

	assert_int_equal(
	    parse(p, "allow listen\nallow ptrace\n", err, sizeof(err)), 0);
	assert_non_null(strstr(warnings, "test.policy:2: allowing dangerous "
					 "syscall ptrace: "));
	assert_null(strstr(warnings, "listen"));
	warnings[0] = '\0';
	assert_int_equal(
	    parse(p, "allow chroot if arg0 == 0\n", err, sizeof(err)), 0);
	assert_non_null(strstr(warnings, "test.policy:1: allowing dangerous "
					 "syscall chroot (under a condition)"));
	warnings[0] = '\0';
	/* Denying or failing a dangerous call is not a warning. */
	assert_int_equal(
	    parse(p, "deny ptrace\nerrno EPERM mount\n", err, sizeof(err)), 0);
	assert_string_equal(warnings, "");
}

static void test_malformed_lines(void **state)
{
	static const struct {
		const char *text, *err;
	} cases[] = {
		{ "permit read\n",
		  "test.policy:1: unknown directive 'permit'" },
		{ "\nallow\n", "test.policy:2: allow: no syscall name given" },
		{ "allow ,\n", "test.policy:1: allow: no syscall name given" },
		{ "errno\n", "test.policy:1: errno: expected an errno name" },
		{ "errno EPERM\n", "test.policy:1: errno: no syscall name" },
		{ "errno EFOO read\n", "test.policy:1: errno 'EFOO'" },
		{ "errno 0 read\n", "test.policy:1: errno '0'" },
		{ "allow read if\n", "a comparison is missing" },
		{ "allow read if arg0\n", "arg0: an operator is missing" },
		{ "allow read if arg0 ==\n", "a number is missing" },
		{ "allow read if arg9 == 1\n", "'arg9': a comparison starts" },
		{ "allow read if fd == 1\n", "'fd': a comparison starts" },
		{ "allow read if arg0 = 1\n", "compare with ==" },
		{ "allow read if arg0 => 1\n", "compare with ==" },
		{ "allow read if arg0 ~ 1\n", "unexpected character '~'" },
		{ "allow read if arg0 == -1\n", "unexpected character '-'" },
		{ "allow read if arg0 == 1 or arg1 == 2\n", "found 'or'" },
		{ "allow read if arg0 == 1 && arg1 == 2\n", "with 'and'" },
		{ "allow read if arg0 == 1 || arg1 == 2\n", "with 'and'" },
		{ "allow read if arg0 == 1 and\n", "a comparison is missing" },
		{ "allow read if arg0 == 1 and arg0 == 2\n",
		  "arg0 is compared twice" },
		{ "allow read if arg0 & 0xff\n", "expected == after the mask" },
		{ "allow read if arg0 & 0xff != 1\n",
		  "expected == after the mask" },
		{ "allow read if arg0 & 0xff == 0x100\n",
		  "can never hold: the value has bits outside the mask" },
		{ "allow read if arg0 == 0x\n", "'0x' is not a number" },
		{ "allow read if arg0 == 09\n", "'09' is not a number" },
		{ "allow read if arg0 == 12ab\n", "'12ab' is not a number" },
		{ "allow read if arg0 == 18446744073709551616\n",
		  "does not fit in 64 bits" },
		{ "allow read if arg0 == 1 and arg1 == 2 and arg2 == 3 and "
		  "arg3 == 4 and arg4 == 5 and arg5 == 6 and arg0 == 7\n",
		  "at most 6 comparisons" },
	};
	struct cj_policy *p = *state, before;
	char err[512];

	assert_int_equal(cj_policy_copy(&before, p), 0);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int rc = parse(p, cases[i].text, err, sizeof(err));

		if (rc != -EINVAL || !strstr(err, cases[i].err) ||
		    strncmp(err, "test.policy:", 12) != 0)
			fail_msg("'%s': rc %d, error '%s', want '%s'",
				 cases[i].text, rc, err, cases[i].err);
		assert_true(same_policy(p, &before));
	}
	cj_policy_free(&before);
}

static void test_long_line_and_nul(void **state)
{
	struct cj_policy *p = *state;
	char err[512], *text = malloc(6000);
	const char nul[] = "allow listen\nallow \0read\n";
	struct cj_profile_src src = {
		.name = (char *)"nul.policy",
		.key = (char *)"nul.policy",
		.text = (char *)nul,
		.len = sizeof(nul) - 1,
	};

	assert_non_null(text);
	memset(text, ' ', 5998);
	memcpy(text, "allow read", 10);
	text[5998] = '\n';
	text[5999] = '\0';
	assert_int_equal(parse(p, text, err, sizeof(err)), -EINVAL);
	assert_string_equal(err, "test.policy:1: line longer than 4095 "
				 "characters");
	free(text);
	assert_int_equal(cj_profile_parse(p, &src, &ops, err, sizeof(err)),
			 -EINVAL);
	assert_string_equal(err, "nul.policy:2: NUL byte in the line: not a "
				 "text file");
	/* Tokens glued to operators, hex, octal, a missing final newline. */
	assert_int_equal(parse(p, "allow listen if arg1<=0x80 and arg0>=3", err,
			       sizeof(err)),
			 0);
}

static void test_conditions_parsed(void **state)
{
	struct cj_policy *p = *state;
	int r = cj_table_index("ioctl");
	const struct cj_cond *c = NULL;
	char err[512];

	assert_int_equal(parse(p,
			       "deny ioctl\n"
			       "allow ioctl if arg1 & 0xffffffff == 0x5401 "
			       "and arg0 == 3\n",
			       err, sizeof(err)),
			 0);
	for (size_t i = 0; i < p->nconds; i++)
		if (p->conds[i].row == r) {
			assert_null(c);
			c = &p->conds[i];
		}
	assert_non_null(c);
	assert_int_equal(c->action, CJ_ACT_ALLOW);
	assert_int_equal(c->ncmp, 2);
	/* Sorted by argument. */
	assert_int_equal(c->cmp[0].arg, 0);
	assert_int_equal(c->cmp[0].op, CJ_CMP_EQ);
	assert_int_equal(c->cmp[0].a, 3);
	assert_int_equal(c->cmp[1].arg, 1);
	assert_int_equal(c->cmp[1].op, CJ_CMP_MASKED_EQ);
	assert_int_equal(c->cmp[1].a, 0xffffffff);
	assert_int_equal(c->cmp[1].b, 0x5401);

	assert_int_equal(parse(p,
			       "deny listen\n"
			       "allow listen if arg1 <= 0777 and arg0 != 10 "
			       "and arg2 > 1 and arg3 < 2 and arg4 >= 0x10 "
			       "and arg5 & 0 == 0\n",
			       err, sizeof(err)),
			 0);
	r = cj_table_index("listen");
	c = NULL;
	for (size_t i = 0; i < p->nconds; i++)
		if (p->conds[i].row == r)
			c = &p->conds[i];
	assert_non_null(c);
	/* "& 0 == 0" always holds and is dropped. */
	assert_int_equal(c->ncmp, 5);
	assert_int_equal(c->cmp[0].op, CJ_CMP_NE);
	assert_int_equal(c->cmp[0].a, 10);
	assert_int_equal(c->cmp[1].op, CJ_CMP_LE);
	assert_int_equal(c->cmp[1].a, 0777);
	assert_int_equal(c->cmp[2].op, CJ_CMP_GT);
	assert_int_equal(c->cmp[3].op, CJ_CMP_LT);
	assert_int_equal(c->cmp[4].op, CJ_CMP_GE);
	assert_int_equal(c->cmp[4].a, 16);
	assert_compiles(p);
}

static void test_condition_semantics(void **state)
{
	struct cj_policy *p = *state;
	char err[512];

	/* Conditional allow extends the default argument rule. */
	/* SOL_SOCKET, SO_BINDTODEVICE (25): not in the default rule */
	assert_verdict(call_verdict(p, "setsockopt", 3, 1, 25), CJ_ACT_KILL, 0);
	assert_int_equal(parse(p,
			       "allow setsockopt if arg1 == 1 and arg2 == 25\n",
			       err, sizeof(err)),
			 0);
	assert_verdict(call_verdict(p, "setsockopt", 3, 1, 25), CJ_ACT_ALLOW,
		       0);
	assert_verdict(call_verdict(p, "setsockopt", 3, 6, 1), CJ_ACT_ALLOW, 0);
	assert_verdict(call_verdict(p, "setsockopt", 3, 1, 3), CJ_ACT_KILL, 0);

	/* Conditional kill of an allowed call; the rest stays allowed. */
	assert_int_equal(
	    parse(p, "deny write if arg0 == 2\n", err, sizeof(err)), 0);
	assert_verdict(call_verdict(p, "write", 1, 0, 0), CJ_ACT_ALLOW, 0);
	assert_verdict(call_verdict(p, "write", 2, 0, 0), CJ_ACT_KILL, 0);
	assert_int_equal(row_verdict(p, "write").action, CJ_ACT_ALLOW);

	/* Conditional errno; calls outside it keep the old verdict. */
	assert_int_equal(
	    parse(p, "errno EPERM kcmp if arg1 > 100\n", err, sizeof(err)), 0);
	assert_verdict(call_verdict(p, "kcmp", 3, 200, 0), CJ_ACT_ERRNO, EPERM);
	assert_verdict(call_verdict(p, "kcmp", 3, 5, 0), CJ_ACT_KILL, 0);

	/* Over an argument rule: TIOCSTI stays killed, 0x5413 joins it. */
	assert_int_equal(parse(p, "deny ioctl if arg1 & 0xffffffff == 0x5413\n",
			       err, sizeof(err)),
			 0);
	assert_verdict(call_verdict(p, "ioctl", 1, 0x5401, 0), CJ_ACT_ALLOW, 0);
	assert_verdict(call_verdict(p, "ioctl", 1, 0x5413, 0), CJ_ACT_KILL, 0);
	assert_verdict(call_verdict(p, "ioctl", 1, 0xffffffff00005413ull, 0),
		       CJ_ACT_KILL, 0);
	assert_verdict(call_verdict(p, "ioctl", 1, 0x5412, 0), CJ_ACT_KILL, 0);
	assert_verdict(call_verdict(p, "ioctl", 1, 0x5414, 0), CJ_ACT_ALLOW, 0);

	/* An errno row with a conditional allow keeps its errno otherwise. */
	assert_int_equal(
	    parse(p, "allow clone3 if arg1 == 88\n", err, sizeof(err)), 0);
	assert_verdict(call_verdict(p, "clone3", 0, 88, 0), CJ_ACT_ALLOW, 0);
	assert_verdict(call_verdict(p, "clone3", 0, 64, 0), CJ_ACT_ERRNO,
		       ENOSYS);

	/* A mask on the same bits merges with the earlier rule. */
	assert_int_equal(parse(p,
			       "deny personality if arg0 & 0xffffffff == "
			       "0xffffffff\n",
			       err, sizeof(err)),
			 0);
	assert_verdict(call_verdict(p, "personality", 0xffffffff, 0, 0),
		       CJ_ACT_KILL, 0);
	assert_verdict(call_verdict(p, "personality", 8, 0, 0), CJ_ACT_ALLOW,
		       0);

	/* Ranges that stay one comparison. */
	assert_int_equal(parse(p,
			       "deny mremap if arg2 > 5\n"
			       "deny mremap if arg2 == 5\n",
			       err, sizeof(err)),
			 0);
	assert_verdict(call_verdict(p, "mremap", 0, 0, 4), CJ_ACT_ALLOW, 0);
	assert_verdict(call_verdict(p, "mremap", 0, 0, 5), CJ_ACT_KILL, 0);
	assert_verdict(call_verdict(p, "mremap", 0, 0, 9), CJ_ACT_KILL, 0);
	assert_compiles(p);

	/* A no-op: the call already gets that verdict. */
	assert_int_equal(
	    parse(p, "allow read if arg0 == 0\n", err, sizeof(err)), 0);
	assert_false(has_conds(p, "read"));
	/* A condition that never holds is a warning and a no-op. */
	assert_int_equal(
	    parse(p, "allow chroot if arg0 < 0\n", err, sizeof(err)), 0);
	assert_non_null(strstr(warnings, "test.policy:1: the condition can "
					 "never hold"));
	assert_int_equal(row_verdict(p, "chroot").action, CJ_ACT_KILL);
	/* A condition that always holds is an unconditional rule. */
	assert_int_equal(
	    parse(p, "allow chroot if arg0 >= 0\n", err, sizeof(err)), 0);
	assert_false(has_conds(p, "chroot"));
	assert_int_equal(row_verdict(p, "chroot").action, CJ_ACT_ALLOW);
}

static void test_condition_not_expressible(void **state)
{
	struct cj_policy *p = *state, before;
	char err[1024];

	assert_int_equal(parse(p, "deny write if arg0 > 5\n", err, sizeof(err)),
			 0);
	assert_int_equal(cj_policy_copy(&before, p), 0);
	/* [0, 5] minus {3} is not one comparison. */
	assert_int_equal(
	    parse(p, "deny write if arg0 == 3\n", err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "test.policy:1: write: this rule and an "
				    "earlier rule of the syscall (arg0 <= "
				    "0x5) both compare arg0"));
	assert_true(same_policy(p, &before));
	/* After a reset, the same rule is one comparison. */
	assert_int_equal(parse(p, "allow write\ndeny write if arg0 == 3\n", err,
			       sizeof(err)),
			 0);
	assert_verdict(call_verdict(p, "write", 3, 0, 0), CJ_ACT_KILL, 0);
	assert_verdict(call_verdict(p, "write", 4, 0, 0), CJ_ACT_ALLOW, 0);
	assert_verdict(call_verdict(p, "write", 6, 0, 0), CJ_ACT_ALLOW, 0);
	cj_policy_free(&before);
}

/* Rule pairs libseccomp 2.5 never finishes compiling are refused. */
static void test_libseccomp_loop_guard(void **state)
{
	static const struct {
		struct cj_cond a, b;
		bool unsafe;
	} cases[] = {
		/* shared ">=" then different arguments: loops */
		{ { .ncmp = 2,
		    .cmp = { { 0, CJ_CMP_GE, 5, 0 },
			     { 1, CJ_CMP_LE, 0x80, 0 } } },
		  { .ncmp = 2,
		    .cmp = { { 0, CJ_CMP_GE, 5, 0 },
			     { 2, CJ_CMP_LE, 0x80, 0 } } },
		  true },
		/* == first, then a shared "!=": loops */
		{ { .ncmp = 3,
		    .cmp = { { 0, CJ_CMP_EQ, 1, 0 },
			     { 1, CJ_CMP_NE, 5, 0 },
			     { 2, CJ_CMP_EQ, 1, 0 } } },
		  { .ncmp = 3,
		    .cmp = { { 0, CJ_CMP_EQ, 1, 0 },
			     { 1, CJ_CMP_NE, 5, 0 },
			     { 3, CJ_CMP_EQ, 1, 0 } } },
		  true },
		/* one rule ends at the shared comparison: fine */
		{ { .ncmp = 1, .cmp = { { 0, CJ_CMP_GE, 5, 0 } } },
		  { .ncmp = 2,
		    .cmp = { { 0, CJ_CMP_GE, 5, 0 },
			     { 1, CJ_CMP_LE, 0x80, 0 } } },
		  false },
		/* shared == and masked == prefixes: fine */
		{ { .ncmp = 2,
		    .cmp = { { 1, CJ_CMP_MASKED_EQ, 0xff, 1 },
			     { 2, CJ_CMP_EQ, 1, 0 } } },
		  { .ncmp = 2,
		    .cmp = { { 1, CJ_CMP_MASKED_EQ, 0xff, 1 },
			     { 3, CJ_CMP_EQ, 1, 0 } } },
		  false },
		/* different first comparisons: fine */
		{ { .ncmp = 2,
		    .cmp = { { 0, CJ_CMP_GE, 5, 0 },
			     { 1, CJ_CMP_LE, 0x80, 0 } } },
		  { .ncmp = 2,
		    .cmp = { { 0, CJ_CMP_GE, 6, 0 },
			     { 2, CJ_CMP_LE, 0x80, 0 } } },
		  false },
	};
	struct cj_policy *p = *state;
	char err[1024];
	int row = -1;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(
		    cj_cond_pair_unsafe(&cases[i].a, &cases[i].b, NULL),
		    cases[i].unsafe);
		assert_int_equal(
		    cj_cond_pair_unsafe(&cases[i].b, &cases[i].a, NULL),
		    cases[i].unsafe);
	}
	/* The default policy has no such pair. */
	assert_int_equal(cj_policy_check_rules(p, &row, err, sizeof(err)), 0);
	/* A profile that would make one is refused, with the reason. */
	assert_int_equal(parse(p,
			       "allow kcmp if arg0 >= 3 and arg1 <= 128\n"
			       "allow kcmp if arg0 >= 3 and arg2 == 0\n",
			       err, sizeof(err)),
			 -EINVAL);
	assert_non_null(strstr(err, "test.policy:2: kcmp: the syscall would "
				    "get two rules that both begin with 'arg0 "
				    ">= 0x3'"));
	assert_non_null(strstr(err, "libseccomp 2.5 never finishes"));
	/* Rules another rule covers are dropped, which can avoid a pair. */
	assert_int_equal(parse(p,
			       "deny write if arg0 > 5 and arg1 == 1\n"
			       "deny write if arg0 > 5 and arg2 == 1\n",
			       err, sizeof(err)),
			 0);
	assert_verdict(call_verdict(p, "write", 6, 1, 0), CJ_ACT_KILL, 0);
	assert_verdict(call_verdict(p, "write", 6, 0, 1), CJ_ACT_KILL, 0);
	assert_verdict(call_verdict(p, "write", 6, 0, 0), CJ_ACT_ALLOW, 0);
	assert_verdict(call_verdict(p, "write", 5, 1, 1), CJ_ACT_ALLOW, 0);
	assert_compiles(p);
}

/* Later lines win, a later unconditional rule drops the conditions. */
static void test_precedence_in_a_profile(void **state)
{
	struct cj_policy *p = *state;
	char err[512];

	assert_int_equal(parse(p,
			       "deny listen\nallow listen\n"
			       "allow uname\ndeny uname\n"
			       "deny write if arg0 == 2\nallow write\n"
			       "errno EPERM chroot\nallow chroot\n"
			       "deny chroot\n",
			       err, sizeof(err)),
			 0);
	assert_int_equal(row_verdict(p, "listen").action, CJ_ACT_ALLOW);
	assert_int_equal(row_verdict(p, "uname").action, CJ_ACT_KILL);
	assert_false(has_conds(p, "write"));
	assert_verdict(call_verdict(p, "write", 2, 0, 0), CJ_ACT_ALLOW, 0);
	assert_int_equal(row_verdict(p, "chroot").action, CJ_ACT_KILL);
}

static void test_atomic(void **state)
{
	struct cj_policy *p = *state, before;
	char err[512];

	assert_int_equal(cj_policy_copy(&before, p), 0);
	assert_int_equal(parse(p,
			       "base empty\nallow read\nallow setsockopt\n"
			       "deny write if arg0 == 2\nallow nosuch\n",
			       err, sizeof(err)),
			 -EINVAL);
	assert_non_null(strstr(err, "test.policy:5:"));
	assert_true(same_policy(p, &before));
	cj_policy_free(&before);
}

/* Every fixture in valid/ loads and compiles. */
static void test_fixtures_valid(void **state)
{
	static const char *const files[] = {
		"server.policy",     "discover.policy", "everything.policy",
		"empty-base.policy", "ping.policy",	"web-server.policy",
		"compiler.policy",
	};
	char path[512], err[1024];

	(void)state;
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		struct cj_policy p;

		assert_int_equal(cj_policy_default(&p), 0);
		snprintf(path, sizeof(path), FIXTURES "/valid/%s", files[i]);
		if (cj_profile_apply_file(&p, path, NULL, err, sizeof(err)))
			fail_msg("%s: %s", path, err);
		assert_compiles(&p);
		cj_policy_free(&p);
	}
}

static void test_fixture_meaning(void **state)
{
	struct cj_policy p;
	char err[1024];

	(void)state;
	assert_int_equal(cj_policy_default(&p), 0);
	assert_int_equal(
	    cj_profile_apply_file(&p, FIXTURES "/valid/everything.policy", NULL,
				  err, sizeof(err)),
	    0);
	/* From inc/net.policy and inc/deeper/socks.policy. */
	assert_int_equal(row_verdict(&p, "accept4").action, CJ_ACT_ALLOW);
	assert_int_equal(row_verdict(&p, "setsockopt").action, CJ_ACT_ALLOW);
	assert_false(has_conds(&p, "setsockopt"));
	assert_verdict(row_verdict(&p, "chroot"), CJ_ACT_ERRNO, EACCES);
	assert_verdict(row_verdict(&p, "add_key"), CJ_ACT_ERRNO, ENOSYS);
	assert_verdict(call_verdict(&p, "write", 2, 0, 0), CJ_ACT_KILL, 0);
	assert_verdict(call_verdict(&p, "write", 1, 0, 0), CJ_ACT_ALLOW, 0);
	assert_verdict(call_verdict(&p, "kcmp", 3, 0x80, 0), CJ_ACT_ALLOW, 0);
	assert_verdict(call_verdict(&p, "kcmp", 3, 0x81, 0), CJ_ACT_KILL, 0);
	assert_verdict(call_verdict(&p, "mknod", 0, 0020644, 0), CJ_ACT_ERRNO,
		       EPERM);
	assert_verdict(call_verdict(&p, "mknod", 0, 0010644, 0), CJ_ACT_ALLOW,
		       0);
	assert_verdict(call_verdict(&p, "mknod", 0, 0060644, 0), CJ_ACT_KILL,
		       0);
	assert_verdict(call_verdict(&p, "personality", 0xffffffff, 0, 0),
		       CJ_ACT_KILL, 0);
	cj_policy_free(&p);
}

/* Every fixture in invalid/ fails with the message of its first line. */
static void test_fixtures_invalid(void **state)
{
	DIR *d = opendir(FIXTURES "/invalid");
	struct dirent *e;
	unsigned count = 0;

	(void)state;
	assert_non_null(d);
	while ((e = readdir(d))) {
		char path[512], first[512] = "", err[1024];
		size_t len = strlen(e->d_name);
		struct cj_policy p, before;
		const char *want;
		FILE *f;

		if (len < 8 || strcmp(e->d_name + len - 7, ".policy") != 0)
			continue;
		snprintf(path, sizeof(path), FIXTURES "/invalid/%s", e->d_name);
		f = fopen(path, "r");
		assert_non_null(f);
		assert_non_null(fgets(first, sizeof(first), f));
		fclose(f);
		first[strcspn(first, "\n")] = '\0';
		assert_true(strncmp(first, "# expect: ", 10) == 0);
		want = first + 10;
		assert_int_equal(cj_policy_default(&p), 0);
		assert_int_equal(cj_policy_copy(&before, &p), 0);
		if (cj_profile_apply_file(&p, path, NULL, err, sizeof(err)) ==
		    0)
			fail_msg("%s: accepted", path);
		if (!strstr(err, want))
			fail_msg("%s: error '%s', want '%s'", path, err, want);
		assert_true(same_policy(&p, &before));
		cj_policy_free(&p);
		cj_policy_free(&before);
		count++;
	}
	closedir(d);
	assert_true(count >= 20);
}

/* Warnings the library hands back, one a line, and the error. */
static char warned[8192];
static struct cj_err err_out;

static void collect_warn(void *ctx, const char *msg)
{
	size_t used = strlen(warned);

	(void)ctx;
	snprintf(warned + used, sizeof(warned) - used, "%s\n", msg);
}

static const struct cj_msgs collect = { .warn = collect_warn };

/* Build P from O; WARNED and ERR_OUT get what the library said. */
static int from_opts(struct cj_policy *p, const struct cj_opts *o)
{
	warned[0] = '\0';
	memset(&err_out, 0, sizeof(err_out));
	return cj_policy_from_opts(p, o, &collect, &err_out);
}

static void test_env_vars_ignored_with_warning(void **state)
{
	struct cj_opts o = { 0 };
	struct cj_policy p;

	(void)state;
	setenv("SECCOMP_SYSCALL_ALLOW", "kcmp:chroot", 1);
	setenv("SECCOMP_SYSCALL_DENY", "write", 1);
	assert_int_equal(from_opts(&p, &o), 0);
	unsetenv("SECCOMP_SYSCALL_ALLOW");
	unsetenv("SECCOMP_SYSCALL_DENY");
	assert_non_null(
	    strstr(warned, "SECCOMP_SYSCALL_ALLOW is set and ignored"));
	assert_non_null(
	    strstr(warned, "SECCOMP_SYSCALL_DENY is set and ignored"));
	assert_non_null(strstr(warned, "use --allow, --deny or --profile"));
	assert_int_equal(row_verdict(&p, "kcmp").action, CJ_ACT_KILL);
	assert_int_equal(row_verdict(&p, "chroot").action, CJ_ACT_KILL);
	assert_int_equal(row_verdict(&p, "write").action, CJ_ACT_ALLOW);
	cj_policy_free(&p);
	/* Unset: no warning. */
	assert_int_equal(from_opts(&p, &o), 0);
	assert_null(strstr(warned, "SECCOMP_SYSCALL"));
	cj_policy_free(&p);
}

static struct cj_opts opts_of(const struct cj_edit *e, size_t n)
{
	struct cj_opts o = { 0 };

	for (size_t i = 0; i < n; i++)
		o.edits[o.nedits++] = e[i];
	return o;
}

/* Command-line order: later wins; --seccomp-profile replaces it all. */
static void test_precedence_command_line(void **state)
{
	static const char *const server = FIXTURES "/valid/server.policy";
	static const char *const oci = FIXTURES "/oci/valid/small.json";
	struct cj_policy p;
	struct cj_opts o;

	(void)state;
	o = opts_of((struct cj_edit[]){ { CJ_EDIT_PROFILE, server },
					{ CJ_EDIT_DENY, "listen" } },
		    2);
	assert_int_equal(from_opts(&p, &o), 0);
	assert_int_equal(row_verdict(&p, "listen").action, CJ_ACT_KILL);
	assert_int_equal(row_verdict(&p, "accept4").action, CJ_ACT_ALLOW);
	cj_policy_free(&p);

	o = opts_of((struct cj_edit[]){ { CJ_EDIT_DENY, "listen" },
					{ CJ_EDIT_PROFILE, server } },
		    2);
	assert_int_equal(from_opts(&p, &o), 0);
	assert_int_equal(row_verdict(&p, "listen").action, CJ_ACT_ALLOW);
	cj_policy_free(&p);

	/* --allow before --seccomp-profile is replaced by it... */
	o = opts_of((struct cj_edit[]){ { CJ_EDIT_ALLOW, "chroot,listen" },
					{ CJ_EDIT_OCI, oci } },
		    2);
	assert_int_equal(from_opts(&p, &o), 0);
	assert_non_null(strstr(warned, "allowing dangerous syscall chroot"));
	assert_int_equal(row_verdict(&p, "chroot").action, CJ_ACT_KILL);
	assert_verdict(row_verdict(&p, "uname"), CJ_ACT_ALLOW, 0);
	assert_verdict(p.fallback, CJ_ACT_ERRNO, EPERM);
	cj_policy_free(&p);

	/* ...and edits after it apply to the imported policy. */
	o = opts_of((struct cj_edit[]){ { CJ_EDIT_OCI, oci },
					{ CJ_EDIT_ALLOW, "chroot" },
					{ CJ_EDIT_PROFILE, server } },
		    3);
	assert_int_equal(from_opts(&p, &o), 0);
	assert_int_equal(row_verdict(&p, "chroot").action, CJ_ACT_ALLOW);
	assert_int_equal(row_verdict(&p, "accept").action, CJ_ACT_ALLOW);
	assert_verdict(p.fallback, CJ_ACT_ERRNO, EPERM);
	assert_compiles(&p);
	cj_policy_free(&p);

	/* A bad profile anywhere: exit status 65, nothing applied. */
	o = opts_of((struct cj_edit[]){ { CJ_EDIT_ALLOW, "listen" },
					{ CJ_EDIT_PROFILE, FIXTURES
					  "/invalid/cond-eq.policy" } },
		    2);
	assert_int_equal(from_opts(&p, &o), CJ_EX_PROFILE);
	assert_non_null(strstr(err_out.msg,
			       FIXTURES "/invalid/cond-eq.policy:2: "
					"'=' is not an operator"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_comments_and_blank_lines,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_allow_deny_errno, setup,
						teardown),
		cmocka_unit_test(test_errno_names),
		cmocka_unit_test_setup_teardown(test_allow_drops_argument_rules,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_base, setup, teardown),
		cmocka_unit_test_setup_teardown(test_include, setup, teardown),
		cmocka_unit_test_setup_teardown(test_include_depth, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_unknown_name_suggests,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_dangerous_warning, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_malformed_lines, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_long_line_and_nul, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_conditions_parsed, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_condition_semantics, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_condition_not_expressible,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_libseccomp_loop_guard,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_precedence_in_a_profile,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_atomic, setup, teardown),
		cmocka_unit_test(test_fixtures_valid),
		cmocka_unit_test(test_fixture_meaning),
		cmocka_unit_test(test_fixtures_invalid),
		cmocka_unit_test(test_env_vars_ignored_with_warning),
		cmocka_unit_test(test_precedence_command_line),
	};

	return cmocka_run_group_tests_name("profile", tests, NULL, NULL);
}
