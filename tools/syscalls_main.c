/* SPDX-License-Identifier: MIT */
/*
 * capejail-syscalls: which syscalls does a program need, and why does the
 * default policy block the ones it blocks?
 */
#include <string.h>

#include "cmds.h"
#include "exit.h"
#include "log.h"

const char cjs_usage[] =
    "usage: capejail-syscalls COMMAND [ARGS]\n"
    "\n"
    "  discover [OPTIONS] -- PROG [ARGS]\n"
    "                  run PROG under strace and list the syscalls it made\n"
    "                  that capejail's default policy would block, with the\n"
    "                  rationale and the --allow line that allows them\n"
    "  explain NAME... the verdict, group and rationale of each syscall\n"
    "  list [--allowed | --blocked] [--dangerous] [--group NAME] [--json]\n"
    "                  the default policy\n"
    "  doc             SYSCALLS.md on stdout (make syscalls-md)\n"
    "  export --format oci|systemd [POLICY OPTIONS] [-o FILE]\n"
    "                  the policy in another tool's format\n"
    "  -h, --help      this help; 'capejail-syscalls COMMAND --help' for more\n"
    "  -V, --version   print the version\n"
    "\n"
    "Exit status: 0 ok; discover: 1 when the policy would block something\n"
    "PROG did; 64 usage, 65 unknown syscall name, 69 strace or capejail\n"
    "missing, 70 internal error, 126/127 PROG not executable/not found.\n"
    "See capejail-syscalls(1).\n";

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
} commands[] = {
	{ "discover", cmd_discover }, { "explain", cmd_explain },
	{ "list", cmd_list },	      { "doc", cmd_doc },
	{ "export", cmd_export },
};

int main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : NULL;

	cj_log_init("capejail-syscalls", false, false);
	if (!cmd) {
		cj_error("no command given");
		fputs(cjs_usage, stderr);
		return CJ_EX_USAGE;
	}
	if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 ||
	    strcmp(cmd, "help") == 0) {
		fputs(cjs_usage, stdout);
		return 0;
	}
	if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0) {
		printf("capejail-syscalls %s\n", CJ_VERSION);
		return 0;
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(*commands); i++)
		if (strcmp(cmd, commands[i].name) == 0)
			return commands[i].fn(argc - 1, argv + 1);
	cj_error("unknown command '%s'", cmd);
	cj_hint("commands: discover, explain, list, doc, export; see "
		"'capejail-syscalls --help'");
	return CJ_EX_USAGE;
}
