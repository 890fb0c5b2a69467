/* SPDX-License-Identifier: MIT */
/*
 * Which copy of capejail is running: the build tree's or an installed one,
 * so that every command and file a message names works where it is read.
 *
 * The build records three absolute paths at compile time (Makefile,
 * core/common/selfpath.o): the build directory (CJ_BUILD_DIR), the source
 * tree (CJ_SRC_DIR) and the installed documentation directory (CJ_DOC_DIR,
 * $(PREFIX)/share/doc/capejail). A program runs from the build tree when
 * the directory of /proc/self/exe is that build directory; anything else
 * (PREFIX/bin, a DESTDIR staging copy, a package) counts as installed.
 * Comparing with the build directory rather than with PREFIX keeps a
 * DESTDIR copy, or a moved one, on the installed side.
 */
#ifndef CAPEJAIL_SELFPATH_H
#define CAPEJAIL_SELFPATH_H

#include <stdbool.h>
#include <stddef.h>

/* Room for a command cj_command writes (an absolute path in the build tree). */
#define CJ_CMD_LEN 512

/* Does the running program live in the build directory it was built in? */
bool cj_in_build_tree(void);

/*
 * The command a user types for PROG ("capejail", "capejail-syscalls",
 * "capejail-mkroot"), into BUF: the bare name when installed (it is on
 * PATH beside this program); in the build tree the absolute path of the
 * build's binary, or of tools/capejail-mkroot for the script. Returns BUF.
 */
const char *cj_command(const char *prog, char *buf, size_t len);

/*
 * The path of documentation file NAME ("SYSCALLS.md"), into BUF: in the
 * source tree when running from the build tree, else in the installed
 * documentation directory. Returns BUF.
 */
const char *cj_doc_path(const char *name, char *buf, size_t len);

#endif
