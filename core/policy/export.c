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

/* One entry per verdict group: allowed, each errno value, killed. */
static void oci_groups(FILE *f, const struct cj_policy *p, const bool *has,
		       const char **names, int *errs, bool *first)
{
	struct cj_verdict v = { CJ_ACT_ALLOW, 0 };
	size_t n, nerr = row_errnos(p, has, errs);

	if (p->fallback.action != CJ_ACT_ALLOW && (n = group(p, has, v, names)))
		oci_entry(f, first, names, n, v, NULL);
	for (size_t k = 0; k < nerr; k++) {
		v = (struct cj_verdict){ CJ_ACT_ERRNO, errs[k] };
		if (!cj_verdict_same(v, p->fallback) &&
		    (n = group(p, has, v, names)))
			oci_entry(f, first, names, n, v, NULL);
	}
	v = (struct cj_verdict){ CJ_ACT_KILL, 0 };
	if (p->fallback.action != CJ_ACT_KILL && (n = group(p, has, v, names)))
		oci_entry(f, first, names, n, v, NULL);
}

/*
 * One entry per conditional rule, rows in table order, a row's rules in
 * policy order (libseccomp may let the order decide, cond.c); rules with
 * the fallback's verdict are redundant.
 */
static void oci_rules(FILE *f, const struct cj_policy *p, const bool *has,
		      bool *first)
{
	size_t count;
	const struct cj_syscall *t = cj_table(&count);

	for (size_t r = 0; r < p->nrows && r < count; r++) {
		if (!has[r])
			continue;
		for (size_t i = 0; i < p->nconds; i++) {
			const struct cj_cond *c = &p->conds[i];
			struct cj_verdict v = { c->action, c->err };

			if (c->row != (int)r || cj_verdict_same(v, p->fallback))
				continue;
			oci_entry(f, first, &t[r].name, 1, v, c);
		}
	}
}

/* The whole profile for P into F. */
static void oci_write(FILE *f, const struct cj_policy *p, const bool *has,
		      const char **names, int *errs)
{
	bool first = true;

	fprintf(f, "{\n\t\"defaultAction\": \"%s\",\n",
		oci_action(p->fallback.action));
	if (p->fallback.action == CJ_ACT_ERRNO)
		fprintf(f, "\t\"defaultErrnoRet\": %d,\n", p->fallback.err);
	fputs("\t\"architectures\": [\n\t\t\"SCMP_ARCH_X86_64\"\n\t],\n"
	      "\t\"syscalls\": [",
	      f);
	oci_groups(f, p, has, names, errs, &first);
	oci_rules(f, p, has, &first);
	fputs(first ? "]\n}\n" : "\n\t]\n}\n", f);
}

