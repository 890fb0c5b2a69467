/* SPDX-License-Identifier: MIT */
/*
 * capejail-syscalls explain NAME...: a syscall's row of the default policy.
 */
#include <stdlib.h>
#include <string.h>

#include "argcheck.h"
#include "exit.h"
#include "filter.h"
#include "policy.h"
#include "sharenet.h"
#include "log.h"
#include "cmds.h"
#include "sysname_map.h"
#include "textfmt.h"
#include "selfpath.h"

#define WIDTH 78

static void explain_row(const struct cj_policy *p, int row)
{
	size_t n;
	const struct cj_syscall *t = cj_table(&n) + row;
	bool conds = cj_policy_has_conds(p, row);
	char vbuf[64], doc[CJ_CMD_LEN];
	int nr = cj_sysnr(t->name);
	const struct cj_net_row *net = cj_sharenet_find(t->name);

	printf("%s\n", t->name);
	printf("  verdict:   %s\n",
	       cjs_verdict_text(p->rows[row], conds, vbuf, sizeof(vbuf)));
	printf("  group:     %s\n", t->group);
	if (t->flags & CJ_DANGEROUS)
		printf("  dangerous: yes, a known escape or kernel-attack "
		       "primitive\n");
	if (nr >= 0)
		printf("  number:    %d (x86_64)\n", nr);
	printf("  why:\n");
	cjs_wrap(stdout, t->why, 4, WIDTH);
	if (conds) {
		printf("  argument rules:\n");
		ac_print_rules(stdout, t->name, 4, WIDTH, true);
	}
	if (net) {
		printf("  under --share-net:\n");
		cjs_wrap(stdout, net->why, 4, WIDTH);
	}
	cj_doc_path("SYSCALLS.md", doc, sizeof(doc));
	printf("  see:       %s#%s%s%s\n", doc, t->name, net ? ", " : "",
	       net ? "SYSCALLS.md#share-net" : "");
}

static void suggest(const char *name)
{
	char near[512];

	cj_table_suggest_text(name, near, sizeof(near));
	cj_hint("%s", near);
}

/* A name strace printed, or a number: the policy's name, or NULL. */
static const char *resolve(const char *arg, struct sm_name *m)
{
	char *end;
	long nr = strtol(arg, &end, 10);

	if (*arg && !*end && nr >= 0 && nr < 100000) {
		char buf[64];

		cj_sysname((int)nr, buf, sizeof(buf));
		sm_map(buf, m);
	} else {
		sm_map(arg, m);
	}
	if (m->foreign) {
		printf("%s\n  a 32-bit (i386) syscall: capejail kills every "
		       "foreign ABI%s%s%s\n",
		       arg, *m->native ? "; the 64-bit equivalent is " : "",
		       m->native, *m->native ? ":" : "");
		return *m->native ? m->native : NULL;
	}
	return m->name;
}

int cmd_explain(int argc, char **argv)
{
	struct cj_policy p;
	int rc = 0;

	if (argc < 2 || strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0) {
		fputs("usage: capejail-syscalls explain NAME...\n"
		      "Print the default policy's verdict, group and rationale "
		      "for each syscall.\n",
		      argc < 2 ? stderr : stdout);
		return argc < 2 ? CJ_EX_USAGE : 0;
	}
	if (cj_policy_default(&p)) {
		cj_error("out of memory");
		return CJ_EX_SOFTWARE;
	}
	for (int i = 1; i < argc; i++) {
		struct sm_name m;
		const char *name = resolve(argv[i], &m);
		int row = name ? cj_table_index(name) : -1;

		if (i > 1)
			putchar('\n');
		if (row >= 0) {
			explain_row(&p, row);
		} else if (name && m.nr >= 0) {
			char vbuf[64];
			struct cj_verdict v =
			    m.nr >= CJ_NR_LIMIT ? p.fallback : p.unknown;

			printf("%s\n  not in the policy table (unknown to "
			       "libseccomp): %s in the jail\n",
			       name,
			       cjs_verdict_text(v, false, vbuf, sizeof(vbuf)));
		} else if (!m.foreign) {
			cj_error("unknown syscall '%s'", argv[i]);
			suggest(argv[i]);
			rc = CJ_EX_PROFILE;
		}
	}
	cj_policy_free(&p);
	return rc;
}
