/* SPDX-License-Identifier: MIT */
/*
 * Policy -> OCI seccomp JSON and systemd SystemCallFilter= (export.h).
 *
 * The OCI writer is hand-made rather than jansson's: argument values are
 * unsigned 64-bit numbers, which a json_int_t cannot hold, and a fixed
 * layout keeps exported files diff-friendly.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compiler.h"
#include "export.h"
#include "profile.h"
#include "cond.h"

#define WRAP 78

/* Per row: does it have conditional rules? (one pass over the rules) */
static bool *rows_with_conds(const struct cj_policy *p)
{
	bool *has = calloc(p->nrows ? p->nrows : 1, sizeof(*has));

	if (!has)
		return NULL;
	for (size_t i = 0; i < p->nconds; i++)
		if (p->conds[i].row >= 0 && (size_t)p->conds[i].row < p->nrows)
			has[p->conds[i].row] = true;
	return has;
}

static int finish(FILE *f, char **buf, char **out)
{
	if (ferror(f)) {
		fclose(f);
		free(*buf);
		return -ENOMEM;
	}
	if (fclose(f)) {
		free(*buf);
		return -ENOMEM;
	}
	*out = *buf;
	return 0;
}

/* OCI */

static const char *oci_action(enum cj_action a)
{
	switch (a) {
	case CJ_ACT_ALLOW:
		return "SCMP_ACT_ALLOW";
	case CJ_ACT_ERRNO:
		return "SCMP_ACT_ERRNO";
	case CJ_ACT_KILL:
		return "SCMP_ACT_KILL_PROCESS";
	}
	return "SCMP_ACT_KILL_PROCESS";
}

static const char *oci_op(enum cj_cmp op)
{
	switch (op) {
	case CJ_CMP_EQ:
		return "SCMP_CMP_EQ";
	case CJ_CMP_NE:
		return "SCMP_CMP_NE";
	case CJ_CMP_LT:
		return "SCMP_CMP_LT";
	case CJ_CMP_LE:
		return "SCMP_CMP_LE";
	case CJ_CMP_GT:
		return "SCMP_CMP_GT";
	case CJ_CMP_GE:
		return "SCMP_CMP_GE";
	case CJ_CMP_MASKED_EQ:
		return "SCMP_CMP_MASKED_EQ";
	}
	return "SCMP_CMP_EQ";
}

/* One syscalls[] entry. COND may be NULL (an unconditional group). */
static void oci_entry(FILE *f, bool *first, const char *const *names, size_t n,
		      struct cj_verdict v, const struct cj_cond *cond)
{
	size_t col = 0;

	fprintf(f, "%s\n\t\t{\n\t\t\t\"names\": [", *first ? "" : ",");
	*first = false;
	for (size_t i = 0; i < n; i++) {
		size_t w = strlen(names[i]) + 4;

		if (i == 0 || col + w > WRAP - 24) {
			fprintf(f, "%s\n\t\t\t\t", i ? "," : "");
			col = 0;
		} else {
			fputs(", ", f);
		}
		fprintf(f, "\"%s\"", names[i]);
		col += w;
	}
	fprintf(f, "\n\t\t\t],\n\t\t\t\"action\": \"%s\"",
		oci_action(v.action));
	if (v.action == CJ_ACT_ERRNO)
		fprintf(f, ",\n\t\t\t\"errnoRet\": %d", v.err);
	if (cond) {
		fputs(",\n\t\t\t\"args\": [", f);
		for (unsigned i = 0; i < cond->ncmp; i++) {
			const struct cj_argcmp *c = &cond->cmp[i];

			fprintf(f,
				"%s\n\t\t\t\t{ \"index\": %u, \"value\": %llu, "
				"\"valueTwo\": %llu, \"op\": \"%s\" }",
				i ? "," : "", c->arg, (unsigned long long)c->a,
				(unsigned long long)(c->op == CJ_CMP_MASKED_EQ
							 ? c->b
							 : 0),
				oci_op(c->op));
		}
		fputs("\n\t\t\t]", f);
	}
	fputs("\n\t\t}", f);
}

