/* SPDX-License-Identifier: MIT */
/*
 * SYSCALLS.md (see doc_md.h).
 */
#include "doc_md.h"

#include <ctype.h>
#include <errno.h>
#include <string.h>

#include "argcheck.h"
#include "compiler.h"
#include "sharenet.h"
#include "textfmt.h"

/* Groups in the order of core/policy/syscalls.def's header; others follow. */
static const char *const group_order[] = {
	"files",    "io",	  "memory", "processes",
	"identity", "signals",	  "time",   "ipc",
	"network",  "namespaces", "mount",  "debug",
	"security", "privileged", "kernel", "obsolete",
};

static bool blocked(const struct cj_policy *p, size_t i)
{
	return p->rows[i].action != CJ_ACT_ALLOW &&
	       !cj_policy_has_conds(p, (int)i);
}

static void header(FILE *out, const struct cj_policy *p)
{
	size_t n, nallow = 0, nkill = 0, nerr = 0, ncond = 0, ndanger = 0;
	const struct cj_syscall *t = cj_table(&n);
	char fb[64], un[64];

	for (size_t i = 0; i < n; i++) {
		bool conds = cj_policy_has_conds(p, (int)i);

		ncond += conds;
		ndanger += !!(t[i].flags & CJ_DANGEROUS);
		if (conds || p->rows[i].action == CJ_ACT_ALLOW)
			nallow++;
		else if (p->rows[i].action == CJ_ACT_KILL)
			nkill++;
		else
			nerr++;
	}
	fputs("# Syscalls and capejail's default policy\n\n"
	      "<!-- Generated from core/policy/syscalls.def, "
	      "core/policy/argrules.def and\n"
	      "     core/policy/sharenet.def by `make syscalls-md` "
	      "(capejail-syscalls doc).\n"
	      "     Do not edit: change the table and regenerate. -->\n\n"
	      "This file is generated from `core/policy/syscalls.def`, "
	      "`core/policy/argrules.def`\nand `core/policy/sharenet.def` by "
	      "`make syscalls-md`; do not edit it by hand (CI\nfails when it "
	      "is stale).\n\n",
	      out);
	fprintf(
	    out,
	    "The table has %zu syscalls of the x86_64 ABI: %zu allowed "
	    "(%zu of them only\nunder argument rules), %zu killed, %zu "
	    "failing with an errno. %zu are marked\ndangerous (\u26a0\ufe0f): "
	    "known escape or kernel-attack primitives.\n\n",
	    n, nallow, ncond, nkill, nerr, ndanger);
	fputs("## Allowing a syscall without recompiling\n\n"
	      "1. Find out what the program needs: `capejail-syscalls "
	      "discover -- PROG ARGS`\n"
	      "   (add the jail's options, e.g. `-r ROOT -u USER`, to run it "
	      "as capejail\n"
	      "   would). It lists every syscall the policy would block, "
	      "with the rationale\n"
	      "   below, and prints the `--allow` line.\n"
	      "2. Read why each one is blocked: `capejail-syscalls explain "
	      "NAME`, or its\n"
	      "   section below (`SYSCALLS.md#NAME`).\n"
	      "3. Allow it: `capejail --allow NAME1,NAME2 -- PROG ARGS` "
	      "(names or\n"
	      "   numbers, e.g. `--allow 161`), or put one\n"
	      "   `allow NAME` line per syscall in a profile file and run "
	      "`capejail --profile\n"
	      "   FILE -- PROG ARGS` (`capejail-syscalls discover --emit "
	      "profile -- PROG ARGS`\n"
	      "   writes one, with the rationale as comments).\n\n"
	      "Allow a dangerous (\u26a0\ufe0f) syscall only for code you "
	      "trust. See\n"
	      "[docs/allowing-a-syscall.md](docs/allowing-a-syscall.md) for "
	      "the whole workflow.\n\n",
	      out);
	fprintf(out,
		"## The rules\n\n"
		"- A blocked syscall kills the whole jailed process (not only "
		"the thread), and\n"
		"  the call never runs. capejail names it and the command "
		"that explains it,\n"
		"  e.g. `capejail: 'bash' killed: blocked syscall chroot "
		"(161) - ... See:\n"
		"  capejail-syscalls explain chroot`; the same text is "
		"its section here.\n"
		"- `clone3` fails with ENOSYS: its flags live in memory a "
		"seccomp filter cannot\n"
		"  read, so glibc falls back to `clone`, whose flags are "
		"checked.\n"
		"- Kill is for escape primitives and kernel attack surface. An "
		"optional kernel\n"
		"  feature that programs probe for and fall back from "
		"(io_uring) fails with\n"
		"  ENOSYS, as on a kernel built without it; each row below "
		"says whether it\n"
		"  kills or which errno it returns, and why.\n"
		"- The uid and gid calls (setuid, setresgid, ...) are allowed "
		"only with the ids\n"
		"  the process already has (or -1): capejail writes the jail "
		"user's ids into\n"
		"  the filter when it starts. Any other id kills the caller.\n"
		"- A syscall the filter does not know (newer than its "
		"libseccomp) %s,\n"
		"  so a newer C library falls back instead of dying; a number "
		"from %d up is\n"
		"  %s.\n"
		"- Foreign ABIs are killed: 32-bit (i386, `int 0x80`) and x32 "
		"syscalls are no\n"
		"  way around the filter.\n"
		"- Argument rules narrow a few allowed syscalls (see "
		"[Argument rules](#argument-rules));\n"
		"  a call that matches none of a syscall's rules is %s.\n"
		"- Every other allowed syscall is allowed without argument "
		"checks, so the\n"
		"  kernel's seccomp action cache serves it at full speed.\n\n"
		"- The default jail has a network namespace of its own; the "
		"few rows that\n  differ when it shares the host's "
		"(`--share-net`) are listed in\n"
		"  [Under --share-net](#share-net).\n\n"
		"The blocked syscalls follow, by group, then the argument "
		"rules, the rows that\ndiffer under --share-net, then a table "
		"of the allowed syscalls.\n\n",
		cjs_verdict_text(p->unknown, false, un, sizeof(un)),
		CJ_NR_LIMIT,
		cjs_verdict_text(p->fallback, false, fb, sizeof(fb)),
		cjs_verdict_text(p->fallback, false, fb, sizeof(fb)));
}

