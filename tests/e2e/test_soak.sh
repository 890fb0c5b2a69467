#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# Soak (docs/limits.md, "Lifecycle"): many jails in a row and many at once
# leak nothing on the host. Before and after, it counts the host's processes
# and zombies, the mounts of this shell's mount namespace, the distinct
# mnt/pid/ipc/uts/net namespaces of all processes, the jail cgroups under
# capejail/, and this shell's open fds.
#
# The host may be shared (other work starts and ends processes meanwhile),
# so the host-wide counts allow a slack (SOAK_SLACK, default 50); a leak of
# one item per jail would show as hundreds (541 jails). What belongs to this file alone (its
# jails' cgroups, its own children, its own fds) must be exactly back.
#
# Knobs: SOAK_SERIAL (jails in a row, default 500), SOAK_PARALLEL (jails at
# once, default 20), SOAK_BUDGET_S (the time the whole file may take,
# default 120). Safety: every capejail runs under timeout(1) and runs
# /bin/true or a 3 s sleep; only processes this file started are signalled;
# nothing is written outside a mktemp directory. Needs root.
#
# Helpers run through t_check and t_cleanup (SC2317).
# shellcheck disable=SC2317
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

readonly SYS_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export PATH=$SYS_PATH:$PATH
readonly SERIAL=${SOAK_SERIAL:-500}
readonly PARALLEL=${SOAK_PARALLEL:-20}
readonly BUDGET_S=${SOAK_BUDGET_S:-120}
readonly SLACK=${SOAK_SLACK:-50}
readonly JAIL_TIMEOUT=10

T=    # scratch directory (host side only)
ROOT= # the jail's root


# ------------------------------------------------------------- host counts
count_procs() { find /proc -maxdepth 1 -name '[0-9]*' 2>/dev/null | wc -l; }
# shellcheck disable=SC2009 # pgrep cannot match on the state
count_zombies() { ps -e -o stat= | grep -c '^Z'; }
# Processes in a PID namespace other than the host's (this shell's): a
# process that escaped its jail's end would be one. Unlike the total, this
# ignores whatever else the host runs meanwhile, but for other jails.
count_jailed() {
	local p n=0 host
	host=$(readlink /proc/$$/ns/pid)
	for p in /proc/[0-9]*; do
		local ns
		ns=$(readlink "$p/ns/pid" 2>/dev/null) || continue
		[ "$ns" != "$host" ] && n=$((n + 1))
	done
	echo "$n"
}
count_mounts() { wc -l </proc/self/mountinfo; }
count_ns() {
	local p
	for p in /proc/[0-9]*; do
		readlink "$p/ns/mnt" "$p/ns/pid" "$p/ns/ipc" "$p/ns/uts" "$p/ns/net" 2>/dev/null
	done | sort -u | wc -l
}
# Into a file, never through a pipe or a command substitution (whose other
# end this shell would hold while find lists its fds).
list_fds() {
	find /proc/$$/fd -mindepth 1 -maxdepth 1 -printf '%f -> %l\n' >"$1.raw" 2>/dev/null
	sort -n "$1.raw" >"$1"
	rm -f -- "$1.raw"
}

