#!/usr/bin/env bash
# The tree's layering, checked: two wings over a common floor.
#
#   core/common   includes only core/common headers
#   core/policy   includes core/common and core/policy headers, never core/jail
#   tools/, bench/ link the policy library alone: no core/jail header
#   core/preload  (the preload library) core/common and core/policy only
#   core/policy, core/common, core/jail and core/preload never print (only
#   entry points do: core/jail/main.c, core/preload/preload.c; log.c is
#   the printer itself)
#
# The Makefile compiles each wing with only the include paths it may use;
# this check says the same in words, naming the file and the line.
set -u
cd "$(dirname "$0")/.."
bad=0
headers_of() { find "$1" -maxdepth 1 \( -name '*.h' -o -name '*.def' \) -printf '%f\n'; }
mapfile -t jail_h < <(headers_of core/jail)
mapfile -t policy_h < <(headers_of core/policy)

forbid() { # WHAT DIRS... -- HEADERS...
	local what=$1 dirs=() h
	shift
	while [ "$1" != -- ]; do dirs+=("$1"); shift; done
	shift
	for h in "$@"; do
		grep -rnE --include='*.c' --include='*.h' --include='*.def' \
			"^[[:space:]]*#[[:space:]]*include[[:space:]]+\"$h\"" "${dirs[@]}" |
			while IFS= read -r hit; do
				echo "capejail: error: layering: $hit: $what may not include $h"
			done
	done
}
out=$(
	forbid "core/policy and core/common" core/policy core/common -- "${jail_h[@]}"
	forbid "core/common" core/common -- "${policy_h[@]}"
	forbid "tools/ and bench/ (they link the policy library alone)" tools bench -- "${jail_h[@]}"
	forbid "core/preload (it links the policy library alone)" core/preload -- "${jail_h[@]}"
	grep -rnE '\b(cj_error|cj_warn|cj_info|cj_verbose|cj_hint|cj_log_err|perror)[[:space:]]*\(|fprintf\(stderr|fputs\([^)]*stderr' \
		core/policy core/common core/jail core/preload --include='*.c' --include='*.h' |
		grep -vE '^core/common/log\.[ch]:|^core/policy/gen/|^core/jail/main\.c:|^core/preload/preload\.c:' |
		grep -vE '^[^:]+:[0-9]+:[[:space:]]*(/?\*|//)' |
		sed 's/^/capejail: error: library prints: /; s/$/ (return a struct cj_err or send it to struct cj_msgs instead)/'
)
if [ -n "$out" ]; then
	printf '%s\n' "$out" >&2
	echo "capejail: hint: the layering is described in docs/architecture.md" >&2
	bad=1
fi
[ "$bad" -eq 0 ] && echo "layers: core/common <- core/policy <- core/jail; tools, bench and core/preload use core/policy only; the libraries never print"
exit "$bad"
