/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer harness: the OCI/Docker seccomp JSON reader (cj_oci_parse).
 */
#include <stdint.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct cj_oci_ops ops = {
		.kernel_release = "6.1.0-13-amd64",
		.note = fuzz_quiet,
		.warn = fuzz_quiet,
	};
	static struct cj_policy base;
	static int ready;
	struct cj_policy p;
	char err[512] = "";
	int rc;

	if (!ready) {
		FUZZ_CHECK(cj_policy_default(&base) == 0, "default");
		ready = 1;
	}
	FUZZ_CHECK(cj_policy_copy(&p, &base) == 0, "copy");
	rc = cj_oci_parse(&p, "fuzz.json", (const char *)data, size, &ops, err,
			  sizeof(err));
	if (rc == 0) {
		fuzz_check_accepted(&p);
	} else {
		FUZZ_CHECK(strncmp(err, "fuzz.json", 9) == 0,
			   "an error without the file name: '%s'", err);
		FUZZ_CHECK(fuzz_same_policy(&p, &base), "half-applied");
	}
	cj_policy_free(&p);
	return 0;
}
