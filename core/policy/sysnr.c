/* SPDX-License-Identifier: MIT */
/*
 * Syscall names <-> numbers of the native ABI, from libseccomp's tables.
 */
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "policy.h"

#include "filter.h"

int cj_sysnr(const char *name)
{
	int nr = seccomp_syscall_resolve_name_arch(SCMP_ARCH_NATIVE, name);

	return nr == __NR_SCMP_ERROR || nr < 0 ? -1 : nr;
}

uint32_t cj_native_arch(void)
{
	return seccomp_arch_native();
}

const char *cj_libseccomp_version(char *buf, size_t len)
{
	const struct scmp_version *v = seccomp_version();

	if (v)
		snprintf(buf, len, "%u.%u.%u", v->major, v->minor, v->micro);
	else
		snprintf(buf, len, "unknown");
	return buf;
}

const char *cj_sysname(int nr, char *buf, size_t len)
{
	char *name = seccomp_syscall_resolve_num_arch(SCMP_ARCH_NATIVE, nr);

	if (name) {
		snprintf(buf, len, "%s", name);
		free(name);
	} else {
		snprintf(buf, len, "syscall_0x%x", (unsigned)nr);
	}
	return buf;
}

int cj_table_index_arg(const char *arg)
{
	char name[64];
	char *end;
	long nr;

	if (!*arg || strspn(arg, "0123456789") != strlen(arg))
		return cj_table_index(arg);
	nr = strtol(arg, &end, 10);
	if (*end || nr > 100000)
		return -1;
	cj_sysname((int)nr, name, sizeof(name));
	return cj_table_index(name);
}
