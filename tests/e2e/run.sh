#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# Run every tests/e2e/test_*.sh (or the files given), show their output and
# end with one line "N passed, N failed" (", N skipped" when any), summed
# over the files. Exit status 1 when any check failed or a file did not end
# with its summary line.
set -u

dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
rootless=0
if [ "${1-}" = --rootless ]; then
	rootless=1
	shift
fi
files=("$@")
[ ${#files[@]} -gt 0 ] || files=("$dir"/test_*.sh)

# --rootless: the files again with capejail run by an unprivileged account
# (lib.sh: CJ_AS), after a positive control that the account can make a
# user namespace at all; the checks about the root jail alone skip, and a
# table lists them with the reason.
if [ $rootless = 1 ]; then
	ids=$("$dir/../../ci/rootless-user.sh") || exit 1
	read -r rl_uid rl_gid <<<"$ids"
	if ! why=$(setpriv --reuid="$rl_uid" --regid="$rl_gid" --clear-groups unshare --user true 2>&1); then
		printf 'ok - rootless runs # SKIP uid %s cannot make a user namespace here: %s\n' "$rl_uid" "$why"
		echo "0 passed, 0 failed, 1 skipped"
		exit 0
	fi
	export E2E_ROOTLESS=1
	E2E_ROOTLESS_SKIPS=$(mktemp)
	export E2E_ROOTLESS_SKIPS
	trap 'rm -f -- "$E2E_ROOTLESS_SKIPS"' EXIT
	printf '# rootless: capejail runs as uid %s (setpriv), the test files as root\n' "$rl_uid"
fi

pass=0
fail=0
skip=0
broken=()
for f in "${files[@]}"; do
	[ -e "$f" ] || continue
	printf '# %s\n' "${f#"$dir"/}"
	log=$(mktemp)
	bash "$f" 2>&1 | tee "$log"
	status=${PIPESTATUS[0]}
	last=$(tail -n 1 "$log")
	rm -f -- "$log"
	if [[ $last =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed(,\ ([0-9]+)\ skipped)?$ ]]; then
		pass=$((pass + BASH_REMATCH[1]))
		fail=$((fail + BASH_REMATCH[2]))
		skip=$((skip + ${BASH_REMATCH[4]:-0}))
		if [ "$status" -ne 0 ] && [ "${BASH_REMATCH[2]}" -eq 0 ]; then
			fail=$((fail + 1))
			broken+=("${f##*/} (exit status $status with no failed check)")
		fi
	else
		fail=$((fail + 1))
		broken+=("${f##*/} (exit status $status, no summary line)")
	fi
done
for b in "${broken[@]}"; do printf 'not ok - %s\n' "$b"; done
if [ $rootless = 1 ]; then
	echo "# skipped rootless, and why (docs/rootless.md):"
	awk -F'\t' '{ printf "#   %s: %s\n#       %s\n", $1, $2, $3 }' "$E2E_ROOTLESS_SKIPS"
fi

line="$pass passed, $fail failed"
[ "$skip" -gt 0 ] && line+=", $skip skipped"
printf '%s\n' "$line"
[ "$fail" -eq 0 ]
