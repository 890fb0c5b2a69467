/* SPDX-License-Identifier: MIT */
/*
 * OCI runtime-spec seccomp profiles (linux.seccomp of config.json) and
 * Docker's profile format (archMap, includes/excludes) -> a policy that
 * replaces capejail's own (docs/profiles.md).
 *
 * Semantics follow runc and libseccomp, which enforce such profiles:
 *   - a rule whose action equals defaultAction is redundant and skipped;
 *   - names that are not x86_64 syscalls in capejail's table are skipped;
 *   - for one syscall, the first unconditional rule wins, and it
 *     supersedes every conditional rule of that syscall;
 *   - several conditions on the same argument index become one rule per
 *     condition (runc's fallback), otherwise one rule with all of them;
 *   - includes/excludes are evaluated for x86_64 (amd64) and a process
 *     that holds no capability: an entry that needs a capability is
 *     skipped, an entry excluded by a capability is kept.
 * Actions: KILL, KILL_THREAD and KILL_PROCESS kill the process; TRAP kills
 * (capejail does not deliver SIGSYS to the program); LOG allows; TRACE and
 * NOTIFY are refused.
 */
#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

#include "compiler.h"
#include "profile.h"
#include "cond.h"

struct oci {
	const char *name;
	const char *prefix; /* "$" or "$.linux.seccomp" */
	const struct cj_oci_ops *ops;
	char *err;
	size_t errlen;
	struct cj_policy *p;
	struct cj_verdict def;
	bool *uncond; /* per row: set by an unconditional rule */
	bool warned_trap, warned_log, noted_kill;
	char skipped[512]; /* names not in the table */
	size_t nskipped;
};

/* A JSON path into BUF; a too long path is cut, never overflowed. */
static void jpath(char *buf, size_t len, const char *fmt, ...) CJ_PRINTF(3, 4);

static void jpath(char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, len, fmt, ap);
	va_end(ap);
}

static int oerr(struct oci *o, const char *path, const char *fmt, ...)
    CJ_PRINTF(3, 4);

