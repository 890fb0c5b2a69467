/* SPDX-License-Identifier: MIT */
/*
 * The one evaluator (core/policy/eval.c) against the kernel. Policies whose
 * conditional rules of one syscall overlap are built in every insertion
 * order, compiled, loaded in a forked child, and each call is made for
 * real: the kernel's verdict must be the evaluator's, call by call. The
 * expected verdicts are the findings written up in core/policy/cond.c
 * ("How the kernel decides"). Harmless calls only: getpriority, and socket
 * with arguments the kernel refuses (a SOCK_PACKET netlink socket, family
 * 255), so that nothing is created even when a call is allowed.
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

#include "cond.h"
#include "eval.h"
#include "profile.h"
#include "child.h"

/* clang-format off */
#define ALLOW        { CJ_ACT_ALLOW, 0 }
#define KILL         { CJ_ACT_KILL, 0 }
#define ERR(e)       { CJ_ACT_ERRNO, e }
#define ANY          { (enum cj_action)-1, 0 } /* the insertion order decides */
#define CMP(n, o, v) { .arg = n, .op = CJ_CMP_##o, .a = v }
/* clang-format on */
#define HI(v) (0x100000000ull + (v)) /* above 2^32 */

struct rule {
	struct cj_verdict v;
	unsigned ncmp;
	struct cj_argcmp cmp[2];
};

struct probe {
	uint64_t args[3];
	struct cj_verdict want;
};

struct overlap {
	const char *what;
	const char *syscall;
	struct cj_verdict fallback;
	size_t nrules, nprobes;
	struct rule rules[3];
	struct probe probes[8];
	bool prefix; /* libseccomp refuses one order (-EEXIST) */
};

/* The call the next child makes. */
static struct {
	long nr;
	uint64_t args[3];
} call;

static long make_call(void)
{
	return syscall(call.nr, call.args[0], call.args[1], call.args[2], 0, 0,
		       0);
}

static const char *verdict_text(struct cj_verdict v, char *buf, size_t len)
{
	snprintf(buf, len, "%s/%d", cj_action_name(v.action), v.err);
	return buf;
}

/* The kernel's verdict for CALL under BPF, told from an unfiltered run. */
static struct cj_verdict kernel_verdict(const struct cj_bpf *bpf)
{
	int cerr = 0, ferr = 0;
	enum outcome control = run_in_child(NULL, make_call, &cerr);
	enum outcome filtered = run_in_child(bpf, make_call, &ferr);

	if (filtered == KILLED)
		return (struct cj_verdict){ CJ_ACT_KILL, 0 };
	if (filtered == FAULTED || control == FAULTED)
		fail_msg("the call faulted (signal %d, unfiltered %d)", ferr,
			 cerr);
	if (filtered == control && ferr == cerr)
		return (struct cj_verdict){ CJ_ACT_ALLOW, 0 };
	if (filtered != FAILED)
		fail_msg("the call ran under the filter, failed without it");
	return (struct cj_verdict){ CJ_ACT_ERRNO, ferr };
}

/* Make CALL under EV's filter and hold the kernel against the evaluator. */
static struct cj_verdict check_call(const struct cj_eval *ev, int row,
				    const char *what)
{
	const uint64_t args[6] = { call.args[0], call.args[1], call.args[2] };
	struct cj_verdict k = kernel_verdict(&ev->bpf);
	struct cj_verdict e = cj_policy_eval(ev, row, args, 6, NULL);
	char kb[32], eb[32];

	if (!cj_verdict_same(k, e))
		fail_msg("%s: (%#llx, %#llx, %#llx): kernel %s, evaluator %s",
			 what, (unsigned long long)args[0],
			 (unsigned long long)args[1],
			 (unsigned long long)args[2],
			 verdict_text(k, kb, sizeof(kb)),
			 verdict_text(e, eb, sizeof(eb)));
	return k;
}

/* The default policy with ROW's rules replaced by RULES in ORDER. */
static void build(struct cj_policy *p, int row, const struct overlap *c,
		  const size_t *order)
{
	assert_int_equal(cj_policy_default(p), 0);
	cj_policy_clear_conds(p, row);
	p->fallback = c->fallback;
	for (size_t i = 0; i < c->nrules; i++) {
		const struct rule *r = &c->rules[order[i]];
		struct cj_cond cond = { .row = row,
					.action = r->v.action,
					.err = r->v.err,
					.ncmp = r->ncmp };

		memcpy(cond.cmp, r->cmp, sizeof(cond.cmp[0]) * r->ncmp);
		assert_int_equal(cj_policy_add_cond(p, &cond), 0);
	}
}

