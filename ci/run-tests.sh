#!/usr/bin/env bash
# Run cmocka test binaries one after another, print each one's output, and
# end with one summary line "KIND: N passed, N failed, N skipped", counted
# per test case. A binary that exits non-zero with no failed case (a crash)
# counts as one failure. Every skipped case is listed with its binary.
set -u
kind=$1; shift
pass=0; fail=0; skip=0; failed=(); skipped=()
export CMOCKA_MESSAGE_OUTPUT=stdout
log=$(mktemp) || exit 70
trap 'rm -f -- "$log"' EXIT
names() { # names TAG: the distinct test names cmocka reported with TAG
	grep -E "^\[ *$1 *\] [A-Za-z_][A-Za-z0-9_]*\$" "$log" | awk '{print $NF}' | sort -u
}
for t in "$@"; do
	"$t" >"$log" 2>&1; rc=$?
	cat "$log"
	ok=$(grep -c '^\[       OK \]' "$log")
	mapfile -t f < <(names FAILED)
	mapfile -t s < <(names SKIPPED)
	pass=$((pass + ok)); skip=$((skip + ${#s[@]}))
	for n in "${s[@]}"; do skipped+=("${t##*/}: $n"); done
	if [ ${#f[@]} -gt 0 ]; then
		fail=$((fail + ${#f[@]}))
		for n in "${f[@]}"; do failed+=("${t##*/}: $n"); done
	elif [ "$rc" -ne 0 ]; then
		fail=$((fail + 1)); failed+=("${t##*/}: exit status $rc")
	fi
done
[ ${#skipped[@]} -eq 0 ] || printf 'skipped: %s (the reason is printed above it)\n' "${skipped[@]}"
[ ${#failed[@]} -eq 0 ] || printf 'failed: %s\n' "${failed[@]}"
echo "$kind: $pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
