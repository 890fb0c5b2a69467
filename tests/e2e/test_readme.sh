#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# README.md as a new user reads it: the test command at the top is what CI
# runs, and every line of the Usage block works as printed, after
# `make install` (into a scratch DESTDIR here, put first on PATH) and with
# the block's /srv/jail replaced by a scratch directory; then every line
# again as an ordinary user (rootless capejail, docs/rootless.md). A line
# exits 0 unless its comment says "(exit N" (discover's 1: something would
# be blocked). A line with --grant-read/--grant-write is skipped, with the
# reason, where the kernel's Landlock ABI is below 2. Needs root.
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

readonly E2E_TIMEOUT=${E2E_TIMEOUT:-120}
T=

# The lines of the first ```sh block after the heading $1.
readme_block() { # HEADING
	awk -v h="$1" '$0 == h { in_sec = 1; next }
		in_sec && /^```sh$/ { in_code = 1; next }
		in_code && /^```$/ { exit }
		in_code { print }' "$E2E_REPO/README.md"
}

check_ci_command() {
	local top
	top=$(readme_block '## Two commands (fresh Debian 12, as root)' | sed 's/[[:space:]]*#.*//')
	t_check "README: 'make check' is at the top" "$top" grep -qx 'make check' <<<"$top"
	t_check "README: .ci/run runs exactly 'make check'" "$(cat "$E2E_REPO/.ci/run")" \
		grep -qx 'exec make check' "$E2E_REPO/.ci/run"
}

check_usage() {
	local prefix=$T/inst/usr/local out ids
	if ! out=$(make -s -C "$E2E_REPO" install DESTDIR="$T/inst" 2>&1); then
		t_fail "make install DESTDIR=..." "$out"
		return
	fi
	t_ok "make install DESTDIR=... installs capejail, capejail-syscalls, capejail-mkroot"
	mkdir -p "$T/root-run"
	run_usage "" "$T/root-run"
	# The same lines as an ordinary user (rootless capejail, no sudo).
	ids=$("$E2E_REPO/ci/rootless-user.sh") || {
		t_fail "rootless account" "ci/rootless-user.sh failed"
		return
	}
	read -r rl_uid rl_gid <<<"$ids"
	if ! out=$(setpriv --reuid="$rl_uid" --regid="$rl_gid" --clear-groups unshare --user true 2>&1); then
		t_skip "usage as an ordinary user" "uid $rl_uid cannot make a user namespace here: $out"
		return
	fi
	mkdir -p "$T/user-run" && chown "$rl_uid:$rl_gid" "$T/user-run"
	chmod 0755 "$T" "$T/inst"
	run_usage "as uid $rl_uid: " "$T/user-run" setpriv --reuid="$rl_uid" --regid="$rl_gid" --clear-groups --
}

# Every line of the Usage block, run in DIR (its /srv/jail: DIR/jail) with
# AS... in front; LABEL starts each check's name.
run_usage() { # LABEL DIR [AS...]
	local label=$1 dir=$2 prefix=$T/inst/usr/local line cmd out rc want n=0
	shift 2
	while IFS= read -r line; do
		cmd=${line%%  #*}
		want=0
		[[ $line =~ \(exit\ ([0-9]+) ]] && want=${BASH_REMATCH[1]}
		cmd=${cmd%"${cmd##*[![:space:]]}"}
		[ -n "$cmd" ] || continue
		n=$((n + 1))
		if [ "$cmd" = "make install" ]; then
			t_check "${label}usage: make install: the programs are on PATH" "$(ls -R "$prefix")" \
				test -x "$prefix/bin/capejail" -a -x "$prefix/bin/capejail-syscalls" -a -x "$prefix/bin/capejail-mkroot"
			continue
		fi
		# --grant-read/--grant-write need Landlock ABI 2 (exit 69 without)
		if [[ $cmd == *--grant-* ]] && [ "$LANDLOCK_ABI" -lt 2 ]; then
			t_skip "${label}usage: $line" "the kernel's Landlock ABI is $LANDLOCK_ABI; grants need 2"
			continue
		fi
		cmd=${cmd//\/srv\/jail/$dir/jail}
		out=$(cd "$dir" && PATH="$prefix/bin:$PATH" timeout -k 5 "$E2E_TIMEOUT" "$@" bash -c "$cmd" 2>&1 </dev/null)
		rc=$?
		if [ "$rc" -eq "$want" ]; then
			t_ok "${label}usage: $line"
		else
			t_fail "${label}usage: $line" "$(printf '$ %s\nexit status %s, expected %s\n%s' "$cmd" "$rc" "$want" "$out")"
		fi
	done < <(readme_block '## Usage')
	t_check "${label}the Usage block has commands ($n)" "none found in README.md" [ "$n" -ge 5 ]
}

main() {
	e2e_landlock_abi || t_done
	T=$(mktemp -d "/tmp/capejail-e2e-readme.XXXXXX") || { t_fail "scratch directory" "mktemp failed"; t_done; }
	t_cleanup rm -rf --one-file-system -- "$T"
	check_ci_command
	e2e_need_root "README usage (installs into a scratch DESTDIR, makes a root)" || t_done
	check_usage
	t_done
}

main "$@"