/* The next order of 0..N-1 (lexicographic); false after the last. */
static bool next_order(size_t *v, size_t n)
{
	size_t i = n - 1, j = n - 1, t;

	while (i > 0 && v[i - 1] >= v[i])
		i--;
	if (i == 0)
		return false;
	while (v[j] <= v[i - 1])
		j--;
	t = v[i - 1];
	v[i - 1] = v[j];
	v[j] = t;
	for (j = n - 1; i < j; i++, j--) {
		t = v[i];
		v[i] = v[j];
		v[j] = t;
	}
	return true;
}

/* One insertion order of C: 1 when libseccomp built it, 0 when refused. */
static int check_order(const struct overlap *c, const size_t *order)
{
	int row = cj_table_index(c->syscall);
	struct cj_policy p;
	struct cj_eval ev;
	char want[32], got[32];
	int rc;

	build(&p, row, c, order);
	rc = cj_eval_init(&ev, &p);
	if (rc == -EEXIST && c->prefix) {
		cj_policy_free(&p);
		return 0;
	}
	assert_int_equal(rc, 0);
	call.nr = cj_sysnr(c->syscall);
	for (size_t i = 0; i < c->nprobes; i++) {
		const struct probe *pr = &c->probes[i];
		struct cj_verdict k;

		memcpy(call.args, pr->args, sizeof(call.args));
		k = check_call(&ev, row, c->what);
		if ((int)pr->want.action >= 0 && !cj_verdict_same(k, pr->want))
			fail_msg("%s: (%#llx, %#llx, %#llx): kernel %s, the "
				 "findings say %s",
				 c->what, (unsigned long long)pr->args[0],
				 (unsigned long long)pr->args[1],
				 (unsigned long long)pr->args[2],
				 verdict_text(k, got, sizeof(got)),
				 verdict_text(pr->want, want, sizeof(want)));
	}
	cj_eval_free(&ev);
	cj_policy_free(&p);
	return 1;
}

