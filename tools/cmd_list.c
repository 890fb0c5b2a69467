/* SPDX-License-Identifier: MIT */
/*
 * capejail-syscalls list [--allowed | --blocked] [--group NAME] [--json]
 */
#include <getopt.h>
#include <jansson.h>
#include <string.h>

#include "exit.h"
#include "policy.h"
#include "log.h"
#include "cmds.h"
#include "profile.h"
#include "textfmt.h"

static const char list_usage[] =
    "usage: capejail-syscalls list [--allowed | --blocked] [--group NAME] "
    "[--json]\n"
    "Print the default policy: name, verdict, group, flags.\n"
    "  --allowed       only syscalls that run (some under argument rules)\n"
    "  --blocked       only syscalls that are killed or fail with an "
    "errno\n"
    "  --dangerous     only syscalls flagged dangerous\n"
    "  --group NAME    only this group (files, io, network, ...)\n"
    "  --json          a JSON array\n";

struct list_opts {
	bool allowed, blocked, dangerous, json, help;
	const char *group;
};

static int parse(struct list_opts *o, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "allowed", no_argument, NULL, 'a' },
		{ "blocked", no_argument, NULL, 'b' },
		{ "dangerous", no_argument, NULL, 'D' },
		{ "group", required_argument, NULL, 'g' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	memset(o, 0, sizeof(*o));
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'a':
			o->allowed = true;
			break;
		case 'b':
			o->blocked = true;
			break;
		case 'D':
			o->dangerous = true;
			break;
		case 'g':
			o->group = optarg;
			break;
		case 'j':
			o->json = true;
			break;
		case 'h':
			o->help = true;
			break;
		default:
			cj_error("list: bad option '%s'", argv[optind - 1]);
			cj_hint("see 'capejail-syscalls list --help'");
			return CJ_EX_USAGE;
		}
	}
	if (optind < argc) {
		cj_error("list: unexpected argument '%s'", argv[optind]);
		return CJ_EX_USAGE;
	}
	if (o->allowed && o->blocked) {
		cj_error("list: --allowed and --blocked exclude each other");
		return CJ_EX_USAGE;
	}
	return 0;
}

static bool group_exists(const char *group)
{
	size_t n;
	const struct cj_syscall *t = cj_table(&n);

	for (size_t i = 0; i < n; i++)
		if (strcmp(t[i].group, group) == 0)
			return true;
	return false;
}

/* "groups: files, io, ..." in the table's order of first use. */
static void hint_groups(void)
{
	size_t n, pos = 0;
	const struct cj_syscall *t = cj_table(&n);
	char line[1024];

	line[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		bool seen = false;
		int w;

		for (size_t k = 0; k < i && !seen; k++)
			seen = strcmp(t[k].group, t[i].group) == 0;
		if (seen || pos >= sizeof(line))
			continue;
		w = snprintf(line + pos, sizeof(line) - pos, "%s%s",
			     pos ? ", " : "", t[i].group);
		if (w > 0)
			pos += (size_t)w;
	}
	cj_hint("groups: %s", line);
}

static json_t *row_json(const struct cj_policy *p, size_t i,
			const struct cj_syscall *t)
{
	json_t *o = json_object();
	char ebuf[32];

	json_object_set_new(o, "name", json_string(t->name));
	json_object_set_new(o, "verdict",
			    json_string(cj_action_name(p->rows[i].action)));
	json_object_set_new(
	    o, "errno",
	    p->rows[i].action == CJ_ACT_ERRNO
		? json_string(cj_errno_name(p->rows[i].err, ebuf, sizeof(ebuf)))
		: json_null());
	json_object_set_new(o, "conditions",
			    json_boolean(cj_policy_has_conds(p, (int)i)));
	json_object_set_new(o, "group", json_string(t->group));
	json_object_set_new(o, "dangerous",
			    json_boolean(t->flags & CJ_DANGEROUS));
	json_object_set_new(o, "why", json_string(t->why));
	return o;
}

int cmd_list(int argc, char **argv)
{
	struct list_opts o;
	struct cj_policy p;
	size_t n;
	const struct cj_syscall *t = cj_table(&n);
	json_t *arr = NULL;
	int rc = parse(&o, argc, argv);

	if (rc)
		return rc;
	if (o.help) {
		fputs(list_usage, stdout);
		return 0;
	}
	if (o.group && !group_exists(o.group)) {
		cj_error("list: no group '%s'", o.group);
		hint_groups();
		return CJ_EX_USAGE;
	}
	if (cj_policy_default(&p)) {
		cj_error("out of memory");
		return CJ_EX_SOFTWARE;
	}
	if (o.json)
		arr = json_array();
	for (size_t i = 0; i < n; i++) {
		bool conds = cj_policy_has_conds(&p, (int)i);
		bool allowed = conds || p.rows[i].action == CJ_ACT_ALLOW;
		char vbuf[64];

		if ((o.allowed && !allowed) || (o.blocked && allowed) ||
		    (o.dangerous && !(t[i].flags & CJ_DANGEROUS)) ||
		    (o.group && strcmp(o.group, t[i].group) != 0))
			continue;
		if (arr) {
			json_array_append_new(arr, row_json(&p, i, &t[i]));
			continue;
		}
		printf("%-24s %-28s %s%s\n", t[i].name,
		       cjs_verdict_text(p.rows[i], conds, vbuf, sizeof(vbuf)),
		       t[i].group,
		       t[i].flags & CJ_DANGEROUS ? "  dangerous" : "");
	}
	if (arr) {
		if (json_dumpf(arr, stdout, JSON_INDENT(2)))
			rc = CJ_EX_SOFTWARE;
		putchar('\n');
		json_decref(arr);
	}
	cj_policy_free(&p);
	return rc;
}
