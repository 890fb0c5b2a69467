/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer harness: the launcher's option parser (cj_opts_parse) on an
 * argv made of the input's NUL-separated strings.
 */
#include <stdint.h>

#include "fuzz_common.h"

#define MAX_ARGS 64

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy = malloc(size + 1), *argv[MAX_ARGS + 2], err[512];
	struct cj_opts o;
	int argc = 0, rc;

	if (!copy)
		return 0;
	memcpy(copy, data, size);
	copy[size] = '\0';
	argv[argc++] = (char *)"capejail";
	for (size_t i = 0; i <= size && argc <= MAX_ARGS;) {
		argv[argc++] = copy + i;
		i += strlen(copy + i) + 1;
	}
	argv[argc] = NULL;
	err[0] = 'x';
	rc = cj_opts_parse(&o, argc, argv, err, sizeof(err));
	if (rc) {
		FUZZ_CHECK(rc == CJ_EX_USAGE, "status %d", rc);
		FUZZ_CHECK(err[0] != '\0', "an error without a message");
	} else if (!o.help && !o.version) {
		FUZZ_CHECK(o.argc >= 1 && o.argv >= argv + 1 &&
			       o.argv + o.argc == argv + argc,
			   "program argv out of range");
		FUZZ_CHECK(o.argv[0][0] != '\0', "empty program");
		FUZZ_CHECK(o.nedits <= CJ_MAX_EDITS, "edits");
		for (size_t i = 0; i < o.nedits; i++)
			FUZZ_CHECK(o.edits[i].arg && o.edits[i].arg[0],
				   "empty edit");
	}
	free(copy);
	return 0;
}
