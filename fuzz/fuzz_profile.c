/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer harness: the capejail profile parser (cj_profile_parse) on
 * arbitrary text, with includes served from memory ("self" is the input
 * itself, so include cycles are reachable).
 */
#include <errno.h>
#include <stdint.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const uint8_t *input;
static size_t input_len;

static int fuzz_read(void *ctx, const char *from, const char *include,
		     struct cj_profile_src *out, char *err, size_t errlen)
{
	static const struct {
		const char *name, *text;
	} files[] = {
		{ "a.policy", "allow listen\ninclude b.policy\n" },
		{ "b.policy", "deny write if arg0 == 2\nerrno EPERM mount\n" },
		{ "loop.policy", "include loop.policy\n" },
		{ "base.policy", "base empty\n" },
	};
	const char *text = NULL;
	size_t len = 0;

	(void)ctx;
	(void)from;
	if (strcmp(include, "self") == 0) {
		text = (const char *)input;
		len = input_len;
	}
	for (size_t i = 0; !text && i < sizeof(files) / sizeof(files[0]); i++)
		if (strcmp(include, files[i].name) == 0) {
			text = files[i].text;
			len = strlen(text);
		}
	if (!text) {
		snprintf(err, errlen, "%s: No such file or directory", include);
		return -ENOENT;
	}
	out->name = strdup(include);
	out->key = strdup(include);
	out->text = malloc(len ? len : 1);
	if (!out->name || !out->key || !out->text) {
		cj_profile_src_free(out);
		return -ENOMEM;
	}
	memcpy(out->text, text, len);
	out->len = len;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct cj_profile_ops ops = {
		.read = fuzz_read,
		.warn = fuzz_quiet,
	};
	static struct cj_policy base;
	static int ready;
	struct cj_profile_src src = {
		.name = (char *)"fuzz.policy",
		.key = (char *)"fuzz.policy",
		.text = (char *)data,
		.len = size,
	};
	struct cj_policy p;
	char err[512] = "";
	int rc;

	if (!ready) {
		FUZZ_CHECK(cj_policy_default(&base) == 0, "default");
		ready = 1;
	}
	input = data;
	input_len = size;
	FUZZ_CHECK(cj_policy_copy(&p, &base) == 0, "copy");
	rc = cj_profile_parse(&p, &src, &ops, err, sizeof(err));
	if (rc == 0) {
		fuzz_check_accepted(&p);
	} else {
		FUZZ_CHECK(err[0] != '\0', "an error without a message");
		FUZZ_CHECK(strncmp(err, "fuzz.policy:", 12) == 0 ||
			       strstr(err, ".policy:") || strstr(err, "self:"),
			   "no file:line in '%s'", err);
		FUZZ_CHECK(fuzz_same_policy(&p, &base), "half-applied");
	}
	cj_policy_free(&p);
	return 0;
}
