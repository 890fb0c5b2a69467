/* SPDX-License-Identifier: MIT */
/*
 * capejail profiles: a small line-based language that edits a policy
 * (docs/profiles.md).
 *
 *   base default|empty|kill-all        first directive only
 *   include FILE                       relative to the including file
 *   allow|deny NAME[,NAME...] [if COND]
 *   errno ENAME|NUMBER NAME[,NAME...] [if COND]
 *   COND: argN OP NUMBER | argN & MASK == NUMBER, joined by "and"
 *
 * The parser is pure: it reads includes through a callback and applies
 * everything to a copy of the policy, which replaces the caller's only
 * when the whole profile was accepted.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "compiler.h"
#include "profile.h"
#include "cond.h"
#include "filter.h"

#define LINE_MAX_LEN 4096
#define NAME_MAX_LEN 64

struct parser {
	struct cj_policy *p;
	const struct cj_profile_ops *ops;
	const char *keys[CJ_PROFILE_MAX_DEPTH + 1]; /* include stack */
	const char *names[CJ_PROFILE_MAX_DEPTH + 1];
	unsigned depth;
	const char *name; /* current source, for messages */
	unsigned line;
	bool seen_directive; /* in the top-level source */
	char *err;
	size_t errlen;
};

static int perr(struct parser *ps, const char *fmt, ...) CJ_PRINTF(2, 3);

/* "file:3: " for messages about the current line. */
static const char *where(const struct parser *ps, char *buf, size_t len)
{
	snprintf(buf, len, "%s:%u: ", ps->name, ps->line);
	return buf;
}

static int perr(struct parser *ps, const char *fmt, ...)
{
	char at[4096];
	va_list ap;

	va_start(ap, fmt);
	cj_vformat_at(ps->err, ps->errlen, where(ps, at, sizeof(at)), fmt, ap);
	va_end(ap);
	return -EINVAL;
}

static void pwarn(struct parser *ps, const char *fmt, ...) CJ_PRINTF(2, 3);

static void pwarn(struct parser *ps, const char *fmt, ...)
{
	char msg[1024], at[1024];
	va_list ap;

	if (!ps->ops || !ps->ops->warn)
		return;
	va_start(ap, fmt);
	cj_vformat_at(msg, sizeof(msg), where(ps, at, sizeof(at)), fmt, ap);
	va_end(ap);
	ps->ops->warn(ps->ops->ctx, msg);
}

/* errno names */

static const struct {
	const char *name;
	int value;
} errno_aliases[] = {
	{ "EWOULDBLOCK", EWOULDBLOCK },
	{ "EDEADLOCK", EDEADLOCK },
	{ "ENOTSUP", ENOTSUP },
};

/* Decimal, 0x hex or 0 octal, no sign, fits in 64 bits. */
static int parse_u64(const char *s, uint64_t *out)
{
	unsigned base = 10;
	uint64_t v = 0;

	if (!*s)
		return -EINVAL;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
		if (!*s)
			return -EINVAL;
	} else if (s[0] == '0' && s[1]) {
		base = 8;
		s++;
	}
	for (; *s; s++) {
		unsigned d;

		if (*s >= '0' && *s <= '9')
			d = (unsigned)(*s - '0');
		else if (*s >= 'a' && *s <= 'f')
			d = (unsigned)(*s - 'a' + 10);
		else if (*s >= 'A' && *s <= 'F')
			d = (unsigned)(*s - 'A' + 10);
		else
			return -EINVAL;
		if (d >= base)
			return -EINVAL;
		if (v > (UINT64_MAX - d) / base)
			return -ERANGE;
		v = v * base + d;
	}
	*out = v;
	return 0;
}