CG_PARENTS=()
cg_detect() {
	# v2 only where the unified hierarchy offers both controllers.
	mapfile -t CG_PARENTS < <(e2e_cg_parents)
	return 0
}
count_cgroups() {
	local d n=0 e
	for d in "${CG_PARENTS[@]}"; do
		for e in "$d"/jail-*; do [ -d "$e" ] && n=$((n + 1)); done
	done
	echo "$n"
}
# Jail cgroups left by this file's capejails (their pids are in $T/pids).
our_cgroups() {
	local d pid
	[ -s "$T/pids" ] || return 0
	while read -r pid; do
		for d in "${CG_PARENTS[@]}"; do
			[ -d "$d/jail-$pid" ] && printf '%s\n' "$d/jail-$pid"
		done
	done <"$T/pids"
	return 0
}
# Processes whose parent chain reaches this shell, but for the subshell
# doing the counting.
count_children() {
	local f line pid rest ppid n=0
	local -A parent=()
	for f in /proc/[0-9]*/stat; do
		IFS= read -r line 2>/dev/null <"$f" || continue
		pid=${line%% *}
		rest=${line##*) }
		read -r _ ppid _ <<<"$rest"
		parent[$pid]=$ppid
	done
	for pid in "${!parent[@]}"; do
		[ "$pid" = "$BASHPID" ] && continue
		local p=${parent[$pid]}
		while [ -n "$p" ] && [ "$p" -gt 1 ]; do
			if [ "$p" = "$$" ]; then
				n=$((n + 1))
				break
			fi
			p=${parent[$p]-}
		done
	done
	echo "$n"
}

declare -A BEFORE=() AFTER=()
# shellcheck disable=SC2034,SC2154 # s is a name reference
snapshot() { # ARRAY-NAME
	local -n s=$1
	s[procs]=$(count_procs)
	s[zombies]=$(count_zombies)
	s[mounts]=$(count_mounts)
	s[ns]=$(count_ns)
	s[cgroups]=$(count_cgroups)
	s[jailed]=$(count_jailed)
}

# ------------------------------------------------------------------ jails
# One jail under timeout; its capejail pid goes to $T/pids.
one_jail() { # ARGS (the program)...
	# shellcheck disable=SC2016
	timeout -k 2 "$JAIL_TIMEOUT" /bin/sh -c 'echo $$ >>"$1"; shift; exec "$@"' \
		sh "$T/pids" "$CAPEJAIL" -q -r "$ROOT" -u jailuser -- "$@" </dev/null
}

soak_serial() {
	local i rc fails=0 first='' t0 ms
	t0=$(now_ms)
	for ((i = 0; i < SERIAL; i++)); do
		one_jail /bin/true >/dev/null 2>"$T/serial.err"
		rc=$?
		if [ "$rc" -ne 0 ]; then
			fails=$((fails + 1))
			[ -n "$first" ] || first="jail $i: exit $rc: $(cat "$T/serial.err")"
		fi
	done
	ms=$(($(now_ms) - t0))
	printf '# %d jails in a row: %d ms (%d ms each)\n' "$SERIAL" "$ms" $((ms / SERIAL))
	t_eq "$SERIAL jails in a row all exit 0 ($ms ms)" "0 failed" "$fails failed${first:+; first: $first}"
}

soak_parallel() { # NAME HOOK PROGRAM...: HOOK runs while the jails run
	local name=$1 hook=$2 i rc fails=0 first='' t0 ms
	local -a jobs=()
	shift 2
	t0=$(now_ms)
	for ((i = 0; i < PARALLEL; i++)); do
		{ one_jail "$@" >/dev/null 2>"$T/par.$i.err"; } 2>/dev/null &
		jobs+=($!)
		t_cleanup kill_job "$!"
	done
	$hook
	for ((i = 0; i < PARALLEL; i++)); do
		wait "${jobs[i]}"
		rc=$?
		if [ "$rc" -ne 0 ]; then
			fails=$((fails + 1))
			[ -n "$first" ] || first="jail $i: exit $rc: $(cat "$T/par.$i.err")"
		fi
	done
	ms=$(($(now_ms) - t0))
	printf '# %d jails at once (%s): %d ms\n' "$PARALLEL" "$name" "$ms"
	t_eq "$PARALLEL jails at once ($name) all exit 0 ($ms ms)" "0 failed" "$fails failed${first:+; first: $first}"
}

# ------------------------------------------------------------------ checks
# Positive control, while the 3 s jails run: the counters see them, so a
# leak would show.
declare -A DURING=()
while_running() {
	local i per=${#CG_PARENTS[@]} ours=0
	for ((i = 0; i < 250; i++)); do
		ours=$(our_cgroups | wc -l)
		[ "$ours" -ge $((PARALLEL * per)) ] && break
		sleep 0.01
	done
	snapshot DURING
	if [ "$per" -gt 0 ]; then
		t_check "control: the $PARALLEL running jails' cgroups are seen ($ours of this file's, ${DURING[cgroups]} in all)" \
			"$ours of this file's, ${BEFORE[cgroups]} before, ${DURING[cgroups]} during" \
			all_ge "$ours" $((PARALLEL * per)) "${DURING[cgroups]}" "$ours"
	fi
	# Each jail has its own mnt, pid, ipc and uts namespaces, an init and a
	# sleep inside, and timeout and capejail outside; other work on a shared
	# host comes and goes, so ask for one per jail.
	t_check "control: the running jails' namespaces are counted (${DURING[ns]})" \
		"${BEFORE[ns]} before, ${DURING[ns]} during" [ "${DURING[ns]}" -ge $((BEFORE[ns] + PARALLEL)) ]
	t_check "control: the running jails' inner processes are counted (${DURING[jailed]})" \
		"${BEFORE[jailed]} before, ${DURING[jailed]} during" [ "${DURING[jailed]}" -ge $((BEFORE[jailed] + PARALLEL)) ]
	t_check "control: the running jails' processes are counted (${DURING[procs]})" \
		"${BEFORE[procs]} before, ${DURING[procs]} during" [ "${DURING[procs]}" -ge $((BEFORE[procs] + PARALLEL)) ]
}

all_ge() { # A1 B1 A2 B2...: A1 >= B1 and A2 >= B2 ...
	while [ $# -ge 2 ]; do
		[ "$1" -ge "$2" ] || return 1
		shift 2
	done
}

within_slack() { # are all host-wide counts back within the slack?
	local k
	for k in procs jailed zombies ns cgroups; do
		[ "${AFTER[$k]}" -le $((BEFORE[$k] + SLACK)) ] || return 1
	done
	[ "${AFTER[mounts]}" -le $((BEFORE[mounts] + 2)) ]
}

compare() { # KEY WHAT SLACK
	local key=$1 what=$2 slack=$3 b=${BEFORE[$1]} a=${AFTER[$1]}
	if [ "$a" -le $((b + slack)) ]; then
		t_ok "no leaked $what ($b before, $a after${slack:+, slack $slack})"
	else
		t_fail "no leaked $what" "$b before, $a after (slack $slack)"
	fi
	: "$key"
}

main() {
	local t_start i left
	t_start=$(now_ms)
	e2e_setup soak "soak"
	cg_detect
	: >"$T/pids"

	# Warm up (page cache, the rootfs), then count.
	one_jail /bin/true >/dev/null 2>&1
	list_fds "$T/fds.before"
	snapshot BEFORE

	soak_serial
	soak_parallel "/bin/true" : /bin/true
	soak_parallel "3 s each, all alive together" while_running /bin/sleep 3

	# Let dying processes be reaped (the host's init may be slow), and let
	# other work on a shared host settle: noise goes away, a leak stays.
	for ((i = 0; i < 20; i++)); do
		snapshot AFTER
		within_slack && break
		sleep 0.5
	done

	t_eq "every jail started was counted" $((SERIAL + 2 * PARALLEL + 1)) "$(wc -l <"$T/pids")"
	compare procs "processes" "$SLACK"
	compare jailed "processes in jails (PID namespaces not the host's)" "$SLACK"
	compare zombies "zombies" "$SLACK"
	compare ns "namespaces (distinct mnt/pid/ipc/uts/net)" "$SLACK"
	compare mounts "mounts (this shell's mountinfo lines)" 2
	compare cgroups "jail cgroups under capejail/ (all)" "$SLACK"
	left=$(our_cgroups)
	t_eq "none of this file's $(wc -l <"$T/pids") jails left a cgroup" "" "$left"
	t_eq "no process of this file is left" 0 "$(count_children)"
	list_fds "$T/fds.after"
	t_eq "this shell's open fds are the same ($(wc -l <"$T/fds.before") before, $(wc -l <"$T/fds.after") after)" \
		"$(cat "$T/fds.before")" "$(cat "$T/fds.after")"

	local total=$(($(now_ms) - t_start))
	t_check "the soak takes well under ${BUDGET_S} s ($((total / 1000)).$((total % 1000 / 100)) s)" \
		"took $total ms" [ "$total" -lt $((BUDGET_S * 1000)) ]
	t_done
}

main "$@"
