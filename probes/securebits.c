/* SPDX-License-Identifier: MIT */
/*
 * probe: securebits
 * class: privileges
 * tries: run with root semantics not locked off: ESCAPED if any securebit
 *   the jail sets (core/jail/creds.c, SECUREBITS) is missing from
 *   PR_GET_SECUREBITS: NOROOT and NO_CAP_AMBIENT_RAISE with their _LOCKED
 *   bits, and NO_SETUID_FIXUP_LOCKED (uid changes keep clearing
 *   capabilities). Without them uid 0 regains every capability at exec,
 *   and the program could change the bits itself.
 * args:
 * control: root
 * expect: BLOCKED(none)
 * layer: privileges (securebits set and locked)
 */
#include "probe.h"

#include <linux/securebits.h>

/* The bits capejail sets; KEEP_CAPS stays unlocked on purpose there. */
static const struct {
	int bit;
	const char *name;
} want[] = {
	{ SECBIT_NOROOT, "NOROOT" },
	{ SECBIT_NOROOT_LOCKED, "NOROOT_LOCKED" },
	{ SECBIT_NO_SETUID_FIXUP_LOCKED, "NO_SETUID_FIXUP_LOCKED" },
	{ SECBIT_NO_CAP_AMBIENT_RAISE, "NO_CAP_AMBIENT_RAISE" },
	{ SECBIT_NO_CAP_AMBIENT_RAISE_LOCKED, "NO_CAP_AMBIENT_RAISE_LOCKED" },
};

int main(void)
{
	char missing[256] = "";
	size_t off = 0;
	int bits;

	probe_init();
	bits = prctl(PR_GET_SECUREBITS, 0, 0, 0, 0);
	if (bits < 0)
		blocked(errno, "prctl(PR_GET_SECUREBITS)");
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		if (!(bits & want[i].bit) && off < sizeof(missing))
			off += (size_t)snprintf(missing + off,
						sizeof(missing) - off, " %s",
						want[i].name);
	if (missing[0])
		escaped("securebits 0x%x lack%s", (unsigned)bits, missing);
	blocked(0, "securebits 0x%x: root semantics locked off",
		(unsigned)bits);
}
