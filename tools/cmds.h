/* SPDX-License-Identifier: MIT */
/*
 * capejail-syscalls' subcommands. Each takes its own argv (argv[0] is the
 * subcommand's name) and returns the exit status.
 */
#ifndef CJS_CMDS_H
#define CJS_CMDS_H

#include <stdio.h>

int cmd_discover(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_list(int argc, char **argv);
int cmd_doc(int argc, char **argv);
int cmd_export(int argc, char **argv);

/* The --help text of capejail-syscalls. */
extern const char cjs_usage[];

/* The discover exit status when something would be blocked. */
#define CJS_EX_BLOCKED 1

#endif