static const struct overlap cases[] = {
	{
	    .what = "kill if arg0 == 1, errno EACCES if arg0 <= 5, allow if "
		    "arg0 >= 3",
	    .syscall = "getpriority",
	    .fallback = ERR(ENOSYS),
	    .nrules = 3,
	    .rules = { { KILL, 1, { CMP(0, EQ, 1) } },
		       { ERR(EACCES), 1, { CMP(0, LE, 5) } },
		       { ALLOW, 1, { CMP(0, GE, 3) } } },
	    .nprobes = 6,
	    .probes = { { { 0 }, ERR(EACCES) },
			{ { 1 }, KILL },
			{ { 2 }, ERR(EACCES) },
			{ { 3 }, ERR(EACCES) },
			{ { 5 }, ERR(EACCES) },
			{ { 6 }, ALLOW } },
	},
	{
	    .what = "errno EPERM if arg0 >= 2, errno EACCES if arg0 <= 5",
	    .syscall = "getpriority",
	    .fallback = ERR(ENOSYS),
	    .nrules = 2,
	    .rules = { { ERR(EPERM), 1, { CMP(0, GE, 2) } },
		       { ERR(EACCES), 1, { CMP(0, LE, 5) } } },
	    .nprobes = 4,
	    .probes = { { { 1 }, ERR(EACCES) },
			{ { 2 }, ERR(EACCES) },
			{ { 5 }, ERR(EACCES) },
			{ { 6 }, ERR(EPERM) } },
	},
	{
	    .what = "allow if arg0 == 1, errno EACCES if arg1 == 0",
	    .syscall = "getpriority",
	    .fallback = ERR(ENOSYS),
	    .nrules = 2,
	    .rules = { { ALLOW, 1, { CMP(0, EQ, 1) } },
		       { ERR(EACCES), 1, { CMP(1, EQ, 0) } } },
	    .nprobes = 4,
	    .probes = { { { 1, 0 }, ERR(EACCES) },
			{ { 1, 1 }, ALLOW },
			{ { 0, 0 }, ERR(EACCES) },
			{ { 0, 1 }, ERR(ENOSYS) } },
	},
	{
	    .what = "errno EACCES if arg0 == 1, kill if arg1 == 1",
	    .syscall = "getpriority",
	    .fallback = ERR(ENOSYS),
	    .nrules = 2,
	    .rules = { { ERR(EACCES), 1, { CMP(0, EQ, 1) } },
		       { KILL, 1, { CMP(1, EQ, 1) } } },
	    .nprobes = 4,
	    .probes = { { { 1, 1 }, KILL },
			{ { 1, 0 }, ERR(EACCES) },
			{ { 0, 1 }, KILL },
			{ { 0, 0 }, ERR(ENOSYS) } },
	},
	{
	    .what = "errno EACCES if arg0 == 1, allow if arg0 == 1 and "
		    "arg1 == 0",
	    .syscall = "getpriority",
	    .fallback = ERR(ENOSYS),
	    .nrules = 2,
	    .rules = { { ERR(EACCES), 1, { CMP(0, EQ, 1) } },
		       { ALLOW, 2, { CMP(0, EQ, 1), CMP(1, EQ, 0) } } },
	    .nprobes = 3,
	    .probes = { { { 1, 0 }, ERR(EACCES) },
			{ { 1, 1 }, ERR(EACCES) },
			{ { 0, 0 }, ERR(ENOSYS) } },
	    .prefix = true,
	},
	{
	    .what = "errno EPERM if arg0 <= 2^32+5, errno EACCES if arg0 <= "
		    "2^32+9",
	    .syscall = "getpriority",
	    .fallback = ERR(ENOSYS),
	    .nrules = 2,
	    .rules = { { ERR(EPERM), 1, { CMP(0, LE, HI(5)) } },
		       { ERR(EACCES), 1, { CMP(0, LE, HI(9)) } } },
	    .nprobes = 5,
	    .probes = { { { 0 }, ANY },
			{ { HI(0) }, ERR(EPERM) },
			{ { HI(5) }, ERR(EPERM) },
			{ { HI(7) }, ERR(EACCES) },
			{ { HI(10) }, ERR(ENOSYS) } },
	},
	{
	    /* The containers/podman profile's socket rules. */
	    .what = "socket: errno EINVAL if arg0 == 16 and arg2 == 9, allow "
		    "if arg2 != 9, allow if arg0 != 16",
	    .syscall = "socket",
	    .fallback = KILL,
	    .nrules = 3,
	    .rules = { { ERR(EINVAL), 2, { CMP(0, EQ, 16), CMP(2, EQ, 9) } },
		       { ALLOW, 1, { CMP(2, NE, 9) } },
		       { ALLOW, 1, { CMP(0, NE, 16) } } },
	    .nprobes = 4,
	    .probes = { { { 16, 10, 9 }, ERR(EINVAL) },
			{ { 16, 10, 0 }, ALLOW },
			{ { 255, 10, 9 }, ALLOW },
			{ { 255, 10, 0 }, ALLOW } },
	},
};

static void test_overlapping_rules(void **state)
{
	(void)state;
	for (size_t i = 0; i < CJ_ARRAY_SIZE(cases); i++) {
		size_t order[3] = { 0, 1, 2 };
		int built = 0;

		do
			built += check_order(&cases[i], order);
		while (next_order(order, cases[i].nrules));
		if (!built)
			fail_msg("%s: no order could be built", cases[i].what);
	}
}

/* The brief example: an OCI profile, its two entries in either order. */
static const char oci_getpriority[] =
    "{\"defaultAction\": \"SCMP_ACT_KILL_PROCESS\", \"syscalls\": [%s, "
    "%s]}";
static const char oci_allow_1[] =
    "{\"names\": [\"getpriority\"], \"action\": \"SCMP_ACT_ALLOW\", "
    "\"args\": [{\"index\": 0, \"value\": 1, \"op\": \"SCMP_CMP_EQ\"}]}";
static const char oci_eacces_le_5[] =
    "{\"names\": [\"getpriority\"], \"action\": \"SCMP_ACT_ERRNO\", "
    "\"errnoRet\": 13, \"args\": [{\"index\": 0, \"value\": 5, "
    "\"op\": \"SCMP_CMP_LE\"}]}";

