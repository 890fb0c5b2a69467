/* SPDX-License-Identifier: MIT */
#include "argcheck.h"

#include <ctype.h>
#include <linux/sched.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "compiler.h"

#include "argnames.h"

#include "strace_parse.h"
#include "profile.h"
#include "textfmt.h"

#define FLAG(f)       \
	{             \
#f, f \
	}

static const struct {
	const char *name;
	uint64_t value;
} clone_flags[] = {
	FLAG(CLONE_VM),
	FLAG(CLONE_FS),
	FLAG(CLONE_FILES),
	FLAG(CLONE_SIGHAND),
	FLAG(CLONE_PIDFD),
	FLAG(CLONE_PTRACE),
	FLAG(CLONE_VFORK),
	FLAG(CLONE_PARENT),
	FLAG(CLONE_THREAD),
	FLAG(CLONE_NEWNS),
	FLAG(CLONE_SYSVSEM),
	FLAG(CLONE_SETTLS),
	FLAG(CLONE_PARENT_SETTID),
	FLAG(CLONE_CHILD_CLEARTID),
	FLAG(CLONE_DETACHED),
	FLAG(CLONE_UNTRACED),
	FLAG(CLONE_CHILD_SETTID),
	FLAG(CLONE_NEWCGROUP),
	FLAG(CLONE_NEWUTS),
	FLAG(CLONE_NEWIPC),
	FLAG(CLONE_NEWUSER),
	FLAG(CLONE_NEWPID),
	FLAG(CLONE_NEWNET),
	FLAG(CLONE_IO),
	FLAG(CLONE_NEWTIME),
};

/* One token of "flags=A|B|SIGCHLD|0x4"; false if unknown. */
static bool flag_value(const char *tok, size_t len, uint64_t *v)
{
	char buf[48], *end;

	if (len == 0 || len >= sizeof(buf))
		return false;
	memcpy(buf, tok, len);
	buf[len] = '\0';
	for (size_t i = 0; i < CJ_ARRAY_SIZE(clone_flags); i++)
		if (strcmp(buf, clone_flags[i].name) == 0) {
			*v = clone_flags[i].value;
			return true;
		}
	if (strncmp(buf, "SIG", 3) == 0) {
		for (int sig = 1; sig < 65; sig++) {
			const char *abbrev = sigabbrev_np(sig);

			if (abbrev && strcmp(buf + 3, abbrev) == 0) {
				*v = (uint64_t)sig;
				return true;
			}
		}
		return false;
	}
	*v = strtoull(buf, &end, 0);
	return isdigit((unsigned char)buf[0]) && *end == '\0';
}

/*
 * clone's flags as strace decodes them ("child_stack=NULL, flags=CLONE_VM|
 * SIGCHLD, ..."; clone3: "{flags=CLONE_VM|CLONE_THREAD, ...}"): clone stays
 * decoded so that its return value keeps strace's pidns comment. Returns
 * true with the value in *OUT.
 */
static bool clone_flags_value(const char *args, size_t len, uint64_t *out)
{
	const char *end = args + len, *p;
	uint64_t v = 0;

	for (p = args; p + 6 <= end; p++)
		if (memcmp(p, "flags=", 6) == 0 &&
		    (p == args || p[-1] == ' ' || p[-1] == '{'))
			break;
	if (p + 6 > end)
		return false;
	p += 6;
	for (;;) {
		const char *tok = p;
		uint64_t f;

		while (p < end && *p != '|' && *p != ',' && *p != ')' &&
		       *p != '}')
			p++;
		if (!flag_value(tok, (size_t)(p - tok), &f))
			return false;
		v |= f;
		if (p >= end || *p != '|')
			break;
		p++;
	}
	*out = v;
	return true;
}

size_t ac_call_args(const char *name, const char *args, size_t len,
		    uint64_t v[6])
{
	if ((strcmp(name, "clone") == 0 || strcmp(name, "clone3") == 0) &&
	    memmem(args, len, "flags=", 6))
		return clone_flags_value(args, len, v) ? 1 : 0;
	return sp_raw_args(args, len, v, 6);
}

