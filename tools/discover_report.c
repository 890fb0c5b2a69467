/* SPDX-License-Identifier: MIT */
/*
 * discover's human report (see discover_report.h).
 */
#include "discover_report.h"

#include <errno.h>
#include <stdarg.h>
#include <string.h>

#include "compiler.h"

#include "argcheck.h"
#include "argnames.h"
#include "profile.h"
#include "selfpath.h"
#include "textfmt.h"

#define WIDTH 78

static const char *prog_name(const struct dr_meta *m)
{
	const char *slash = strrchr(m->argv[0], '/');

	return slash ? slash + 1 : m->argv[0];
}

const char *dr_outcome(const struct dr_meta *m, char *buf, size_t len)
{
	const struct tu_usage *u = m->u;

	if (!u->root_done)
		snprintf(buf, len, "ended without an exit status in the trace");
	else if (u->root_killed)
		snprintf(buf, len, "was killed by %s%s", u->root_signal,
			 u->root_core ? " (core dumped)" : "");
	else
		snprintf(buf, len, "exited with status %d", u->root_status);
	return buf;
}

static const struct cj_syscall *row_of(const struct dd_entry *e)
{
	size_t n;

	return e->row < 0 ? NULL : cj_table(&n) + e->row;
}

static void print_head(FILE *out, const struct dd_entry *e, bool fast)
{
	const struct cj_syscall *t = row_of(e);
	char calls[32];

	fprintf(out, "  %s", e->name);
	if (strcmp(e->name, e->strace) != 0)
		fprintf(out, " (strace: %s)", e->strace);
	if (e->count || !fast)
		fprintf(out, "  %s", cjs_calls(e->count, calls, sizeof(calls)));
	if (t)
		fprintf(out, "  [%s]", t->group);
	if (e->dangerous)
		fputs("  !! DANGEROUS", out);
	fputc('\n', out);
}

static void print_why(FILE *out, const struct dd_entry *e)
{
	const struct cj_syscall *t = row_of(e);

	if (t)
		cjs_wrap(out, t->why, 6, WIDTH);
}

static void print_cond(FILE *out, const struct dd_entry *e)
{
	fprintf(out, "      %lu pass", e->pass);
	if (e->killed)
		fprintf(out, ", %lu would be killed", e->killed);
	if (e->failed)
		fprintf(out, ", %lu would fail with an errno", e->failed);
	fputc('\n', out);
	if (e->sample && (e->killed || e->failed)) {
		uint64_t v[6];
		size_t n =
		    ac_call_args(e->name, e->sample, strlen(e->sample), v);
		char dec[320];

		fprintf(out, "      first that fails: %s(%s)\n", e->strace,
			e->sample);
		if (n)
			fprintf(out, "        decoded: %s%s\n", e->name,
				cj_args_decode(e->name, v, n > 3 ? 3 : n, dec,
					       sizeof(dec)));
	}
	ac_print_rules(out, e->name, 6, WIDTH, false);
}

static void section(FILE *out, const char *title, size_t n)
{
	fprintf(out, "\n%s (%zu):\n\n", title, n);
}

static void print_blocked(FILE *out, const struct dd_result *r,
			  const struct dr_meta *m)
{
	size_t n = 0;

	for (size_t i = 0; i < r->n; i++)
		n += r->v[i].blocks;
	if (!n)
		return;
	fprintf(out, "\nBlocked: the jail would kill %s on these (%zu):\n\n",
		prog_name(m), n);
	for (size_t i = 0; i < r->n; i++) {
		const struct dd_entry *e = &r->v[i];

		if (!e->blocks)
			continue;
		print_head(out, e, m->fast);
		if (e->cls == DD_COND) {
			print_cond(out, e);
		} else if (e->cls == DD_FOREIGN) {
			fprintf(out,
				"      A 32-bit (i386) syscall%s%s%s: capejail "
				"kills every foreign ABI;\n      run a 64-bit "
				"build of the program.\n",
				*e->native ? " (" : "", e->native,
				*e->native ? " in 64-bit code)" : "");
		} else if (e->cls == DD_ERRNO) {
			fprintf(
			    out,
			    "      fails with ENOSYS in the jail; glibc then "
			    "retries with clone, and\n      %lu of these "
			    "calls would break clone's argument rules:\n",
			    e->killed);
			if (e->sample)
				fprintf(out, "      first: %s(%s)\n", e->strace,
					e->sample);
			ac_print_rules(out, "clone", 6, WIDTH, false);
		} else if (e->cls == DD_UNKNOWN) {
			fputs("      Not in the policy table; its verdict is "
			      "the policy's fallback.\n",
			      out);
		}
		print_why(out, e);
	}
}