static void check_oci_getpriority(const char *first, const char *second)
{
	static const struct probe probes[] = {
		{ { 0 }, ERR(EACCES) }, { { 1 }, ALLOW },
		{ { 2 }, ERR(EACCES) }, { { 5 }, ERR(EACCES) },
		{ { 6 }, KILL },
	};
	int row = cj_table_index("getpriority");
	char json[1024], err[512], want[32], got[32];
	struct cj_policy p;
	struct cj_eval ev;

	snprintf(json, sizeof(json), oci_getpriority, first, second);
	assert_int_equal(cj_policy_default(&p), 0);
	if (cj_oci_parse(&p, "getpriority.json", json, strlen(json), NULL, err,
			 sizeof(err)))
		fail_msg("%s", err);
	/* Whatever the child needs besides (mmap under ASan) stays allowed. */
	for (size_t r = 0; r < p.nrows; r++)
		if ((int)r != row)
			p.rows[r] = (struct cj_verdict)ALLOW;
	assert_int_equal(cj_eval_init(&ev, &p), 0);
	call.nr = cj_sysnr("getpriority");
	for (size_t i = 0; i < CJ_ARRAY_SIZE(probes); i++) {
		struct cj_verdict k;

		memcpy(call.args, probes[i].args, sizeof(call.args));
		k = check_call(&ev, row, "the OCI getpriority profile");
		if (!cj_verdict_same(k, probes[i].want))
			fail_msg(
			    "getpriority(%llu): kernel %s, expected %s",
			    (unsigned long long)call.args[0],
			    verdict_text(k, got, sizeof(got)),
			    verdict_text(probes[i].want, want, sizeof(want)));
	}
	cj_eval_free(&ev);
	cj_policy_free(&p);
}

static void test_oci_getpriority(void **state)
{
	(void)state;
	check_oci_getpriority(oci_allow_1, oci_eacces_le_5);
	check_oci_getpriority(oci_eacces_le_5, oci_allow_1);
}

/* Random overlapping rules of getpriority: the evaluator is the kernel. */
static const uint64_t values[] = { 0, 1,     2,	    3,	   5,
				   7, HI(0), HI(3), HI(5), UINT64_MAX };
static const uint64_t masks[] = { 0x3, 0xf0, 0xffffffff, 0xffffffff00000000ull,
				  HI(3) };
static unsigned long seed = 1;

static unsigned pick(unsigned n)
{
	seed = seed * 6364136223846793005ull + 1442695040888963407ull;
	return (unsigned)(seed >> 33) % n;
}

static struct cj_cond random_rule(int row)
{
	static const struct cj_verdict verdicts[] = { ALLOW, ERR(EPERM),
						      ERR(EACCES), KILL };
	struct cj_verdict v = verdicts[pick(4)];
	struct cj_cond c = { .row = row,
			     .action = v.action,
			     .err = v.err,
			     .ncmp = 1 + pick(2) };

	for (unsigned k = 0; k < c.ncmp; k++) {
		struct cj_argcmp *a = &c.cmp[k];

		a->arg = c.ncmp == 2 ? k : pick(2);
		a->op = (enum cj_cmp)pick(7);
		a->a = values[pick(CJ_ARRAY_SIZE(values))];
		if (a->op == CJ_CMP_MASKED_EQ) {
			a->a = masks[pick(CJ_ARRAY_SIZE(masks))];
			a->b = values[pick(CJ_ARRAY_SIZE(values))] & a->a;
		}
	}
	return c;
}

static void check_random_policy(int row)
{
	struct cj_policy p;
	struct cj_eval ev;
	unsigned nrules = 2 + pick(3);

	assert_int_equal(cj_policy_default(&p), 0);
	cj_policy_clear_conds(&p, row);
	p.fallback = (struct cj_verdict)ERR(ENOSYS);
	for (unsigned i = 0; i < nrules; i++) {
		struct cj_cond c = random_rule(row);

		if (cj_cond_normalize(&c, &c) == 0 && c.ncmp)
			assert_int_equal(cj_policy_add_cond(&p, &c), 0);
	}
	if (cj_eval_init(&ev, &p) == 0) {
		for (int i = 0; i < 8; i++) {
			for (int a = 0; a < 3; a++)
				call.args[a] =
				    values[pick(CJ_ARRAY_SIZE(values))] +
				    (uint64_t)((int)pick(3) - 1);
			check_call(&ev, row, "a random rule set");
		}
		cj_eval_free(&ev);
	}
	cj_policy_free(&p);
}

static void test_random_overlaps(void **state)
{
	int row = cj_table_index("getpriority");

	(void)state;
	call.nr = cj_sysnr("getpriority");
	for (int i = 0; i < 40; i++)
		check_random_policy(row);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_overlapping_rules),
		cmocka_unit_test(test_oci_getpriority),
		cmocka_unit_test(test_random_overlaps),
	};

	return cmocka_run_group_tests_name("eval", tests, NULL, NULL);
}