int cj_errno_parse(const char *s)
{
	uint64_t v;

	if (s[0] >= '0' && s[0] <= '9')
		return parse_u64(s, &v) == 0 && v >= 1 && v <= CJ_ERRNO_MAX
			   ? (int)v
			   : -1;
	for (size_t i = 0; i < CJ_ARRAY_SIZE(errno_aliases); i++)
		if (strcmp(s, errno_aliases[i].name) == 0)
			return errno_aliases[i].value;
	for (int e = 1; e < 512; e++) {
		const char *n = strerrorname_np(e);

		if (n && strcmp(n, s) == 0)
			return e;
	}
	return -1;
}

const char *cj_errno_name(int e, char *buf, size_t len)
{
	const char *n = e > 0 ? strerrorname_np(e) : NULL;

	if (n)
		snprintf(buf, len, "%s", n);
	else
		snprintf(buf, len, "%d", e);
	return buf;
}

/* Sources */

void cj_profile_src_free(struct cj_profile_src *src)
{
	free(src->name);
	free(src->key);
	free(src->text);
	memset(src, 0, sizeof(*src));
}

int cj_profile_read_file(const char *path, struct cj_profile_src *src,
			 char *err, size_t errlen)
{
	struct stat st;
	char *real;
	ssize_t n;
	size_t got = 0;
	int fd, rc = 0;

	memset(src, 0, sizeof(*src));
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		rc = -errno;
		snprintf(err, errlen, "%s: %s", path, strerror(-rc));
		return rc;
	}
	if (fstat(fd, &st) < 0) {
		rc = -errno;
		snprintf(err, errlen, "%s: %s", path, strerror(-rc));
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		rc = -EINVAL;
		snprintf(err, errlen, "%s: not a regular file", path);
		goto out;
	}
	if ((uint64_t)st.st_size > CJ_PROFILE_MAX_SIZE) {
		rc = -EFBIG;
		snprintf(err, errlen, "%s: larger than %u bytes", path,
			 CJ_PROFILE_MAX_SIZE);
		goto out;
	}
	src->text = malloc((size_t)st.st_size + 1);
	src->name = strdup(path);
	real = realpath(path, NULL);
	src->key = real ? real : strdup(path);
	if (!src->text || !src->name || !src->key) {
		rc = -ENOMEM;
		snprintf(err, errlen, "%s: out of memory", path);
		goto out;
	}
	while (got <= (size_t)st.st_size) {
		n = read(fd, src->text + got, (size_t)st.st_size + 1 - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = -errno;
			snprintf(err, errlen, "%s: %s", path, strerror(-rc));
			goto out;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	if (got > (size_t)st.st_size) {
		rc = -EFBIG;
		snprintf(err, errlen, "%s: the file grew while being read",
			 path);
		goto out;
	}
	src->len = got;
out:
	close(fd);
	if (rc)
		cj_profile_src_free(src);
	return rc;
}

/* Includes from files: relative to the including file's directory. */
static int read_include_file(void *ctx, const char *from, const char *include,
			     struct cj_profile_src *out, char *err,
			     size_t errlen)
{
	const char *slash = strrchr(from, '/');
	char path[4096];
	int n;

	(void)ctx;
	if (include[0] == '/' || !slash)
		n = snprintf(path, sizeof(path), "%s", include);
	else
		n = snprintf(path, sizeof(path), "%.*s/%s", (int)(slash - from),
			     from, include);
	if (n < 0 || (size_t)n >= sizeof(path)) {
		snprintf(err, errlen, "path too long");
		return -ENAMETOOLONG;
	}
	return cj_profile_read_file(path, out, err, errlen);
}

/* Lines and words */

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static char *skip_space(char *s)
{
	while (is_space(*s))
		s++;
	return s;
}

/* The next whitespace-separated word of *S, NUL-terminated in place. */
static char *next_word(char **s)
{
	char *w = skip_space(*s), *e = w;

	if (!*w)
		return NULL;
	while (*e && !is_space(*e))
		e++;
	if (*e)
		*e++ = '\0';
	*s = e;
	return w;
}

/* Conditions */

struct cond_lexer {
	struct parser *ps;
	const char *s;
	char tok[64];
};

/* Next token: a word of [A-Za-z0-9_] or an operator. 0, 1 at the end. */
static int lex(struct cond_lexer *lx)
{
	static const char *const ops[] = {
		"==", "!=", "<=", ">=", "<", ">", "&"
	};
	const char *s = lx->s;
	size_t n = 0;

	while (is_space(*s))
		s++;
	lx->s = s;
	if (!*s) {
		lx->tok[0] = '\0';
		return 1;
	}
	if ((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'z') ||
	    (*s >= 'A' && *s <= 'Z') || *s == '_') {
		while ((s[n] >= '0' && s[n] <= '9') ||
		       (s[n] >= 'a' && s[n] <= 'z') ||
		       (s[n] >= 'A' && s[n] <= 'Z') || s[n] == '_')
			n++;
		if (n >= sizeof(lx->tok))
			return perr(lx->ps, "word too long: '%.20s...'", s);
		memcpy(lx->tok, s, n);
		lx->tok[n] = '\0';
		lx->s = s + n;
		return 0;
	}
	if ((s[0] == '&' && s[1] == '&') || (s[0] == '|' && s[1] == '|'))
		return perr(lx->ps, "join comparisons with 'and'; for "
				    "alternatives write one rule per line");
	for (size_t i = 0; i < CJ_ARRAY_SIZE(ops); i++) {
		size_t l = strlen(ops[i]);

		if (strncmp(s, ops[i], l) == 0) {
			memcpy(lx->tok, ops[i], l + 1);
			lx->s = s + l;
			return 0;
		}
	}
	if (*s == '=')
		return perr(lx->ps, "'=' is not an operator: compare with ==");
	return perr(
	    lx->ps, "unexpected character '%c' in the condition",
	    (unsigned char)*s >= 0x20 && (unsigned char)*s < 0x7f ? *s : '?');
}

static int expect_number(struct cond_lexer *lx, const char *what, uint64_t *out)
{
	int rc = lex(lx);

	if (rc < 0)
		return rc;
	if (rc == 1)
		return perr(lx->ps, "%s: a number is missing at the end", what);
	rc = parse_u64(lx->tok, out);
	if (rc == -ERANGE)
		return perr(lx->ps, "%s: '%s' does not fit in 64 bits", what,
			    lx->tok);
	if (rc)
		return perr(lx->ps,
			    "%s: '%s' is not a number (decimal, 0x hex or "
			    "0 octal)",
			    what, lx->tok);
	return 0;
}

static int parse_cmp(struct cond_lexer *lx, struct cj_argcmp *c)
{
	static const struct {
		const char *op;
		enum cj_cmp cmp;
	} ops[] = {
		{ "==", CJ_CMP_EQ }, { "!=", CJ_CMP_NE }, { "<", CJ_CMP_LT },
		{ "<=", CJ_CMP_LE }, { ">", CJ_CMP_GT },  { ">=", CJ_CMP_GE },
	};
	char arg[64];
	int rc = lex(lx);

	if (rc < 0)
		return rc;
	if (rc == 1)
		return perr(lx->ps, "a comparison is missing after 'if' or "
				    "'and'");
	if (strncmp(lx->tok, "arg", 3) != 0 || lx->tok[3] < '0' ||
	    lx->tok[3] > '5' || lx->tok[4])
		return perr(lx->ps,
			    "'%s': a comparison starts with arg0 ... arg5",
			    lx->tok);
	c->arg = (unsigned)(lx->tok[3] - '0');
	snprintf(arg, sizeof(arg), "%s", lx->tok);
	rc = lex(lx);
	if (rc < 0)
		return rc;
	if (rc == 1)
		return perr(lx->ps,
			    "%s: an operator is missing (== != < <= "
			    "> >= or & MASK ==)",
			    arg);
	if (strcmp(lx->tok, "&") == 0) {
		rc = expect_number(lx, arg, &c->a);
		if (rc)
			return rc;
		rc = lex(lx);
		if (rc < 0)
			return rc;
		if (rc == 1 || strcmp(lx->tok, "==") != 0)
			return perr(lx->ps,
				    "%s & 0x%llx: expected == after "
				    "the mask",
				    arg, (unsigned long long)c->a);
		c->op = CJ_CMP_MASKED_EQ;
		rc = expect_number(lx, arg, &c->b);
		if (rc)
			return rc;
		if (c->b & ~c->a)
			return perr(lx->ps,
				    "%s & 0x%llx == 0x%llx can never hold: the "
				    "value has bits outside the mask",
				    arg, (unsigned long long)c->a,
				    (unsigned long long)c->b);
		return 0;
	}
	for (size_t i = 0; i < CJ_ARRAY_SIZE(ops); i++)
		if (strcmp(lx->tok, ops[i].op) == 0) {
			c->op = ops[i].cmp;
			c->b = 0;
			return expect_number(lx, arg, &c->a);
		}
	return perr(lx->ps,
		    "%s: '%s' is not an operator (== != < <= > >= or & MASK "
		    "==)",
		    arg, lx->tok);
}

/* "argN OP VALUE and ..." -> C. */
static int parse_cond(struct parser *ps, const char *text, struct cj_cond *c)
{
	struct cond_lexer lx = { .ps = ps, .s = text };
	unsigned seen = 0;
	int rc;

	c->ncmp = 0;
	for (;;) {
		struct cj_argcmp cmp = { 0 };

		if (c->ncmp == CJ_MAX_CMP)
			return perr(ps, "at most %d comparisons in one rule",
				    CJ_MAX_CMP);
		rc = parse_cmp(&lx, &cmp);
		if (rc)
			return rc;
		if (seen & (1u << cmp.arg))
			return perr(ps,
				    "arg%u is compared twice in one rule: a "
				    "seccomp rule takes one comparison per "
				    "argument; write one rule per case",
				    cmp.arg);
		seen |= 1u << cmp.arg;
		c->cmp[c->ncmp++] = cmp;
		rc = lex(&lx);
		if (rc < 0)
			return rc;
		if (rc == 1)
			return 0;
		if (strcmp(lx.tok, "and") != 0)
			return perr(ps,
				    "expected 'and' or the end of the line, "
				    "found '%s'",
				    lx.tok);
	}
}

/* Directives */

/* ARG (a name or number) is in the table (checked by the caller). */
static int apply_name(struct parser *ps, const char *arg, struct cj_verdict v,
		      const struct cj_cond *cond)
{
	int row = cj_table_index_arg(arg);
	const struct cj_syscall *t;
	const char *name;
	size_t n;
	char why[512];
	int rc;

	t = cj_table(&n) + row;
	name = t->name;
	if (v.action == CJ_ACT_ALLOW && (t->flags & CJ_DANGEROUS))
		pwarn(ps, "allowing dangerous syscall %s%s: %s", name,
		      cond ? " (under a condition)" : "", t->why);
	if (!cond) {
		ps->p->rows[row] = v;
		cj_policy_clear_conds(ps->p, row);
		return 0;
	}
	rc = cj_cond_restrict(ps->p, row, cond, v, why, sizeof(why));
	if (rc == -ENOMEM)
		return perr(ps, "out of memory");
	if (rc)
		return perr(ps, "%s: %s", name, why);
	return 0;
}

/* "NAME[,NAME...] [if COND]" with verdict V. */
static int parse_rule(struct parser *ps, char *rest, struct cj_verdict v,
		      const char *directive)
{
	struct cj_cond cond = { 0 }, *condp = NULL;
	char *names[LINE_MAX_LEN / 2];
	size_t nnames = 0;
	char *w;
	int rc;

	while ((w = next_word(&rest))) {
		if (strcmp(w, "if") == 0) {
			rc = parse_cond(ps, rest, &cond);
			if (rc)
				return rc;
			condp = &cond;
			break;
		}
		for (char *tok = w; *tok;) {
			size_t l = strcspn(tok, ",");

			if (l) {
				names[nnames++] = tok;
				if (tok[l])
					tok[l++] = '\0';
			} else {
				l = 1;
			}
			tok += l;
		}
	}
	if (!nnames)
		return perr(ps, "%s: no syscall name given", directive);
	/* Every name is checked, even when the rule turns out a no-op. */
	for (size_t i = 0; i < nnames; i++) {
		if (strlen(names[i]) >= NAME_MAX_LEN)
			return perr(ps, "syscall name too long: '%.20s...'",
				    names[i]);
		if (cj_table_index_arg(names[i]) < 0) {
			char near[256];

			cj_table_suggest_text(names[i], near, sizeof(near));
			return perr(ps, "unknown syscall '%s' (%s)", names[i],
				    near);
		}
	}
	if (condp) {
		if (cj_cond_normalize(&cond, &cond) < 0) {
			pwarn(ps, "the condition can never hold: the rule has "
				  "no effect");
			return 0;
		}
		if (cond.ncmp == 0)
			condp = NULL; /* every comparison always holds */
	}
	for (size_t i = 0; i < nnames; i++) {
		rc = apply_name(ps, names[i], v, condp);
		if (rc)
			return rc;
	}
	return 0;
}

static int parse_base(struct parser *ps, char *rest)
{
	char *w = next_word(&rest);
	struct cj_policy fresh;
	int rc;

	if (ps->depth > 0 || ps->seen_directive)
		return perr(ps, "'base' must be the first directive of the "
				"profile (not in an included file)");
	if (!w || next_word(&rest))
		return perr(ps, "base takes one word: default, empty or "
				"kill-all");
	if (strcmp(w, "default") == 0)
		rc = cj_policy_default(&fresh);
	else if (strcmp(w, "empty") == 0 || strcmp(w, "kill-all") == 0)
		rc = cj_policy_empty(&fresh);
	else
		return perr(
		    ps, "base '%s': expected default, empty or kill-all", w);
	if (rc)
		return perr(ps, "base %s: %s", w, strerror(-rc));
	return cj_policy_commit(ps->p, &fresh, 0);
}

static int parse_source(struct parser *ps, const struct cj_profile_src *src);

static int parse_include(struct parser *ps, char *rest)
{
	struct cj_profile_src inc = { 0 };
	char rerr[512] = "", chain[1024];
	const char *name = ps->name;
	unsigned line = ps->line;
	size_t used = 0;
	char *file = skip_space(rest), *end;
	int rc;

	end = file + strlen(file);
	while (end > file && is_space(end[-1]))
		*--end = '\0';
	if (!*file)
		return perr(ps, "include: no file name given");
	if (ps->depth + 1 > CJ_PROFILE_MAX_DEPTH)
		return perr(ps, "include '%s': includes nested deeper than %d",
			    file, CJ_PROFILE_MAX_DEPTH);
	if (!ps->ops || !ps->ops->read)
		return perr(ps, "include '%s': includes are not available here",
			    file);
	rc = ps->ops->read(ps->ops->ctx, ps->name, file, &inc, rerr,
			   sizeof(rerr));
	if (rc) {
		perr(ps, "include '%s': %s", file,
		     rerr[0] ? rerr : strerror(-rc));
		return rc < 0 ? rc : -EINVAL;
	}
	for (unsigned i = 0; i <= ps->depth; i++) {
		if (strcmp(ps->keys[i], inc.key) != 0)
			continue;
		for (unsigned j = i; j <= ps->depth && used < sizeof(chain);
		     j++)
			used +=
			    (size_t)snprintf(chain + used, sizeof(chain) - used,
					     "%s -> ", ps->names[j]);
		if (used < sizeof(chain))
			snprintf(chain + used, sizeof(chain) - used, "%s",
				 inc.name);
		cj_profile_src_free(&inc);
		return perr(ps, "include cycle: %s", chain);
	}
	ps->depth++;
	rc = parse_source(ps, &inc);
	ps->depth--;
	ps->name = name;
	ps->line = line;
	cj_profile_src_free(&inc);
	return rc;
}

static int parse_line(struct parser *ps, char *line)
{
	char *rest = line, *hash = strchr(line, '#'), *w, *dir;
	int e;

	if (hash)
		*hash = '\0';
	w = next_word(&rest);
	if (!w)
		return 0;
	dir = w;
	if (strcmp(dir, "base") == 0) {
		int rc = parse_base(ps, rest);

		ps->seen_directive = true;
		return rc;
	}
	if (ps->depth == 0)
		ps->seen_directive = true;
	if (strcmp(dir, "include") == 0)
		return parse_include(ps, rest);
	if (strcmp(dir, "allow") == 0)
		return parse_rule(ps, rest,
				  (struct cj_verdict){ CJ_ACT_ALLOW, 0 }, dir);
	if (strcmp(dir, "deny") == 0)
		return parse_rule(ps, rest,
				  (struct cj_verdict){ CJ_ACT_KILL, 0 }, dir);
	if (strcmp(dir, "errno") == 0) {
		w = next_word(&rest);
		if (!w)
			return perr(ps, "errno: expected an errno name or "
					"number, then syscall names");
		e = cj_errno_parse(w);
		if (e < 0)
			return perr(ps,
				    "errno '%s': expected a name such as EPERM "
				    "or ENOSYS, or a number 1..%d",
				    w, CJ_ERRNO_MAX);
		return parse_rule(ps, rest,
				  (struct cj_verdict){ CJ_ACT_ERRNO, e }, dir);
	}
	return perr(ps,
		    "unknown directive '%.40s' (expected base, include, allow, "
		    "deny or errno)",
		    dir);
}

static int parse_source(struct parser *ps, const struct cj_profile_src *src)
{
	char line[LINE_MAX_LEN];
	const char *s = src->text, *end = src->text + src->len;
	int rc;

	ps->keys[ps->depth] = src->key;
	ps->names[ps->depth] = src->name;
	ps->name = src->name;
	ps->line = 0;
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		size_t len = (size_t)((nl ? nl : end) - s);

		ps->line++;
		if (len >= sizeof(line))
			return perr(ps, "line longer than %d characters",
				    LINE_MAX_LEN - 1);
		if (memchr(s, '\0', len))
			return perr(ps,
				    "NUL byte in the line: not a text file");
		memcpy(line, s, len);
		line[len] = '\0';
		rc = parse_line(ps, line);
		if (rc)
			return rc;
		s += len + (nl ? 1 : 0);
	}
	return 0;
}

int cj_profile_parse(struct cj_policy *p, const struct cj_profile_src *top,
		     const struct cj_profile_ops *ops, char *err, size_t errlen)
{
	struct cj_policy copy;
	struct parser ps = {
		.p = &copy,
		.ops = ops,
		.err = err,
		.errlen = errlen,
	};
	int rc;

	if (errlen)
		err[0] = '\0';
	rc = cj_policy_copy(&copy, p);
	if (rc) {
		snprintf(err, errlen, "%s: out of memory", top->name);
		return rc;
	}
	return cj_policy_commit(p, &copy, parse_source(&ps, top));
}

int cj_profile_apply_file(struct cj_policy *p, const char *path,
			  const struct cj_msgs *msgs, char *err, size_t errlen)
{
	const struct cj_profile_ops ops = {
		.read = read_include_file,
		.warn = msgs ? msgs->warn : NULL,
		.ctx = msgs ? msgs->ctx : NULL,
	};
	struct cj_profile_src src;
	int rc = cj_profile_read_file(path, &src, err, errlen);

	if (rc)
		return rc;
	rc = cj_profile_parse(p, &src, &ops, err, errlen);
	cj_profile_src_free(&src);
	return rc;
}
