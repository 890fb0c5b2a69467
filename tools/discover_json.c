/* SPDX-License-Identifier: MIT */
/*
 * discover --json: the report as one JSON object, for scripts.
 *
 * {
 *   "program": ["ping", "-c", "1", "127.0.0.1"],
 *   "mode": "host" | "jail",
 *   "trace": "fast" | "full",       fast: allowed syscalls were not traced
 *   "engine": "notify" | "strace",  how the calls were watched
 *   "outcome": { "exited": true, "status": 0 } |
 *              { "exited": false, "signal": "SIGSYS", "core_dumped": false },
 *   "status": 1,                    discover's own exit status
 *   "allow": ["capset", ...],       what --allow needs so nothing is killed
 *   "errno": ["clone3"],            what fails with an errno in the jail
 *   "syscalls": [ { "name", "strace_name", "class", "count", "enosys",
 *                   "verdict", "errno", "dangerous", "group", "why",
 *                   "conditions": { "pass", "killed", "failed", "sample",
 *                                   "rules": [ "allowed when ..." ] } } ]
 * }
 * "syscalls" lists what the policy does not allow unconditionally, or
 * everything with --all.
 */
#include <errno.h>
#include <jansson.h>
#include <string.h>

#include "argcheck.h"
#include "discover_report.h"
#include "profile.h"
#include "textfmt.h"

static json_t *string_array(char *const *v)
{
	json_t *a = json_array();

	for (; a && *v; v++)
		json_array_append_new(a, json_string(*v));
	return a;
}

static json_t *name_list(const struct dd_result *r, bool errno_list)
{
	json_t *a = json_array();

	for (size_t i = 0; a && i < r->n; i++) {
		const struct dd_entry *e = &r->v[i];

		if (errno_list ? e->cls == DD_ERRNO : e->blocks && e->allowable)
			json_array_append_new(a, json_string(e->name));
	}
	return a;
}

static json_t *rules_of(const char *name)
{
	size_t n;
	const struct cj_argrule *rules = cj_argrules(&n);
	json_t *a = json_array();
	char text[512];

	for (size_t i = 0; a && i < n; i++)
		if (strcmp(rules[i].name, name) == 0)
			json_array_append_new(
			    a, json_string(ac_rule_text(&rules[i], text,
							sizeof(text))));
	return a;
}

static json_t *entry(const struct dd_entry *e)
{
	size_t ntable;
	const struct cj_syscall *t =
	    e->row < 0 ? NULL : cj_table(&ntable) + e->row;
	char ebuf[32];
	json_t *o = json_object();

	if (!o)
		return NULL;
	json_object_set_new(o, "name", json_string(e->name));
	json_object_set_new(o, "strace_name", json_string(e->strace));
	json_object_set_new(o, "class", json_string(dd_class_name(e->cls)));
	json_object_set_new(o, "count", json_integer((json_int_t)e->count));
	json_object_set_new(o, "enosys", json_integer((json_int_t)e->enosys));
	json_object_set_new(o, "verdict",
			    json_string(cj_action_name(e->verdict.action)));
	json_object_set_new(
	    o, "errno",
	    e->verdict.action == CJ_ACT_ERRNO
		? json_string(cj_errno_name(e->verdict.err, ebuf, sizeof(ebuf)))
		: json_null());
	json_object_set_new(o, "dangerous", json_boolean(e->dangerous));
	json_object_set_new(o, "blocks", json_boolean(e->blocks));
	json_object_set_new(o, "group",
			    t ? json_string(t->group) : json_null());
	json_object_set_new(o, "why", t ? json_string(t->why) : json_null());
	if (e->cls == DD_FOREIGN)
		json_object_set_new(o, "native", json_string(e->native));
	if (e->cls == DD_COND) {
		json_t *c = json_object();

		json_object_set_new(c, "pass",
				    json_integer((json_int_t)e->pass));
		json_object_set_new(c, "killed",
				    json_integer((json_int_t)e->killed));
		json_object_set_new(c, "failed",
				    json_integer((json_int_t)e->failed));
		json_object_set_new(c, "sample",
				    e->sample ? json_string(e->sample)
					      : json_null());
		json_object_set_new(c, "rules", rules_of(e->name));
		json_object_set_new(o, "conditions", c);
	}
	return o;
}

static json_t *outcome(const struct tu_usage *u)
{
	json_t *o;

	if (!u->root_done)
		return json_null();
	o = json_object();
	if (!o)
		return NULL;
	json_object_set_new(o, "exited", json_boolean(!u->root_killed));
	if (u->root_killed) {
		json_object_set_new(o, "signal", json_string(u->root_signal));
		json_object_set_new(o, "core_dumped",
				    json_boolean(u->root_core));
	} else {
		json_object_set_new(o, "status", json_integer(u->root_status));
	}
	return o;
}

int dr_print_json(FILE *out, const struct dd_result *r, const struct dr_meta *m,
		  bool all, int status)
{
	json_t *root = json_object(), *list = json_array();
	int rc = 0;

	if (!root || !list) {
		rc = -ENOMEM;
		goto done;
	}
	json_object_set_new(root, "program", string_array(m->argv));
	json_object_set_new(root, "mode",
			    json_string(m->jail ? "jail" : "host"));
	json_object_set_new(root, "trace",
			    json_string(m->fast ? "fast" : "full"));
	json_object_set_new(root, "engine",
			    json_string(m->notify ? "notify" : "strace"));
	json_object_set_new(root, "outcome", outcome(m->u));
	json_object_set_new(root, "status", json_integer(status));
	json_object_set_new(root, "allow", name_list(r, false));
	json_object_set_new(root, "errno", name_list(r, true));
	for (size_t i = 0; i < r->n; i++) {
		if (!all && r->v[i].cls == DD_ALLOWED)
			continue;
		if (json_array_append_new(list, entry(&r->v[i]))) {
			rc = -ENOMEM;
			goto done;
		}
	}
	json_object_set(root, "syscalls", list);
	if (json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER))
		rc = -EIO;
	else
		fputc('\n', out);
done:
	json_decref(list);
	json_decref(root);
	return rc;
}
