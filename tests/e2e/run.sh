#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# Run every tests/e2e/test_*.sh (or the files given), show their output and
# end with one line "N passed, N failed" (", N skipped" when any), summed
# over the files. Exit status 1 when any check failed or a file did not end
# with its summary line.
set -u

dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
files=("$@")
[ ${#files[@]} -gt 0 ] || files=("$dir"/test_*.sh)

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

line="$pass passed, $fail failed"
[ "$skip" -gt 0 ] && line+=", $skip skipped"
printf '%s\n' "$line"
[ "$fail" -eq 0 ]
