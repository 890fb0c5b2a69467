#!/usr/bin/env bash
# Every long option of the launcher (core/jail/cli.c) is documented in the man
# page and the README: the man page is kept in sync by this check.
set -u
cd "$(dirname "$0")/.."
missing=0
opts=$(sed -n '/long_opts\[\] = {/,/^};/p' core/jail/cli.c | grep -o '{ "[a-z-]*"' | cut -d'"' -f2)
[ -n "$opts" ] || { echo "capejail: error: no options found in core/jail/cli.c" >&2; exit 1; }
for o in $opts; do
	esc=$(printf '%s' "$o" | sed 's/-/\\\\-/g')
	grep -q -- "\\\\-\\\\-$esc" docs/capejail.1 || { echo "capejail: error: --$o is not in docs/capejail.1" >&2; missing=1; }
	grep -q -- "--$o" README.md || { echo "capejail: error: --$o is not in README.md" >&2; missing=1; }
done
[ "$missing" -eq 0 ] && echo "man page and README: every option documented ($(echo $opts | wc -w) options)"
exit "$missing"
