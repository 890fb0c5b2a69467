/* SPDX-License-Identifier: MIT */
/*
 * discover --emit: the --allow list, or a profile file.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "discover_report.h"
#include "discover_rules.h"
#include "profile.h"
#include "textfmt.h"

void dr_emit_allow(FILE *out, const struct dd_result *r)
{
	char list[8192];

	dd_allow_list(r, list, sizeof(list));
	fprintf(out, "%s\n", list);
}

/* ARGV as shell words, kept inside the comment across newlines. */
static void comment_argv(FILE *out, char *const *argv)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		return;
	for (char *const *a = argv; *a; a++) {
		fputc(' ', f);
		cjs_shell_word(f, *a);
	}
	fclose(f);
	for (size_t i = 0; i < len; i++) {
		if (buf[i] == '\n')
			fputs("\n#", out);
		else
			fputc(buf[i], out);
	}
	free(buf);
}

/* The errno a blocked entry gets instead of an allow, or 0. */
static int proposed_errno(const struct dd_entry *e, const struct dr_meta *m,
			  size_t i)
{
	if (m->errnos && m->errnos[i])
		return m->errnos[i];
	/* On the host every call already answered ENOSYS: it falls back. */
	if (e->cls == DD_KILL && e->count == 0 && e->enosys > 0)
		return ENOSYS;
	return 0;
}

/* Conditional rules for a call killed on its arguments. */
static void emit_cond(FILE *out, const struct dd_entry *e,
		      const struct dr_meta *m)
{
	char lines[32][256];
	size_t n = m->policy ? drl_build(m->policy, e, lines, 32) : 0;

	if (!n) {
		fputs("# Its arguments could not be read from the trace: "
		      "write a conditional\n# rule by hand (see "
		      "docs/profiles.md).\n",
		      out);
		return;
	}
	fputs("# Only the calls that were killed, on the arguments the "
	      "table's rules\n# compare; its argument rules stay in "
	      "force.\n",
	      out);
	for (size_t k = 0; k < n; k++)
		fprintf(out, "%s\n", lines[k]);
}

/*
 * The profile format: "allow NAME", "allow NAME if COND" or "errno E NAME"
 * lines and "#" comments. Every entry carries its rationale so the file
 * can be reviewed as it stands.
 */
void dr_emit_profile(FILE *out, const struct dd_result *r,
		     const struct dr_meta *m)
{
	size_t ntable;
	const struct cj_syscall *table = cj_table(&ntable);
	char ebuf[32];

	fputs("# capejail profile for:", out);
	comment_argv(out, m->argv);
	fputs("\n# Written by capejail-syscalls discover: the syscalls the "
	      "default policy\n# would kill the program on. Review each "
	      "entry before use.\n",
	      out);
	for (size_t i = 0; i < r->n; i++) {
		const struct dd_entry *e = &r->v[i];
		int err = proposed_errno(e, m, i);

		if (!e->blocks || !e->allowable)
			continue;
		fprintf(out, "\n# %s [%s]%s\n", e->name, table[e->row].group,
			e->dangerous ? " DANGEROUS: a known escape or "
				       "kernel-attack primitive"
				     : "");
		cjs_wrap_prefixed(out, table[e->row].why, "# ", 78);
		if (err) {
			fprintf(out,
				"# The program works without it: answered "
				"%s, as a kernel without it would.\n",
				cj_errno_name(err, ebuf, sizeof(ebuf)));
			fprintf(out, "errno %s %s\n", ebuf, e->name);
		} else if (e->cls == DD_COND) {
			emit_cond(out, e, m);
		} else {
			fprintf(out, "allow %s\n", e->name);
		}
	}
}
