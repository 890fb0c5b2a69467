#!/usr/bin/env bash
# Run test binaries one after another, print each one's output, and end
# with one summary line "N passed, N failed" (counted per binary).
set -u
kind=$1; shift
pass=0; fail=0; failed=()
export CMOCKA_MESSAGE_OUTPUT=stdout
for t in "$@"; do
	if "$t"; then pass=$((pass + 1)); else fail=$((fail + 1)); failed+=("$t"); fi
done
echo "$kind: $pass passed, $fail failed"
[ "$fail" -eq 0 ] || { printf 'failed: %s\n' "${failed[@]}"; exit 1; }
