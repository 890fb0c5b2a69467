/* SPDX-License-Identifier: MIT */
/*
 * The launcher's options that say where and as whom a program runs: the
 * root, the user, the working directory, the environment and the network.
 * `capejail-syscalls discover` takes the same ones and hands them to the
 * launcher, so the two front ends share one definition. For getopt_long
 * tables (<getopt.h>); CJ_PLACE_SHORT is the short-option string.
 */
#ifndef CAPEJAIL_PLACEOPTS_H
#define CAPEJAIL_PLACEOPTS_H

#define CJ_PLACE_SHORT "r:u:d:e:n"

/* clang-format off */
#define CJ_PLACE_OPTIONS \
	{ "root", required_argument, NULL, 'r' }, \
	{ "user", required_argument, NULL, 'u' }, \
	{ "dir", required_argument, NULL, 'd' }, \
	{ "env", required_argument, NULL, 'e' }, \
	{ "no-network", no_argument, NULL, 'n' }
/* clang-format on */

#endif