static void entry(FILE *out, const struct cj_policy *p, size_t i,
		  const struct cj_syscall *t)
{
	bool conds = cj_policy_has_conds(p, (int)i);
	char vbuf[64];
	const char *v = cjs_verdict_text(p->rows[i], conds, vbuf, sizeof(vbuf));

	fprintf(out, "<a id=\"%s\"></a>\n### %s%s\n\n", t->name, t->name,
		t->flags & CJ_DANGEROUS ? " \u26a0\ufe0f" : "");
	fprintf(out, "**%c%s.**%s Group: %s.\n\n", toupper((unsigned char)v[0]),
		v + 1,
		t->flags & CJ_DANGEROUS
		    ? " Dangerous: a known escape or kernel-attack "
		      "primitive."
		    : "",
		t->group);
	cjs_wrap(out, t->why, 0, 79);
	fputc('\n', out);
	if (conds) {
		ac_print_rules(out, t->name, 0, 79, true);
		fputc('\n', out);
	}
}

static void group_section(FILE *out, const struct cj_policy *p,
			  const char *group)
{
	size_t n;
	const struct cj_syscall *t = cj_table(&n);
	bool any = false;

	for (size_t i = 0; i < n && !any; i++)
		any = blocked(p, i) && strcmp(t[i].group, group) == 0;
	if (!any)
		return;
	fprintf(out, "## Group: %s\n\n", group);
	for (size_t i = 0; i < n; i++)
		if (blocked(p, i) && strcmp(t[i].group, group) == 0)
			entry(out, p, i, &t[i]);
}

static bool in_order(const char *group)
{
	for (size_t k = 0; k < CJ_ARRAY_SIZE(group_order); k++)
		if (strcmp(group_order[k], group) == 0)
			return true;
	return false;
}

