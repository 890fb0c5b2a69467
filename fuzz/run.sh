#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# fuzz/run.sh BUILD SECONDS TARGET [SEED_DIR...]
# Run one libFuzzer harness for SECONDS seconds on its corpus
# (BUILD/corpus/TARGET, grown across runs) plus the read-only seed
# directories, then print one line:
#   TARGET: N executions in S s, C crashes, corpus K inputs
# Exit status: 0, or 1 when the harness found a crash (the input is kept
# in BUILD/artifacts/ and named on stderr).
set -u
build=$1 secs=$2 target=$3
shift 3
bin=$build/$target
corpus=$build/corpus/$target
artifacts=$build/artifacts
log=$build/logs/$target.log
mkdir -p "$corpus" "$artifacts" "$build/logs"

seeds=()
for d in "$@"; do [ -d "$d" ] && seeds+=("$d"); done
dict=()
case $target in
fuzz_profile) dict=(-dict=fuzz/profile.dict) ;;
fuzz_oci) dict=(-dict=fuzz/oci.dict) ;;
esac

before=$(find "$artifacts" -name "$target-*" 2>/dev/null | wc -l)
# libFuzzer's own limits, and an outer one in case it hangs on exit.
timeout -k 10 $((secs + 120)) "$bin" -max_total_time="$secs" -print_final_stats=1 \
	-max_len=16384 -timeout=20 -rss_limit_mb=2048 "${dict[@]}" \
	-artifact_prefix="$artifacts/$target-" "$corpus" "${seeds[@]}" >"$log" 2>&1
status=$?
after=$(find "$artifacts" -name "$target-*" 2>/dev/null | wc -l)
execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
crashes=$((after - before))
[ "$status" -ne 0 ] && [ "$crashes" -eq 0 ] && crashes=1
printf '%s: %s executions in %s s, %s crashes, corpus %s inputs\n' \
	"$target" "${execs:-?}" "$secs" "$crashes" "$(find "$corpus" -type f | wc -l)"
if [ "$status" -ne 0 ]; then
	echo "capejail: error: $target failed (exit status $status); log: $log" >&2
	grep -E '^(==[0-9]+==|SUMMARY|fuzz check failed|artifact_prefix|Test unit written)' "$log" | head -20 >&2
	echo "capejail: hint: reproduce with: $bin <the crash file above>" >&2
	exit 1
fi