static void print_class(FILE *out, const struct dd_result *r,
			const struct dr_meta *m, enum dd_class cls,
			const char *title)
{
	char ebuf[32];
	size_t n = 0;

	for (size_t i = 0; i < r->n; i++)
		n += r->v[i].cls == cls && !r->v[i].blocks;
	if (!n)
		return;
	section(out, title, n);
	for (size_t i = 0; i < r->n; i++) {
		const struct dd_entry *e = &r->v[i];

		if (e->cls != cls || e->blocks)
			continue;
		print_head(out, e, m->fast);
		if (cls == DD_COND) {
			print_cond(out, e);
			continue;
		}
		if (e->verdict.action == CJ_ACT_ERRNO)
			fprintf(
			    out, "      fails with %s in the jail",
			    cj_errno_name(e->verdict.err, ebuf, sizeof(ebuf)));
		if (e->enosys)
			fprintf(
			    out, "%sanswered ENOSYS on this host %s",
			    e->verdict.action == CJ_ACT_ERRNO ? "; " : "      ",
			    e->enosys == e->count ? "every time" : "at times");
		fputc('\n', out);
		if (cls == DD_ERRNO && e->verdict.err != ENOSYS)
			fprintf(
			    out,
			    "      if %s cannot do without it: --allow %s\n",
			    prog_name(m), e->name);
		if (cls == DD_ERRNO)
			print_why(out, e);
	}
}

/* Allowed syscalls this kernel answered with ENOSYS: it lacks them. */
static void print_host_enosys(FILE *out, const struct dd_result *r)
{
	size_t n = 0;

	for (size_t i = 0; i < r->n; i++)
		n += r->v[i].cls == DD_ALLOWED && r->v[i].enosys;
	if (!n)
		return;
	section(out, "Allowed, but this kernel answered ENOSYS (it lacks them)",
		n);
	for (size_t i = 0; i < r->n; i++) {
		const struct dd_entry *e = &r->v[i];

		if (e->cls == DD_ALLOWED && e->enosys)
			fprintf(out, "  %s  %lu of %lu calls\n", e->name,
				e->enosys, e->count);
	}
}

static void print_jail_opts(FILE *out, const struct dr_meta *m)
{
	if (m->root) {
		fputs(" -r ", out);
		cjs_shell_word(out, m->root);
	}
	if (m->user) {
		fputs(" -u ", out);
		cjs_shell_word(out, m->user);
	}
	if (m->dir) {
		fputs(" -d ", out);
		cjs_shell_word(out, m->dir);
	}
	for (size_t i = 0; i < m->nenv; i++) {
		fputs(" -e ", out);
		cjs_shell_word(out, m->env[i]);
	}
	if (m->no_network)
		fputs(" -n", out);
}

/* "    TOOL [jail options] OPTS -- PROG ARGS TAIL" */
static void print_command(FILE *out, const struct dr_meta *m, const char *tool,
			  const char *opt, const char *arg, const char *tail)
{
	fprintf(out, "    %s", tool);
	print_jail_opts(out, m);
	fprintf(out, " %s ", opt);
	cjs_shell_word(out, arg);
	fputs(" --", out);
	for (char *const *a = m->argv; *a; a++) {
		fputc(' ', out);
		cjs_shell_word(out, *a);
	}
	fprintf(out, "%s\n", tail);
}

static void warn(FILE *out, const char *fmt, ...) CJ_PRINTF(2, 3);