int ac_classify(void *ctx, const char *name, const char *args, size_t len)
{
	const struct cj_eval *ev = ctx;
	const struct cj_policy *p = ev->policy;
	int row = cj_table_index(name);
	uint64_t v[6];
	size_t n;
	bool unchecked;
	struct cj_verdict verdict;

	/*
	 * clone3 answers ENOSYS in the jail and glibc retries with clone:
	 * its flags meet clone's rules then.
	 */
	if (strcmp(name, "clone3") == 0) {
		row = cj_table_index("clone");
		name = "clone";
	}
	if (row < 0 || !cj_policy_has_conds(p, row) || !args)
		return AC_PASS;
	n = ac_call_args(name, args, len, v);
	verdict = cj_policy_eval(ev, row, v, n, &unchecked);
	if (unchecked)
		return AC_PASS;
	switch (verdict.action) {
	case CJ_ACT_ALLOW:
		return AC_PASS;
	case CJ_ACT_KILL:
		return AC_KILL;
	case CJ_ACT_ERRNO:
		return AC_ERRNO;
	}
	return AC_PASS;
}

static void append(char *buf, size_t len, size_t *pos, const char *fmt, ...)
    CJ_PRINTF(4, 5);

static void append(char *buf, size_t len, size_t *pos, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (*pos >= len)
		return;
	va_start(ap, fmt);
	n = vsnprintf(buf + *pos, len - *pos, fmt, ap);
	va_end(ap);
	if (n > 0)
		*pos += (size_t)n;
}

static void append_value(char *buf, size_t len, size_t *pos, uint64_t v)
{
	if (v < 256)
		append(buf, len, pos, "%llu", (unsigned long long)v);
	else
		append(buf, len, pos, "0x%llx", (unsigned long long)v);
}

/* V by its name (argnames.h) where it has one, else as a number. */
static void append_named(char *buf, size_t len, size_t *pos,
			 const char *syscall, unsigned arg, uint64_t v,
			 uint64_t level)
{
	const char *s = cj_arg_name(syscall, arg, v, level);

	if (s && strcmp(s, "0") != 0)
		append(buf, len, pos, "%s", s);
	else
		append_value(buf, len, pos, v);
}

/* An ALLOW_EACH value: the jail's own ids by name, -1, or a number. */
static void append_id(char *buf, size_t len, size_t *pos, uint64_t v)
{
	if (v == CJ_OWN_UID)
		append(buf, len, pos, "the jail's uid");
	else if (v == CJ_OWN_GID)
		append(buf, len, pos, "the jail's gid");
	else if (v == CJ_ID_UNCHANGED)
		append(buf, len, pos, "-1");
	else
		append_value(buf, len, pos, v);
}

