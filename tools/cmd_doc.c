/* SPDX-License-Identifier: MIT */
/*
 * capejail-syscalls doc: SYSCALLS.md on stdout (make syscalls-md).
 */
#include <string.h>

#include "exit.h"
#include "policy.h"
#include "log.h"
#include "cmds.h"
#include "doc_md.h"

int cmd_doc(int argc, char **argv)
{
	struct cj_policy p;
	int rc;

	if (argc > 1) {
		bool help = strcmp(argv[1], "--help") == 0 ||
			    strcmp(argv[1], "-h") == 0;

		fputs("usage: capejail-syscalls doc > SYSCALLS.md\n"
		      "Print SYSCALLS.md, generated from the policy table.\n",
		      help ? stdout : stderr);
		return help ? 0 : CJ_EX_USAGE;
	}
	if (cj_policy_default(&p)) {
		cj_error("out of memory");
		return CJ_EX_SOFTWARE;
	}
	rc = cjs_doc_write(stdout, &p);
	cj_policy_free(&p);
	if (rc) {
		cj_error("cannot write SYSCALLS.md to stdout: %s",
			 strerror(-rc));
		return CJ_EX_SOFTWARE;
	}
	return 0;
}