static void blocked_sections(FILE *out, const struct cj_policy *p)
{
	size_t n;
	const struct cj_syscall *t = cj_table(&n);
	const char *last = NULL;

	for (size_t k = 0; k < CJ_ARRAY_SIZE(group_order); k++)
		group_section(out, p, group_order[k]);
	/* Groups the list above does not know, in name order. */
	for (;;) {
		const char *next = NULL;

		for (size_t i = 0; i < n; i++)
			if (!in_order(t[i].group) &&
			    (!last || strcmp(t[i].group, last) > 0) &&
			    (!next || strcmp(t[i].group, next) < 0))
				next = t[i].group;
		if (!next)
			break;
		group_section(out, p, next);
		last = next;
	}
}

static void cond_section(FILE *out, const struct cj_policy *p)
{
	size_t n;
	const struct cj_syscall *t = cj_table(&n);

	fputs("<a id=\"argument-rules\"></a>\n## Argument rules\n\n"
	      "These syscalls are allowed only for some argument values. "
	      "The comparisons\nuse the width the kernel reads, so garbage "
	      "in a register's upper half cannot\nslip a forbidden value "
	      "past them.\n\n",
	      out);
	for (size_t i = 0; i < n; i++)
		if (cj_policy_has_conds(p, (int)i))
			entry(out, p, i, &t[i]);
}

static void cell(FILE *out, const char *s, size_t len);

/* The rows of core/policy/sharenet.def: the default's verdict, then this. */
static void sharenet_section(FILE *out, const struct cj_policy *p)
{
	size_t n;
	const struct cj_net_row *r = cj_sharenet_rows(&n);

	fputs("<a id=\"share-net\"></a>\n## Under --share-net\n\n"
	      "With `--share-net` the jail shares the host's network "
	      "namespace, and these\nrows get another verdict (a second "
	      "filter, also compiled at build time).\nEvery other row is "
	      "the same as above.\n\n"
	      "| Syscall | Default jail | Under --share-net | Why |\n"
	      "| --- | --- | --- | --- |\n",
	      out);
	for (size_t i = 0; i < n; i++) {
		int row = cj_table_index(r[i].name);
		char a[64], b[64];
		bool kill = r[i].verdict.action == CJ_ACT_KILL;

		if (row < 0)
			continue;
		fprintf(
		    out, "| `%s` | %s | %s | ", r[i].name,
		    cjs_verdict_text(p->rows[row], cj_policy_has_conds(p, row),
				     a, sizeof(a)),
		    kill ? "stopped: the supervisor decides (killed when "
			   "it cannot hear)"
			 : cjs_verdict_text(r[i].verdict, false, b, sizeof(b)));
		cell(out, r[i].why, strlen(r[i].why));
		fputs(" |\n", out);
	}
	fputc('\n', out);
}

static void cell(FILE *out, const char *s, size_t len)
{
	for (size_t i = 0; i < len && s[i]; i++) {
		if (s[i] == '|')
			fputc('\\', out);
		fputc(s[i], out);
	}
}

static void allowed_table(FILE *out, const struct cj_policy *p)
{
	size_t n;
	const struct cj_syscall *t = cj_table(&n);

	fputs("## Allowed syscalls\n\n"
	      "| Syscall | Group | Why it is allowed |\n"
	      "| --- | --- | --- |\n",
	      out);
	for (size_t i = 0; i < n; i++) {
		bool conds = cj_policy_has_conds(p, (int)i);

		if (p->rows[i].action != CJ_ACT_ALLOW && !conds)
			continue;
		/* Conditioned rows have their anchor in Argument rules. */
		if (conds)
			fprintf(out, "| `%s` | %s | ", t[i].name, t[i].group);
		else
			fprintf(out, "| <a id=\"%s\"></a>`%s` | %s | ",
				t[i].name, t[i].name, t[i].group);
		cell(out, t[i].why, cjs_first_sentence(t[i].why));
		if (conds)
			fprintf(out, " With [argument rules](#%s).", t[i].name);
		if (cj_sharenet_find(t[i].name))
			fputs(" Differs under [--share-net](#share-net).", out);
		fputs(" |\n", out);
	}
}

int cjs_doc_write(FILE *out, const struct cj_policy *p)
{
	header(out, p);
	blocked_sections(out, p);
	cond_section(out, p);
	sharenet_section(out, p);
	allowed_table(out, p);
	fflush(out);
	return ferror(out) ? -EIO : 0;
}