/* A warning paragraph, wrapped. */
static void warn(FILE *out, const char *fmt, ...)
{
	char text[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	fputc('\n', out);
	cjs_wrap_hanging(out, text, "WARNING: ", "  ", WIDTH);
}

static void print_howto(FILE *out, const struct dd_result *r,
			const struct dr_meta *m)
{
	char list[4096], profile[300], tail[320];
	char cj[CJ_CMD_LEN], cjs[CJ_CMD_LEN], cjd[CJ_CMD_LEN + 16];
	size_t nallow = dd_allow_list(r, list, sizeof(list));

	/* The programs the user's shell will run (selfpath.h). */
	cj_command("capejail", cj, sizeof(cj));
	cj_command("capejail-syscalls", cjs, sizeof(cjs));
	snprintf(cjd, sizeof(cjd), "%s discover", cjs);

	if (nallow) {
		snprintf(profile, sizeof(profile), "%s.profile", prog_name(m));
		snprintf(tail, sizeof(tail), " > %s", profile);
		fputs("\nTo allow the blocked syscalls without recompiling:\n",
		      out);
		print_command(out, m, cj, "--allow", list, "");
		fputs("  or write a profile, review it, and use it:\n", out);
		print_command(out, m, cjd, "--emit", "profile", tail);
		print_command(out, m, cj, "--profile", profile, "");
	}
	for (size_t i = 0; i < r->n; i++) {
		const struct dd_entry *e = &r->v[i];

		if (e->dangerous && e->blocks)
			warn(out,
			     "%s is DANGEROUS: allowing it hands jailed code "
			     "a known escape or kernel-attack primitive. Read "
			     "'%s explain %s' and allow it "
			     "only for code you trust.",
			     e->name, cjs, e->name);
		if (e->cls == DD_COND && e->blocks)
			warn(out,
			     "--allow %s drops its argument rules too: every "
			     "call of it would run.",
			     e->name);
		if (e->cls == DD_FOREIGN)
			warn(out,
			     "%s is a 32-bit syscall: no option allows it; "
			     "capejail kills every foreign ABI.",
			     e->strace);
	}
}

void dr_print_text(FILE *out, const struct dd_result *r,
		   const struct dr_meta *m)
{
	const struct tu_usage *u = m->u;
	char outcome[128];

	fprintf(out, "%s %s (%s %s).\n", prog_name(m),
		dr_outcome(m, outcome, sizeof(outcome)),
		m->notify ? "watched" : "traced",
		m->jail
		    ? (m->notify ? "in the jail, every call let through"
				 : "in the jail, without the seccomp filter")
		    : "on the host");
	if (m->notify)
		fputs("Watched by seccomp user notifications (discovery is "
		      "not a jail: every call\nran): the calls the default "
		      "policy allows ran untouched, so their counts are\n"
		      "unknown (--engine strace --full counts all).\n",
		      out);
	else if (m->fast)
		fputs("Fast trace: only syscalls the default policy does not "
		      "allow unconditionally\nwere stopped on, so counts of "
		      "allowed syscalls are unknown (--full counts all).\n",
		      out);
	if (u->sigsys)
		fprintf(out,
			"Note: %lu traced process(es) were killed by SIGSYS "
			"already on the host:\nthe program runs under a "
			"seccomp filter of its own.\n",
			u->sigsys);
	if (m->jail && !u->prog_started)
		fputs("Note: the program never started in the jail; see the "
		      "launcher's message above.\n",
		      out);
	print_blocked(out, r, m);
	print_class(out, r, m, DD_COND,
		    "Allowed with conditions; check the arguments");
	print_class(out, r, m, DD_ERRNO,
		    "Fail with an error in the jail, not killed");
	print_class(out, r, m, DD_UNKNOWN,
		    "Unknown to the policy: they answer ENOSYS in the jail");
	print_host_enosys(out, r);
	if (!r->nblocking)
		fprintf(out,
			"\nNothing to allow: the default policy lets %s make "
			"every syscall it made here.\n",
			prog_name(m));
	print_howto(out, r, m);
}

void dr_print_all(FILE *out, const struct dd_result *r, const struct dr_meta *m)
{
	char ebuf[32], calls[32];
	unsigned long total = 0;

	for (size_t i = 0; i < r->n; i++)
		total += r->v[i].count;
	fprintf(out, "\nEvery syscall %s made (%zu, %lu calls):\n\n",
		prog_name(m), r->n, total);
	for (size_t i = 0; i < r->n; i++) {
		const struct dd_entry *e = &r->v[i];
		const char *v = dd_class_name(e->cls);

		if (e->cls == DD_ERRNO || e->cls == DD_UNKNOWN)
			v = cj_errno_name(e->verdict.err, ebuf, sizeof(ebuf));
		fprintf(out, "  %-24s %14s  %s%s\n", e->name,
			cjs_calls(e->count, calls, sizeof(calls)), v,
			e->dangerous ? " (dangerous)" : "");
	}
}