static int oerr(struct oci *o, const char *path, const char *fmt, ...)
{
	char where[4096];
	va_list ap;

	snprintf(where, sizeof(where), "%s: %s%s: ", o->name, o->prefix,
		 path[0] == '$' ? path + 1 : path);
	va_start(ap, fmt);
	cj_vformat_at(o->err, o->errlen, where, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

static void onote(struct oci *o, bool warning, const char *fmt, ...)
    CJ_PRINTF(3, 4);

static void onote(struct oci *o, bool warning, const char *fmt, ...)
{
	char msg[1024], where[1024];
	va_list ap;
	void (*fn)(void *, const char *) =
	    o->ops ? (warning ? o->ops->warn : o->ops->note) : NULL;

	if (!fn)
		return;
	snprintf(where, sizeof(where), "%s: ", o->name);
	va_start(ap, fmt);
	cj_vformat_at(msg, sizeof(msg), where, fmt, ap);
	va_end(ap);
	fn(o->ops->ctx, msg);
}

static const char *type_name(const json_t *j)
{
	switch (json_typeof(j)) {
	case JSON_OBJECT:
		return "an object";
	case JSON_ARRAY:
		return "an array";
	case JSON_STRING:
		return "a string";
	case JSON_INTEGER:
		return "an integer";
	case JSON_REAL:
		return "a number with a fraction";
	case JSON_TRUE:
	case JSON_FALSE:
		return "a boolean";
	case JSON_NULL:
		return "null";
	}
	return "?";
}

static int want(struct oci *o, const char *path, const json_t *j,
		json_type type, const char *what)
{
	if (json_typeof(j) == type)
		return 0;
	return oerr(o, path, "expected %s, found %s", what, type_name(j));
}

/* An optional member: NULL when absent or null. */
static json_t *member(json_t *obj, const char *key)
{
	json_t *j = json_object_get(obj, key);

	return j && !json_is_null(j) ? j : NULL;
}

static int get_uint(struct oci *o, const char *path, const json_t *j,
		    uint64_t max, uint64_t *out)
{
	json_int_t v;

	if (!json_is_integer(j))
		return oerr(o, path, "expected an integer, found %s",
			    type_name(j));
	v = json_integer_value(j);
	if (v < 0 || (uint64_t)v > max)
		return oerr(o, path, "%lld is out of range (0..%llu)",
			    (long long)v, (unsigned long long)max);
	*out = (uint64_t)v;
	return 0;
}

/* Actions */

enum { ACT_OK = 0, ACT_UNSUPPORTED = 1 };

static int parse_action(struct oci *o, const char *path, const json_t *act,
			const json_t *errno_ret, const char *errno_path,
			struct cj_verdict *v)
{
	const char *s;
	uint64_t e = EPERM;
	int rc;

	rc = want(o, path, act, JSON_STRING, "an action name (SCMP_ACT_...)");
	if (rc)
		return rc;
	s = json_string_value(act);
	if (errno_ret) {
		rc = get_uint(o, errno_path, errno_ret, CJ_ERRNO_MAX, &e);
		if (rc)
			return rc;
	}
	if (strcmp(s, "SCMP_ACT_ALLOW") == 0 || strcmp(s, "SCMP_ACT_LOG") == 0)
		*v = (struct cj_verdict){ CJ_ACT_ALLOW, 0 };
	else if (strcmp(s, "SCMP_ACT_ERRNO") == 0)
		*v = (struct cj_verdict){ CJ_ACT_ERRNO, (int)e };
	else if (strcmp(s, "SCMP_ACT_KILL") == 0 ||
		 strcmp(s, "SCMP_ACT_KILL_THREAD") == 0 ||
		 strcmp(s, "SCMP_ACT_KILL_PROCESS") == 0 ||
		 strcmp(s, "SCMP_ACT_TRAP") == 0)
		*v = (struct cj_verdict){ CJ_ACT_KILL, 0 };
	else if (strcmp(s, "SCMP_ACT_TRACE") == 0 ||
		 strcmp(s, "SCMP_ACT_NOTIFY") == 0)
		return ACT_UNSUPPORTED;
	else
		return oerr(
		    o, path,
		    "unknown action '%.40s' (expected SCMP_ACT_ALLOW, "
		    "ERRNO, KILL, KILL_THREAD, KILL_PROCESS, TRAP, LOG)",
		    s);
	return ACT_OK;
}

static int unsupported(struct oci *o, const char *path, const json_t *act)
{
	return oerr(o, path,
		    "%s is not supported: capejail runs no tracer and no "
		    "notification agent for the profile; use SCMP_ACT_ERRNO "
		    "or SCMP_ACT_KILL_PROCESS",
		    json_string_value(act));
}

/* Say once per profile how TRAP, LOG and thread kills are enforced. */
static void note_action(struct oci *o, const char *path, const json_t *act)
{
	const char *s = json_string_value(act);

	if (strcmp(s, "SCMP_ACT_TRAP") == 0 && !o->warned_trap) {
		o->warned_trap = true;
		onote(o, true,
		      "%s: SCMP_ACT_TRAP is enforced as a kill of the whole "
		      "process (capejail does not deliver SIGSYS to the "
		      "program)",
		      path);
	} else if (strcmp(s, "SCMP_ACT_LOG") == 0 && !o->warned_log) {
		o->warned_log = true;
		onote(o, true,
		      "%s: SCMP_ACT_LOG is enforced as an allow (capejail does "
		      "not log allowed calls)",
		      path);
	} else if ((strcmp(s, "SCMP_ACT_KILL") == 0 ||
		    strcmp(s, "SCMP_ACT_KILL_THREAD") == 0) &&
		   !o->noted_kill) {
		o->noted_kill = true;
		onote(o, false,
		      "%s: %s kills the whole process under capejail, not "
		      "only the thread",
		      path, s);
	}
}

/* Kernel versions: "6.1.0-13-amd64" and "4.8". */
static bool parse_version(const char *s, unsigned v[3], bool strict)
{
	unsigned n = 0;

	v[0] = v[1] = v[2] = 0;
	while (n < 3) {
		unsigned x = 0, digits = 0;

		while (*s >= '0' && *s <= '9' && digits < 6) {
			x = x * 10 + (unsigned)(*s++ - '0');
			digits++;
		}
		if (!digits)
			return false;
		v[n++] = x;
		if (*s != '.')
			break;
		s++;
	}
	return n >= 2 && (!strict || *s == '\0');
}

/* Is the running kernel at least MIN? -EINVAL after an error. */
static int kernel_at_least(struct oci *o, const char *path, const json_t *min)
{
	unsigned want_v[3], have[3];
	int rc = want(o, path, min, JSON_STRING, "a kernel version");

	if (rc)
		return rc;
	if (!parse_version(json_string_value(min), want_v, true))
		return oerr(o, path,
			    "'%.40s' is not a kernel version such as 4.8",
			    json_string_value(min));
	if (!o->ops || !o->ops->kernel_release ||
	    !parse_version(o->ops->kernel_release, have, false))
		return oerr(o, path, "the running kernel's version is unknown");
	for (int i = 0; i < 3; i++)
		if (have[i] != want_v[i])
			return have[i] > want_v[i];
	return 1;
}

static bool is_native_arch(const char *s)
{
	return strcmp(s, "SCMP_ARCH_X86_64") == 0 || strcmp(s, "amd64") == 0 ||
	       strcmp(s, "x86_64") == 0;
}

/*
 * J must be an array of strings (WHAT, ITEM name them in errors).
 * *NONEMPTY: it has elements; *MATCH (when MATCH is given): one of them is
 * our architecture.
 */
static int strings(struct oci *o, const char *path, json_t *j, const char *what,
		   const char *item, bool *match, bool *nonempty)
{
	size_t i;
	json_t *a;
	char p[160];
	int rc = want(o, path, j, JSON_ARRAY, what);

	if (rc)
		return rc;
	if (match)
		*match = false;
	*nonempty = json_array_size(j) > 0;
	json_array_foreach(j, i, a)
	{
		jpath(p, sizeof(p), "%s[%zu]", path, i);
		rc = want(o, p, a, JSON_STRING, item);
		if (rc)
			return rc;
		if (match && is_native_arch(json_string_value(a)))
			*match = true;
	}
	return 0;
}

static int arches_match(struct oci *o, const char *path, json_t *j, bool *match,
			bool *nonempty)
{
	return strings(o, path, j, "an array of architectures",
		       "an architecture name", match, nonempty);
}

static int caps_listed(struct oci *o, const char *path, json_t *j,
		       bool *nonempty)
{
	return strings(o, path, j, "an array of capabilities",
		       "a capability name", NULL, nonempty);
}

/* Docker's includes/excludes. 1: the entry applies, 0: skipped. */
static int entry_applies(struct oci *o, const char *path, json_t *entry)
{
	static const char *const keys[] = { "includes", "excludes" };
	bool applies = true;
	char p[160];

	for (int k = 0; k < 2; k++) {
		json_t *f = member(entry, keys[k]), *j;
		bool inc = k == 0, match, nonempty;
		int rc;

		if (!f)
			continue;
		jpath(p, sizeof(p), "%s.%s", path, keys[k]);
		rc = want(o, p, f, JSON_OBJECT, "an object");
		if (rc)
			return rc;
		if ((j = member(f, "arches"))) {
			jpath(p, sizeof(p), "%s.%s.arches", path, keys[k]);
			rc = arches_match(o, p, j, &match, &nonempty);
			if (rc)
				return rc;
			if (inc ? nonempty && !match : match)
				applies = false;
		}
		if ((j = member(f, "caps"))) {
			jpath(p, sizeof(p), "%s.%s.caps", path, keys[k]);
			rc = caps_listed(o, p, j, &nonempty);
			if (rc)
				return rc;
			/* The jailed process holds no capability. */
			if (inc && nonempty)
				applies = false;
		}
		if ((j = member(f, "minKernel"))) {
			jpath(p, sizeof(p), "%s.%s.minKernel", path, keys[k]);
			rc = kernel_at_least(o, p, j);
			if (rc < 0)
				return rc;
			if (inc ? !rc : rc)
				applies = false;
		}
	}
	return applies;
}

/* Rules */

static void note_skipped(struct oci *o, const char *name)
{
	size_t used = strlen(o->skipped);

	o->nskipped++;
	if (used + strlen(name) + 8 < sizeof(o->skipped))
		snprintf(o->skipped + used, sizeof(o->skipped) - used, "%s%s",
			 used ? ", " : "", name);
	else if (used && o->skipped[used - 1] != '.')
		snprintf(o->skipped + used, sizeof(o->skipped) - used, ", ...");
}

/* Add C to its row (cj_row_add_rule), with the error in the profile's words. */
static int add_cond(struct oci *o, const char *path, const char *name,
		    const struct cj_cond *c)
{
	switch (cj_row_add_rule(o->p, c)) {
	case 0:
		return 0;
	case -EEXIST:
		return oerr(o, path,
			    "%s: a rule with the same arguments and another "
			    "action comes earlier; libseccomp refuses the pair",
			    name);
	case -ENOSPC:
		return oerr(o, path, "%s: more than %d conditional rules", name,
			    CJ_ROW_MAX_CONDS);
	case -ENOMEM:
		return oerr(o, path, "out of memory");
	default:
		return oerr(o, path, "%s: invalid rule", name);
	}
}

static int parse_arg(struct oci *o, const char *path, json_t *a,
		     struct cj_argcmp *c)
{
	static const struct {
		const char *name;
		enum cj_cmp op;
	} ops[] = {
		{ "SCMP_CMP_NE", CJ_CMP_NE },
		{ "SCMP_CMP_LT", CJ_CMP_LT },
		{ "SCMP_CMP_LE", CJ_CMP_LE },
		{ "SCMP_CMP_EQ", CJ_CMP_EQ },
		{ "SCMP_CMP_GE", CJ_CMP_GE },
		{ "SCMP_CMP_GT", CJ_CMP_GT },
		{ "SCMP_CMP_MASKED_EQ", CJ_CMP_MASKED_EQ },
	};
	char p[192];
	json_t *j;
	uint64_t v;
	int rc = want(o, path, a, JSON_OBJECT, "an object");
	const char *op;

	if (rc)
		return rc;
	memset(c, 0, sizeof(*c));
	jpath(p, sizeof(p), "%s.index", path);
	j = member(a, "index");
	if (!j)
		return oerr(o, p, "missing (the argument number, 0..5)");
	rc = get_uint(o, p, j, 5, &v);
	if (rc)
		return rc;
	c->arg = (unsigned)v;
	jpath(p, sizeof(p), "%s.value", path);
	if ((j = member(a, "value")) &&
	    (rc = get_uint(o, p, j, INT64_MAX, &c->a)))
		return rc;
	jpath(p, sizeof(p), "%s.valueTwo", path);
	if ((j = member(a, "valueTwo")) &&
	    (rc = get_uint(o, p, j, INT64_MAX, &c->b)))
		return rc;
	jpath(p, sizeof(p), "%s.op", path);
	j = member(a, "op");
	if (!j)
		return oerr(o, p,
			    "missing (SCMP_CMP_EQ, NE, LT, LE, GT, GE or "
			    "MASKED_EQ)");
	rc = want(o, p, j, JSON_STRING, "an operator name");
	if (rc)
		return rc;
	op = json_string_value(j);
	for (size_t i = 0; i < CJ_ARRAY_SIZE(ops); i++)
		if (strcmp(op, ops[i].name) == 0) {
			c->op = ops[i].op;
			if (c->op != CJ_CMP_MASKED_EQ)
				c->b = 0; /* valueTwo is unused */
			return 0;
		}
	return oerr(o, p,
		    "unknown operator '%.40s' (expected SCMP_CMP_EQ, NE, LT, "
		    "LE, GT, GE or MASKED_EQ)",
		    op);
}

/* NAMES (already validated strings) x ARGS -> rules of verdict V. */
static int add_rules(struct oci *o, const char *path, json_t *names,
		     const struct cj_argcmp *cmps, size_t ncmp, bool split,
		     struct cj_verdict v)
{
	size_t i;
	json_t *jn;
	int rc;

	json_array_foreach(names, i, jn)
	{
		const char *name = json_string_value(jn);
		int row = cj_table_index(name);

		if (row < 0) {
			note_skipped(o, name);
			continue;
		}
		if (ncmp == 0) {
			if (!o->uncond[row]) {
				o->uncond[row] = true;
				o->p->rows[row] = v;
			}
			continue;
		}
		for (size_t k = 0; k < (split ? ncmp : 1); k++) {
			struct cj_cond c = {
				.row = row,
				.action = v.action,
				.err = v.err,
				.ncmp = split ? 1 : (unsigned)ncmp,
			};

			if (split)
				c.cmp[0] = cmps[k];
			else
				memcpy(c.cmp, cmps, ncmp * sizeof(cmps[0]));
			rc = add_cond(o, path, name, &c);
			if (rc)
				return rc;
		}
	}
	return 0;
}

/* One syscalls[] entry, parsed. */
struct entry {
	char path[96];	    /* "$.syscalls[3]" */
	char act_path[160]; /* "$.syscalls[3].action" */
	json_t *name;	    /* "name": one syscall, or NULL */
	json_t *names;	    /* "names": an array, or NULL */
	json_t *act;
	int act_rc; /* ACT_OK or ACT_UNSUPPORTED */
	struct cj_verdict v;
	struct cj_argcmp cmps[64];
	size_t ncmp;
	bool split; /* two conditions compare one argument */
};

static int want_syscall_name(struct oci *o, const char *path, json_t *j)
{
	int rc = want(o, path, j, JSON_STRING, "a syscall name");

	if (!rc && !*json_string_value(j))
		return oerr(o, path, "empty syscall name");
	return rc;
}

/* "name" or "names" (not both), every one a non-empty string. */
static int parse_names(struct oci *o, json_t *e, struct entry *en)
{
	char p[160];
	json_t *jn;
	size_t i;
	int rc;

	en->names = member(e, "names");
	en->name = member(e, "name");
	if (en->names && en->name)
		return oerr(o, en->path,
			    "give either \"name\" or \"names\", not both");
	if (en->name) {
		jpath(p, sizeof(p), "%s.name", en->path);
		return want_syscall_name(o, p, en->name);
	}
	if (!en->names)
		return oerr(o, en->path, "no syscall: \"names\" is missing");
	jpath(p, sizeof(p), "%s.names", en->path);
	rc = want(o, p, en->names, JSON_ARRAY, "an array of syscall names");
	json_array_foreach(en->names, i, jn)
	{
		if (rc)
			break;
		jpath(p, sizeof(p), "%s.names[%zu]", en->path, i);
		rc = want_syscall_name(o, p, jn);
	}
	return rc;
}

/* "action" and "errnoRet". */
static int parse_entry_action(struct oci *o, json_t *e, struct entry *en)
{
	char p[160];

	jpath(en->act_path, sizeof(en->act_path), "%s.action", en->path);
	en->act = member(e, "action");
	if (!en->act)
		return oerr(o, en->act_path, "missing");
	jpath(p, sizeof(p), "%s.errnoRet", en->path);
	en->act_rc = parse_action(o, en->act_path, en->act,
				  member(e, "errnoRet"), p, &en->v);
	return en->act_rc < 0 ? en->act_rc : 0;
}

/* "args": the comparisons, and whether two compare one argument. */
static int parse_args(struct oci *o, json_t *e, struct entry *en)
{
	json_t *args = member(e, "args"), *jn;
	unsigned per_arg[6] = { 0 };
	char p[160];
	size_t i;
	int rc;

	if (!args)
		return 0;
	jpath(p, sizeof(p), "%s.args", en->path);
	rc = want(o, p, args, JSON_ARRAY, "an array of conditions");
	if (rc)
		return rc;
	if (json_array_size(args) > CJ_ARRAY_SIZE(en->cmps))
		return oerr(o, p, "more than %zu conditions",
			    CJ_ARRAY_SIZE(en->cmps));
	json_array_foreach(args, i, jn)
	{
		jpath(p, sizeof(p), "%s.args[%zu]", en->path, i);
		rc = parse_arg(o, p, jn, &en->cmps[en->ncmp]);
		if (rc)
			return rc;
		if (++per_arg[en->cmps[en->ncmp].arg] > 1)
			en->split = true;
		en->ncmp++;
	}
	return 0;
}

/* The entry's rules, for its one "name" or its "names". */
static int add_entry_rules(struct oci *o, const struct entry *en)
{
	json_t *one;
	int rc;

	if (!en->name)
		return add_rules(o, en->path, en->names, en->cmps, en->ncmp,
				 en->split, en->v);
	one = json_array();
	if (!one || json_array_append(one, en->name)) {
		json_decref(one);
		return oerr(o, en->path, "out of memory");
	}
	rc = add_rules(o, en->path, one, en->cmps, en->ncmp, en->split, en->v);
	json_decref(one);
	return rc;
}

/* A parsed entry into the policy, unless includes/excludes skip it. */
static int apply_entry(struct oci *o, json_t *e, const struct entry *en)
{
	int applies = entry_applies(o, en->path, e);

	if (applies <= 0)
		return applies;
	if (en->act_rc == ACT_UNSUPPORTED)
		return unsupported(o, en->act_path, en->act);
	note_action(o, en->act_path, en->act);
	if (cj_verdict_same(en->v, o->def))
		return 0; /* redundant: runc skips it too */
	if (en->split)
		onote(o, false,
		      "%s: several conditions on one argument: one rule per "
		      "condition (any of them matches), as runc does",
		      en->path);
	return add_entry_rules(o, en);
}

static int parse_entry(struct oci *o, size_t idx, json_t *e)
{
	struct entry en = { 0 };
	int rc;

	jpath(en.path, sizeof(en.path), "$.syscalls[%zu]", idx);
	rc = want(o, en.path, e, JSON_OBJECT, "an object");
	if (!rc)
		rc = parse_names(o, e, &en);
	if (!rc)
		rc = parse_entry_action(o, e, &en);
	if (!rc)
		rc = parse_args(o, e, &en);
	return rc ? rc : apply_entry(o, e, &en);
}

/* Top level */

/* "architectures": *LISTED when it names any, *NATIVE when x86_64. */
static int read_architectures(struct oci *o, json_t *arches, bool *listed,
			      bool *native)
{
	char p[96];
	json_t *a;
	size_t i;
	int rc = want(o, "$.architectures", arches, JSON_ARRAY,
		      "an array of architectures");

	json_array_foreach(arches, i, a)
	{
		if (rc)
			break;
		jpath(p, sizeof(p), "$.architectures[%zu]", i);
		rc = want(o, p, a, JSON_STRING, "an architecture name");
		*listed = true;
		*native |= !rc && strcmp(json_string_value(a),
					 "SCMP_ARCH_X86_64") == 0;
	}
	return rc;
}

/* One archMap[] entry: an architecture and its subArchitectures. */
static int read_arch_map_entry(struct oci *o, size_t i, json_t *j, bool *native)
{
	json_t *a, *sub;
	char p[96];
	bool m, ne;
	int rc;

	jpath(p, sizeof(p), "$.archMap[%zu]", i);
	rc = want(o, p, j, JSON_OBJECT, "an object");
	if (rc)
		return rc;
	a = member(j, "architecture");
	jpath(p, sizeof(p), "$.archMap[%zu].architecture", i);
	if (!a)
		return oerr(o, p, "missing");
	rc = want(o, p, a, JSON_STRING, "an architecture name");
	if (rc)
		return rc;
	*native |= strcmp(json_string_value(a), "SCMP_ARCH_X86_64") == 0;
	if (!(sub = member(j, "subArchitectures")))
		return 0;
	jpath(p, sizeof(p), "$.archMap[%zu].subArchitectures", i);
	return arches_match(o, p, sub, &m, &ne);
}

/* Docker's "archMap". */
static int read_arch_map(struct oci *o, json_t *map, bool *listed, bool *native)
{
	json_t *j;
	size_t i;
	int rc = want(o, "$.archMap", map, JSON_ARRAY, "an array");

	json_array_foreach(map, i, j)
	{
		if (rc)
			break;
		rc = read_arch_map_entry(o, i, j, native);
		*listed = true;
	}
	return rc;
}

static int check_arches(struct oci *o, json_t *sc)
{
	json_t *arches = member(sc, "architectures"),
	       *map = member(sc, "archMap");
	bool listed = false, native = false;
	int rc = 0;

	if (arches)
		rc = read_architectures(o, arches, &listed, &native);
	if (!rc && map)
		rc = read_arch_map(o, map, &listed, &native);
	if (rc)
		return rc;
	if (listed && !native)
		return oerr(o, arches ? "$.architectures" : "$.archMap",
			    "SCMP_ARCH_X86_64 is not listed: the profile is "
			    "not for this machine");
	if (listed)
		onote(o, false,
		      "only the native x86_64 ABI is allowed: calls through "
		      "other ABIs (i386, x32) are killed whatever the "
		      "profile lists");
	return 0;
}

static int parse_profile(struct oci *o, json_t *sc)
{
	json_t *def = member(sc, "defaultAction"), *calls, *e;
	size_t i;
	int rc;

	if (!def)
		return oerr(o, "$.defaultAction", "missing");
	rc = parse_action(o, "$.defaultAction", def,
			  member(sc, "defaultErrnoRet"), "$.defaultErrnoRet",
			  &o->def);
	if (rc == ACT_UNSUPPORTED)
		return unsupported(o, "$.defaultAction", def);
	if (rc)
		return rc;
	note_action(o, "$.defaultAction", def);
	rc = check_arches(o, sc);
	if (rc)
		return rc;
	if (member(sc, "flags") || member(sc, "listenerPath"))
		onote(o, false, "flags and listenerPath are ignored");
	for (i = 0; i < o->p->nrows; i++)
		o->p->rows[i] = o->def;
	o->p->fallback = o->def;
	o->p->unknown = o->def;
	calls = member(sc, "syscalls");
	if (!calls)
		return 0;
	rc = want(o, "$.syscalls", calls, JSON_ARRAY, "an array");
	if (rc)
		return rc;
	json_array_foreach(calls, i, e)
	{
		rc = parse_entry(o, i, e);
		if (rc)
			return rc;
	}
	return 0;
}

/* An unconditional rule supersedes the conditional ones (libseccomp). */
static int finish(struct oci *o)
{
	char why[512];
	int row, rc;
	size_t n;

	for (size_t r = 0; r < o->p->nrows; r++) {
		if (o->uncond[r]) {
			cj_policy_clear_conds(o->p, (int)r);
			continue;
		}
		for (size_t i = 0; i < o->p->nconds; i++)
			if (o->p->conds[i].row == (int)r) {
				o->p->rows[r] =
				    (struct cj_verdict){ o->p->conds[i].action,
							 o->p->conds[i].err };
				break;
			}
	}
	if (o->nskipped)
		onote(o, false,
		      "%zu names skipped (not x86_64 syscalls known to "
		      "capejail, as runc skips names libseccomp does not "
		      "know): %s",
		      o->nskipped, o->skipped);
	rc = cj_policy_check_rules(o->p, &row, why, sizeof(why));
	if (rc == -ENOMEM)
		return oerr(o, "$", "out of memory");
	if (rc)
		return oerr(o, "$.syscalls", "%s: %s", cj_table(&n)[row].name,
			    why);
	return 0;
}

int cj_oci_parse(struct cj_policy *p, const char *name, const char *text,
		 size_t len, const struct cj_oci_ops *ops, char *err,
		 size_t errlen)
{
	struct cj_policy fresh;
	struct oci o = {
		.name = name,
		.prefix = "$",
		.ops = ops,
		.err = err,
		.errlen = errlen,
		.p = &fresh,
	};
	json_error_t jerr;
	json_t *root, *sc;
	int rc;

	if (errlen)
		err[0] = '\0';
	root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root) {
		snprintf(err, errlen, "%s:%d:%d: malformed JSON: %s", name,
			 jerr.line, jerr.column, jerr.text);
		return -EINVAL;
	}
	rc = cj_policy_empty(&fresh);
	o.uncond = calloc(fresh.nrows ? fresh.nrows : 1, sizeof(*o.uncond));
	if (rc || !o.uncond) {
		snprintf(err, errlen, "%s: out of memory", name);
		rc = -ENOMEM;
		goto out;
	}
	sc = root;
	if (json_is_object(root) && !json_object_get(root, "defaultAction") &&
	    json_object_get(root, "linux")) {
		/* A whole config.json: use linux.seccomp. */
		json_t *linux_ = json_object_get(root, "linux");

		sc = json_is_object(linux_) ? member(linux_, "seccomp") : NULL;
		o.prefix = "$.linux.seccomp";
		if (!sc) {
			o.prefix = "$";
			rc = oerr(&o, "$.linux.seccomp", "missing");
			goto out;
		}
	}
	rc = want(&o, "$", sc, JSON_OBJECT, "a seccomp profile object");
	if (!rc)
		rc = parse_profile(&o, sc);
	if (!rc)
		rc = finish(&o);
out:
	json_decref(root);
	free(o.uncond);
	return cj_policy_commit(p, &fresh, rc);
}

int cj_oci_apply_file(struct cj_policy *p, const char *path,
		      const struct cj_msgs *msgs, char *err, size_t errlen)
{
	struct cj_profile_src src;
	struct utsname u;
	struct cj_oci_ops ops = {
		.note = msgs ? msgs->note : NULL,
		.warn = msgs ? msgs->warn : NULL,
		.ctx = msgs ? msgs->ctx : NULL,
	};
	int rc = cj_profile_read_file(path, &src, err, errlen);

	if (rc)
		return rc;
	if (uname(&u) == 0)
		ops.kernel_release = u.release;
	rc = cj_oci_parse(p, path, src.text, src.len, &ops, err, errlen);
	cj_profile_src_free(&src);
	return rc;
}
