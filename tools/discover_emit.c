/* SPDX-License-Identifier: MIT */
/*
 * discover --emit: the --allow list, or a profile file.
 */
#include <string.h>

#include "discover_report.h"
#include "textfmt.h"

void dr_emit_allow(FILE *out, const struct dd_result *r)
{
	char list[8192];

	dd_allow_list(r, list, sizeof(list));
	fprintf(out, "%s\n", list);
}

/*
 * The profile format: one "allow NAME" per line, "#" comments. Every
 * entry carries its rationale so the file can be reviewed as it stands.
 */
void dr_emit_profile(FILE *out, const struct dd_result *r,
		     const struct dr_meta *m)
{
	size_t ntable;
	const struct cj_syscall *table = cj_table(&ntable);

	fputs("# capejail profile for:", out);
	for (char *const *a = m->argv; *a; a++) {
		fputc(' ', out);
		cjs_shell_word(out, *a);
	}
	fputs("\n# Written by capejail-syscalls discover: the syscalls the "
	      "default policy\n# would kill the program on. Review each "
	      "entry before use.\n",
	      out);
	for (size_t i = 0; i < r->n; i++) {
		const struct dd_entry *e = &r->v[i];

		if (!e->blocks || !e->allowable)
			continue;
		fprintf(out, "\n# %s [%s]%s\n", e->name, table[e->row].group,
			e->dangerous ? " DANGEROUS: a known escape or "
				       "kernel-attack primitive"
				     : "");
		if (e->cls == DD_COND)
			fputs("# Allowing it drops its argument rules.\n", out);
		cjs_wrap_prefixed(out, table[e->row].why, "# ", 78);
		fprintf(out, "allow %s\n", e->name);
	}
}