int cj_export_oci(const struct cj_policy *policy, char **out)
{
	size_t count, len;
	const char **names;
	struct cj_policy copy, *p = &copy;
	char *buf = NULL;
	bool *has;
	int *errs;
	FILE *f;
	int rc = -ENOMEM;

	*out = NULL;
	cj_table(&count);
	if (policy->nrows != count)
		return -EINVAL;
	/* A runtime cannot bind the jail's own ids: those rules go. */
	if (cj_policy_copy(&copy, policy))
		return -ENOMEM;
	cj_policy_drop_own_ids(&copy);
	names = calloc(count ? count : 1, sizeof(*names));
	errs = calloc(count ? count : 1, sizeof(*errs));
	has = rows_with_conds(p);
	if (names && errs && has && (f = open_memstream(&buf, &len))) {
		oci_write(f, p, has, names, errs);
		rc = finish(f, &buf, out);
	}
	free(names);
	free(errs);
	free(has);
	cj_policy_free(&copy);
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

static void sd_lists_free(struct sd_lists *l)
{
	free(l->listed);
	free(l->weaker);
	free(l->stricter);
	free(l->other);
	free(l->other_err);
}

/* Room for COUNT names in every list. 0 or -ENOMEM. */
static int sd_lists_alloc(struct sd_lists *l, size_t count)
{
	memset(l, 0, sizeof(*l));
	l->listed = calloc(count + 1, sizeof(char *));
	l->weaker = calloc(count + 1, sizeof(char *));
	l->stricter = calloc(count + 1, sizeof(char *));
	l->other = calloc(count + 1, sizeof(char *));
	l->other_err = calloc(count + 1, sizeof(*l->other_err));
	if (l->listed && l->weaker && l->stricter && l->other && l->other_err)
		return 0;
	sd_lists_free(l);
	return -ENOMEM;
}

/* What the settings are and what an unlisted call gets. */
static void sd_header(FILE *f, const struct cj_policy *p, bool allow_list)
{
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
}

/* The syscalls whose argument rules systemd cannot express. */
static void sd_lost_arguments(FILE *f, const struct sd_lists *l)
{
	if (!l->nweaker && !l->nstricter)
		return;
	fputs("# Argument rules cannot be expressed by "
	      "SystemCallFilter=; these syscalls\n# lose theirs. "
	      "RestrictNamespaces=, RestrictAddressFamilies= and\n"
	      "# LockPersonality= cover some of them (clone, socket, "
	      "personality).\n",
	      f);
	sd_comment_list(f,
			"allowed here whatever the arguments "
			"(weaker than capejail):",
			l->weaker, l->nweaker);
	sd_comment_list(f,
			"blocked here whatever the arguments "
			"(stricter than capejail):",
			l->stricter, l->nstricter);
}

/* "# clone3(ENOSYS) ..." lines. 0 or -ENOMEM. */
static int sd_errno_words(FILE *f, const struct sd_lists *l)
{
	char(*words)[96] = calloc(l->nother, sizeof(*words));
	const char **ptrs = calloc(l->nother, sizeof(*ptrs));
	int rc = -ENOMEM;

	if (words && ptrs) {
		for (size_t i = 0; i < l->nother; i++) {
			snprintf(words[i], sizeof(words[i]), "%s(%s)",
				 l->other[i], l->other_err[i]);
			ptrs[i] = words[i];
		}
		wrap(f, "#   ", ptrs, l->nother, "");
		rc = 0;
	}
	free(words);
	free(ptrs);
	return rc;
}

/* The per-syscall errno values an allow-list loses. 0 or -ENOMEM. */
static int sd_lost_errnos(FILE *f, const struct cj_policy *p, const bool *has,
			  const struct sd_lists *l)
{
	int clone3 = cj_table_index("clone3");

	if (!l->nother)
		return 0;
	fprintf(f,
		"# An allow-list cannot give one syscall its own "
		"errno;\n# these %s instead:\n",
		p->fallback.action == CJ_ACT_KILL
		    ? "are killed"
		    : "get SystemCallErrorNumber=");
	if (sd_errno_words(f, l))
		return -ENOMEM;
	if (p->fallback.action == CJ_ACT_KILL &&
	    p->rows[clone3].action == CJ_ACT_ERRNO && !has[clone3])
		fputs("# (glibc 2.34 and later create threads with "
		      "clone3 and fall back to clone\n# only when "
		      "clone3 fails with ENOSYS; "
		      "SystemCallErrorNumber=ENOSYS makes\n# every "
		      "unlisted call fail with ENOSYS instead of "
		      "killing.)\n",
		      f);
	return 0;
}

static void sd_allow_list(FILE *f, const struct cj_policy *p,
			  const struct sd_lists *l)
{
	char ename[24];

	if (p->fallback.action == CJ_ACT_ERRNO)
		fprintf(f, "SystemCallErrorNumber=%s\n",
			cj_errno_name(p->fallback.err, ename, sizeof(ename)));
	if (!l->nlisted)
		fputs("# (nothing is allowed)\n", f);
	wrap(f, "SystemCallFilter=", l->listed, l->nlisted, "");
}

/* The listed rows that WANT (a verdict, or NULL: killed) picks, in OUT. */
static size_t sd_pick(const struct cj_policy *p, const bool *has,
		      const struct sd_lists *l, const int *want_err,
		      const char **out)
{
	size_t n = 0;

	for (size_t i = 0; i < l->nlisted; i++) {
		int r = cj_table_index(l->listed[i]);
		bool killed = p->rows[r].action == CJ_ACT_KILL || has[r];

		if (want_err ? !has[r] && p->rows[r].action == CJ_ACT_ERRNO &&
				   p->rows[r].err == *want_err
			     : killed)
			out[n++] = l->listed[i];
	}
	return n;
}

/* Kills first, then one line group per errno value. 0 or -ENOMEM. */
static int sd_deny_list(FILE *f, const struct cj_policy *p, const bool *has,
			struct sd_lists *l)
{
	const char **names = l->other; /* unused by a deny-list: scratch */
	int *errs = calloc(p->nrows + 1, sizeof(*errs));
	size_t nerr;
	char ename[24], sfx[32];

	if (!errs)
		return -ENOMEM;
	wrap(f, "SystemCallFilter=~", names, sd_pick(p, has, l, NULL, names),
	     "");
	nerr = row_errnos(p, has, errs);
	for (size_t k = 0; k < nerr; k++) {
		size_t n = sd_pick(p, has, l, &errs[k], names);

		if (!n)
			continue;
		snprintf(sfx, sizeof(sfx), ":%s",
			 cj_errno_name(errs[k], ename, sizeof(ename)));
		wrap(f, "SystemCallFilter=~", names, n, sfx);
	}
	free(errs);
	return 0;
}

/* The whole text for P into F. 0 or -ENOMEM. */
static int sd_write(FILE *f, const struct cj_policy *p, const bool *has,
		    struct sd_lists *l)
{
	size_t count;
	const struct cj_syscall *t = cj_table(&count);
	bool allow_list = p->fallback.action != CJ_ACT_ALLOW;
	int rc;

	for (size_t r = 0; r < count; r++)
		sd_classify(p, has, r, t[r].name, allow_list, l);
	sd_header(f, p, allow_list);
	sd_lost_arguments(f, l);
	rc = sd_lost_errnos(f, p, has, l);
	if (rc)
		return rc;
	fputs("SystemCallArchitectures=native\n", f);
	if (!allow_list)
		return sd_deny_list(f, p, has, l);
	sd_allow_list(f, p, l);
	return 0;
}

int cj_export_systemd(const struct cj_policy *policy, char **out)
{
	size_t count, len;
	struct cj_policy copy, *p = &copy;
	struct sd_lists l;
	char *buf = NULL;
	bool *has;
	FILE *f;
	int rc;

	*out = NULL;
	cj_table(&count);
	if (policy->nrows != count)
		return -EINVAL;
	/* systemd cannot bind the jail's own ids either (see the OCI). */
	if (cj_policy_copy(&copy, policy))
		return -ENOMEM;
	cj_policy_drop_own_ids(&copy);
	has = rows_with_conds(p);
	if (!has || sd_lists_alloc(&l, count)) {
		free(has);
		cj_policy_free(&copy);
		return -ENOMEM;
	}
	f = open_memstream(&buf, &len);
	rc = f ? sd_write(f, p, has, &l) : -ENOMEM;
	if (f && rc) {
		fclose(f);
		free(buf);
	} else if (f) {
		rc = finish(f, &buf, out);
	}
	free(has);
	sd_lists_free(&l);
	cj_policy_free(&copy);
	return rc;
}