/* Unconditional rows whose verdict is V (and not the fallback). */
static size_t group(const struct cj_policy *p, const bool *has,
		    struct cj_verdict v, const char **names)
{
	size_t n = 0, count;
	const struct cj_syscall *t = cj_table(&count);

	for (size_t r = 0; r < p->nrows && r < count; r++)
		if (!has[r] && cj_verdict_same(p->rows[r], v))
			names[n++] = t[r].name;
	return n;
}

static int int_cmp(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

/* The errno values of P's rows without conditional rules, sorted, unique. */
static size_t row_errnos(const struct cj_policy *p, const bool *has, int *out)
{
	size_t n = 0, m = 0;

	for (size_t r = 0; r < p->nrows; r++)
		if (!has[r] && p->rows[r].action == CJ_ACT_ERRNO)
			out[n++] = p->rows[r].err;
	qsort(out, n, sizeof(*out), int_cmp);
	for (size_t i = 0; i < n; i++)
		if (!m || out[m - 1] != out[i])
			out[m++] = out[i];
	return m;
}

int cj_export_oci(const struct cj_policy *p, char **out)
{
	size_t count, len, n;
	const struct cj_syscall *t = cj_table(&count);
	const char **names = calloc(count ? count : 1, sizeof(*names));
	int *errs = calloc(count ? count : 1, sizeof(*errs));
	bool *has = rows_with_conds(p), first = true;
	size_t nerr;
	char *buf = NULL;
	FILE *f = NULL;
	int rc = -ENOMEM;

	*out = NULL;
	if (!names || !errs || !has)
		goto out;
	rc = -EINVAL;
	if (p->nrows != count)
		goto out;
	rc = -ENOMEM;
	f = open_memstream(&buf, &len);
	if (!f)
		goto out;
	fprintf(f, "{\n\t\"defaultAction\": \"%s\",\n",
		oci_action(p->fallback.action));
	if (p->fallback.action == CJ_ACT_ERRNO)
		fprintf(f, "\t\"defaultErrnoRet\": %d,\n", p->fallback.err);
	fputs("\t\"architectures\": [\n\t\t\"SCMP_ARCH_X86_64\"\n\t],\n"
	      "\t\"syscalls\": [",
	      f);
	/* Allowed, then each errno value in turn, then killed. */
	if (p->fallback.action != CJ_ACT_ALLOW) {
		struct cj_verdict v = { CJ_ACT_ALLOW, 0 };

		n = group(p, has, v, names);
		if (n)
			oci_entry(f, &first, names, n, v, NULL);
	}
	nerr = row_errnos(p, has, errs);
	for (size_t k = 0; k < nerr; k++) {
		struct cj_verdict v = { CJ_ACT_ERRNO, errs[k] };

		if (cj_verdict_same(v, p->fallback))
			continue;
		n = group(p, has, v, names);
		if (n)
			oci_entry(f, &first, names, n, v, NULL);
	}
	if (p->fallback.action != CJ_ACT_KILL) {
		struct cj_verdict v = { CJ_ACT_KILL, 0 };

		n = group(p, has, v, names);
		if (n)
			oci_entry(f, &first, names, n, v, NULL);
	}
	/* Conditional rules, in table order; fallback rules are redundant. */
	for (size_t r = 0; r < p->nrows; r++) {
		if (!has[r])
			continue;
		for (size_t i = 0; i < p->nconds; i++) {
			const struct cj_cond *c = &p->conds[i];
			struct cj_verdict v = { c->action, c->err };

			if (c->row != (int)r || cj_verdict_same(v, p->fallback))
				continue;
			oci_entry(f, &first, &t[r].name, 1, v, c);
		}
	}
	fputs(first ? "]\n}\n" : "\n\t]\n}\n", f);
	rc = finish(f, &buf, out);
out:
	free(names);
	free(errs);
	free(has);
	return rc;
}

/* systemd */

/* "PREFIX word word ..." lines of at most WRAP columns. */
static void wrap(FILE *f, const char *prefix, const char *const *words,
		 size_t n, const char *suffix)
{
	size_t col = 0;

	for (size_t i = 0; i < n; i++) {
		size_t w = strlen(words[i]) + strlen(suffix);

		if (col && col + 1 + w > WRAP) {
			fputc('\n', f);
			col = 0;
		}
		if (!col) {
			fputs(prefix, f);
			col = strlen(prefix);
		} else {
			fputc(' ', f);
			col++;
		}
		fprintf(f, "%s%s", words[i], suffix);
		col += w;
	}
	if (col)
		fputc('\n', f);
}

struct sd_lists {
	const char **listed, **weaker, **stricter, **other;
	size_t nlisted, nweaker, nstricter, nother;
	char (*other_err)[24];
};

/* Would systemd's list name row R (ALLOW_LIST: as allowed)? */
static void sd_classify(const struct cj_policy *p, const bool *has, size_t r,
			const char *name, bool allow_list, struct sd_lists *l)
{
	struct cj_verdict v = p->rows[r];
	bool allowed = v.action == CJ_ACT_ALLOW;

	if (has[r]) {
		/* The row's own verdict decides; the arguments are lost. */
		if (allowed)
			l->weaker[l->nweaker++] = name;
		else
			l->stricter[l->nstricter++] = name;
		if (allowed == allow_list)
			l->listed[l->nlisted++] = name;
		return;
	}
	if (cj_verdict_same(v, p->fallback))
		return;
	if (allow_list) {
		if (allowed)
			l->listed[l->nlisted++] = name;
		else if (v.action == CJ_ACT_ERRNO ||
			 p->fallback.action == CJ_ACT_ERRNO) {
			/* An errno the allow-list cannot give, or a kill
			 * that becomes SystemCallErrorNumber=. */
			if (v.action == CJ_ACT_ERRNO)
				cj_errno_name(v.err, l->other_err[l->nother],
					      sizeof(l->other_err[0]));
			else
				snprintf(l->other_err[l->nother],
					 sizeof(l->other_err[0]), "kill");
			l->other[l->nother++] = name;
		}
		return;
	}
	/* Deny-list: kills and errnos are listed, with ":ERRNO". */
	if (!allowed)
		l->listed[l->nlisted++] = name;
}

static void sd_comment_list(FILE *f, const char *title,
			    const char *const *names, size_t n)
{
	if (!n)
		return;
	fprintf(f, "# %s\n", title);
	wrap(f, "#   ", names, n, "");
}

int cj_export_systemd(const struct cj_policy *p, char **out)
{
	size_t count, len, n;
	const struct cj_syscall *t = cj_table(&count);
	bool allow_list = p->fallback.action != CJ_ACT_ALLOW;
	bool *has = rows_with_conds(p);
	struct sd_lists l = { 0 };
	char *buf = NULL, ename[24];
	FILE *f = NULL;
	int rc = -ENOMEM;

	*out = NULL;
	l.listed = calloc(count + 1, sizeof(char *));
	l.weaker = calloc(count + 1, sizeof(char *));
	l.stricter = calloc(count + 1, sizeof(char *));
	l.other = calloc(count + 1, sizeof(char *));
	l.other_err = calloc(count + 1, sizeof(*l.other_err));
	if (!has || !l.listed || !l.weaker || !l.stricter || !l.other ||
	    !l.other_err)
		goto out;
	rc = -EINVAL;
	if (p->nrows != count)
		goto out;
	rc = -ENOMEM;
	for (size_t r = 0; r < count; r++)
		sd_classify(p, has, r, t[r].name, allow_list, &l);
	f = open_memstream(&buf, &len);
	if (!f)
		goto out;
	fputs("# systemd.exec(5) settings exported from a capejail policy by\n"
	      "# 'capejail-syscalls export --format systemd'; put them in the\n"
	      "# [Service] section of a unit.\n",
	      f);
	if (allow_list)
		fprintf(f,
			"# A call that is not listed %s,\n# as under this "
			"policy.\n",
			p->fallback.action == CJ_ACT_KILL
			    ? "kills the process (SIGSYS)"
			    : "fails with SystemCallErrorNumber=");
	else
		fputs("# The listed calls kill the process (SIGSYS) or fail "
		      "with the errno\n# after ':'; every other call is "
		      "allowed, as under this policy.\n",
		      f);
	fputs("# systemd itself always allows execve, exit, exit_group, "
	      "getrlimit,\n# rt_sigreturn, sigreturn and the calls that read "
	      "clocks and sleep.\n",
	      f);
	if (l.nweaker || l.nstricter) {
		fputs("# Argument rules cannot be expressed by "
		      "SystemCallFilter=; these syscalls\n# lose theirs. "
		      "RestrictNamespaces=, RestrictAddressFamilies= and\n"
		      "# LockPersonality= cover some of them (clone, socket, "
		      "personality).\n",
		      f);
		sd_comment_list(f,
				"allowed here whatever the arguments "
				"(weaker than capejail):",
				l.weaker, l.nweaker);
		sd_comment_list(f,
				"blocked here whatever the arguments "
				"(stricter than capejail):",
				l.stricter, l.nstricter);
	}
	if (l.nother) {
		fprintf(f,
			"# An allow-list cannot give one syscall its own "
			"errno;\n# these %s instead:\n",
			p->fallback.action == CJ_ACT_KILL
			    ? "are killed"
			    : "get SystemCallErrorNumber=");
		char(*words)[96] = calloc(l.nother, sizeof(*words));
		const char **ptrs = calloc(l.nother, sizeof(*ptrs));

		if (!words || !ptrs) {
			free(words);
			free(ptrs);
			fclose(f);
			free(buf);
			goto out;
		}
		for (size_t i = 0; i < l.nother; i++) {
			snprintf(words[i], sizeof(words[i]), "%s(%s)",
				 l.other[i], l.other_err[i]);
			ptrs[i] = words[i];
		}
		wrap(f, "#   ", ptrs, l.nother, "");
		free(words);
		free(ptrs);
		if (p->fallback.action == CJ_ACT_KILL &&
		    p->rows[cj_table_index("clone3")].action == CJ_ACT_ERRNO &&
		    !has[cj_table_index("clone3")])
			fputs("# (glibc 2.34 and later create threads with "
			      "clone3 and fall back to clone\n# only when "
			      "clone3 fails with ENOSYS; "
			      "SystemCallErrorNumber=ENOSYS makes\n# every "
			      "unlisted call fail with ENOSYS instead of "
			      "killing.)\n",
			      f);
	}
	fputs("SystemCallArchitectures=native\n", f);
	if (allow_list && p->fallback.action == CJ_ACT_ERRNO)
		fprintf(f, "SystemCallErrorNumber=%s\n",
			cj_errno_name(p->fallback.err, ename, sizeof(ename)));
	if (allow_list) {
		if (!l.nlisted)
			fputs("# (nothing is allowed)\n", f);
		wrap(f, "SystemCallFilter=", l.listed, l.nlisted, "");
	} else {
		/* Kills first, then one line group per errno value. */
		const char **kill = l.other;

		n = 0;
		for (size_t i = 0; i < l.nlisted; i++) {
			int r = cj_table_index(l.listed[i]);

			if (p->rows[r].action == CJ_ACT_KILL || has[r])
				kill[n++] = l.listed[i];
		}
		wrap(f, "SystemCallFilter=~", kill, n, "");
		int *errs = calloc(count + 1, sizeof(*errs));
		size_t nerr;

		if (!errs) {
			fclose(f);
			free(buf);
			goto out;
		}
		nerr = row_errnos(p, has, errs);
		for (size_t k = 0; k < nerr; k++) {
			int e = errs[k];
			char sfx[32];

			n = 0;
			for (size_t i = 0; i < l.nlisted; i++) {
				int r = cj_table_index(l.listed[i]);

				if (!has[r] &&
				    p->rows[r].action == CJ_ACT_ERRNO &&
				    p->rows[r].err == e)
					kill[n++] = l.listed[i];
			}
			if (!n)
				continue;
			snprintf(sfx, sizeof(sfx), ":%s",
				 cj_errno_name(e, ename, sizeof(ename)));
			wrap(f, "SystemCallFilter=~", kill, n, sfx);
		}
		free(errs);
	}
	rc = finish(f, &buf, out);
out:
	free(has);
	free(l.listed);
	free(l.weaker);
	free(l.stricter);
	free(l.other);
	free(l.other_err);
	return rc;
}