const char *ac_rule_text(const struct cj_argrule *r, char *buf, size_t len)
{
	char ebuf[32];
	size_t pos = 0;

	buf[0] = '\0';
	switch (r->kind) {
	case CJ_ARG_ALLOW_IN:
		append(buf, len, &pos, "allowed when ");
		break;
	case CJ_ARG_ALLOW_PAIRS:
		append(buf, len, &pos, "allowed when (arg%u, arg%u) is ",
		       r->arg, r->arg + 1);
		for (size_t i = 0; i < r->nvalues; i++) {
			if (i)
				append(buf, len, &pos,
				       i + 1 == r->nvalues ? " or " : ", ");
			append(buf, len, &pos, "(");
			append_named(buf, len, &pos, r->name, r->arg,
				     (r->values[i] >> 32) & r->mask, 0);
			append(buf, len, &pos, ", ");
			append_named(buf, len, &pos, r->name, r->arg + 1,
				     r->values[i] & r->mask,
				     (r->values[i] >> 32) & r->mask);
			append(buf, len, &pos, ")");
		}
		return buf;
	case CJ_ARG_ALLOW_EACH:
		if (r->arg)
			append(buf, len, &pos,
			       "allowed when each of arg0..arg%u (low 32 bits) "
			       "is ",
			       r->arg);
		else
			append(buf, len, &pos,
			       "allowed when arg0 (low 32 bits) is ");
		for (size_t i = 0; i < r->nvalues; i++) {
			if (i)
				append(buf, len, &pos,
				       i + 1 == r->nvalues ? " or " : ", ");
			append_id(buf, len, &pos, r->values[i]);
		}
		return buf;
	case CJ_ARG_ALLOW_SOCKETS:
		append(buf, len, &pos,
		       "allowed when (family, type, protocol) is ");
		for (size_t i = 0; i < r->nvalues; i++) {
			if (i)
				append(buf, len, &pos,
				       i + 1 == r->nvalues ? " or " : ", ");
			append(
			    buf, len, &pos, "(%llu, %llu, %llu)",
			    (unsigned long long)CJ_SOCK_FAMILY_OF(r->values[i]),
			    (unsigned long long)CJ_SOCK_TYPE_OF(r->values[i]),
			    (unsigned long long)CJ_SOCK_PROTO_OF(r->values[i]));
		}
		append(buf, len, &pos,
		       "; another type or protocol of these families fails "
		       "with %s",
		       cj_errno_name(r->err, ebuf, sizeof(ebuf)));
		return buf;
	case CJ_ARG_DENY_IN:
		append(buf, len, &pos, "killed when ");
		break;
	case CJ_ARG_ERRNO_IN:
		append(buf, len, &pos, "fails with %s when ",
		       cj_errno_name(r->err, ebuf, sizeof(ebuf)));
		break;
	}
	if (r->mask == 0xffffffffu)
		append(buf, len, &pos, "arg%u (low 32 bits)", r->arg);
	else if (r->mask == UINT64_MAX)
		append(buf, len, &pos, "arg%u", r->arg);
	else
		append(buf, len, &pos, "(arg%u & 0x%llx)", r->arg,
		       (unsigned long long)r->mask);
	append(buf, len, &pos, " is ");
	for (size_t i = 0; i < r->nvalues; i++) {
		if (i)
			append(buf, len, &pos,
			       i + 1 == r->nvalues ? " or " : ", ");
		append_named(buf, len, &pos, r->name, r->arg, r->values[i], 0);
	}
	return buf;
}

size_t ac_print_rules(FILE *out, const char *name, int indent, int width,
		      bool with_why)
{
	size_t n, count = 0;
	const struct cj_argrule *rules = cj_argrules(&n);
	bool allow_list = false;
	char text[1024], first[80], rest[80];

	snprintf(first, sizeof(first), "%*s- ", indent, "");
	snprintf(rest, sizeof(rest), "%*s", indent + 2, "");
	for (size_t i = 0; i < n; i++) {
		if (strcmp(rules[i].name, name) != 0)
			continue;
		count++;
		allow_list |= rules[i].kind == CJ_ARG_ALLOW_IN ||
			      rules[i].kind == CJ_ARG_ALLOW_PAIRS ||
			      rules[i].kind == CJ_ARG_ALLOW_SOCKETS;
		ac_rule_text(&rules[i], text, sizeof(text));
		if (with_why) {
			size_t len = strlen(text);

			snprintf(text + len, sizeof(text) - len, ": %s",
				 rules[i].why);
		}
		cjs_wrap_hanging(out, text, first, rest, width);
	}
	if (allow_list)
		fprintf(out, "%sany other call is killed\n", first);
	return count;
}

bool ac_has_rules(const char *name)
{
	size_t n;
	const struct cj_argrule *rules = cj_argrules(&n);

	for (size_t i = 0; i < n; i++)
		if (strcmp(rules[i].name, name) == 0)
			return true;
	return false;
}
