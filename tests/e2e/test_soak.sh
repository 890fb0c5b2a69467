#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# Soak (docs/limits.md, "Lifecycle"): many jails in a row and many at once
# leak nothing on the host. It counts only what belongs to this file's own
# jails, so other work on the host (processes, namespaces, cgroups, mounts
# that come and go) cannot fail it, and a leak of a single item still does:
#
# - its processes: every process started with this file's marker in its
#   environment (timeout, capejail, and the jail's init, a fork of
#   capejail), and every process in a PID namespace one of them entered;
# - their zombies, and the distinct mnt/pid/ipc/uts/net namespaces they hold;
# - the mounts of this shell's mount namespace that name the jail's root or
#   this file's scratch directory;
# - the cgroups of its jails (jail-PID for each capejail it started);
# - this shell's children and open fds.
#
# Each count is 0 (or its value before) again after the jails end, exactly.
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
# In the environment of every process this file starts through one_jail.
readonly MARK="CAPEJAIL_SOAK_MARK=$$.$RANDOM.$RANDOM"
readonly JAIL_TIMEOUT=10

T=    # scratch directory (host side only)
ROOT= # the jail's root

# ------------------------------------------------------- this file's own
# "PID STATE WHERE NS..." for each of this file's processes, WHERE being
# "jailed" (in a PID namespace one of its processes entered) or "outside".
# Into a file, never through a pipe (find must not see the counting).
our_procs() { # FILE
	local f=$1
	grep -lzxF -- "$MARK" /proc/[0-9]*/environ 2>/dev/null | cut -d/ -f3 >"$f.marked"
	find /proc -mindepth 3 -maxdepth 3 -path '/proc/[0-9]*/ns/*' \
		\( -name pid -o -name mnt -o -name ipc -o -name uts -o -name net \) \
		-printf '%p %l\n' 2>/dev/null >"$f.ns"
	awk -v host="$(readlink /proc/$$/ns/pid)" '
	FILENAME == ARGV[1] { marked[$1] = 1; next }
	{
		split($1, a, "/"); pid = a[3]
		ns[pid] = ns[pid] " " $2
		if (a[5] == "pid") pidns[pid] = $2
	}
	END {
		for (p in marked) if ((p in pidns) && pidns[p] != host) jail[pidns[p]] = 1
		for (p in pidns)
			if ((p in marked) || (pidns[p] in jail))
				print p, ((pidns[p] in jail) ? "jailed" : "outside") ns[p]
	}' "$f.marked" "$f.ns" >"$f"
	rm -f -- "$f.marked" "$f.ns"
}
# Zombies whose parent is one of this file's processes or this shell.
count_zombies() { # OUR-PROCS-FILE
	ps -e -o stat=,ppid= | awk -v me=$$ 'NR == FNR { ours[$1] = 1; next }
		$1 ~ /^Z/ && ($2 in ours || $2 == me) { n++ } END { print n + 0 }' "$1" -
}
count_mounts() { grep -cF -e "$ROOT" -e "$T" /proc/self/mountinfo; }
# Into a file, never through a pipe or a command substitution (whose other
# end this shell would hold while find lists its fds).
list_fds() {
	find /proc/$$/fd -mindepth 1 -maxdepth 1 -printf '%f -> %l\n' >"$1.raw" 2>/dev/null
	sort -n "$1.raw" >"$1"
	rm -f -- "$1.raw"
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
	our_procs "$T/procs"
	s[procs]=$(wc -l <"$T/procs")
	s[jailed]=$(grep -c ' jailed ' "$T/procs")
	s[ns]=$(cut -d' ' -f3- "$T/procs" | tr ' ' '\n' | sed '/^$/d' | sort -u | wc -l)
	s[zombies]=$(count_zombies "$T/procs")
	s[mounts]=$(count_mounts)
	s[cgroups]=$(our_cgroups | wc -l)
}

# ------------------------------------------------------------------ jails
# One jail under timeout; its capejail pid goes to $T/pids.
one_jail() { # ARGS (the program)...
	# shellcheck disable=SC2016
	env "$MARK" timeout -k 2 "$JAIL_TIMEOUT" /bin/sh -c 'echo $$ >>"$1"; shift; exec "$@"' \
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
		t_check "control: the $PARALLEL running jails' cgroups are seen (${DURING[cgroups]})" \
			"${BEFORE[cgroups]} before, ${DURING[cgroups]} during" \
			all_ge "${DURING[cgroups]}" $((PARALLEL * per))
	fi
	# Each jail: timeout and capejail outside; its init and a sleep inside,
	# in its own mnt, pid, ipc and uts namespaces.
	t_check "control: the running jails' processes are counted (${DURING[procs]})" \
		"${BEFORE[procs]} before, ${DURING[procs]} during" [ "${DURING[procs]}" -ge $((BEFORE[procs] + 4 * PARALLEL)) ]
	t_check "control: the running jails' inner processes are counted (${DURING[jailed]})" \
		"${BEFORE[jailed]} before, ${DURING[jailed]} during" [ "${DURING[jailed]}" -ge $((BEFORE[jailed] + 2 * PARALLEL)) ]
	t_check "control: the running jails' namespaces are counted (${DURING[ns]})" \
		"${BEFORE[ns]} before, ${DURING[ns]} during" [ "${DURING[ns]}" -ge $((BEFORE[ns] + 4 * PARALLEL)) ]
	t_check "control: the running jails' mounts are seen from the host's side (${DURING[mounts]})" \
		"${BEFORE[mounts]} before, ${DURING[mounts]} during" [ "${DURING[mounts]}" -ge "${BEFORE[mounts]}" ]
}

all_ge() { # A1 B1 A2 B2...: A1 >= B1 and A2 >= B2 ...
	while [ $# -ge 2 ]; do
		[ "$1" -ge "$2" ] || return 1
		shift 2
	done
}

all_back() { # is every count back to its value before?
	local k
	for k in procs jailed zombies ns mounts cgroups; do
		[ "${AFTER[$k]}" -le "${BEFORE[$k]}" ] || return 1
	done
}

compare() { # KEY WHAT
	local b=${BEFORE[$1]} a=${AFTER[$1]}
	if [ "$a" -le "$b" ]; then
		t_ok "no leaked $2 ($b before, $a after)"
	else
		t_fail "no leaked $2" "$b before, $a after"
	fi
}

main() {
	local t_start i left
	t_start=$(now_ms)
	e2e_setup soak "soak"
	e2e_cg_detect "the soak's cgroup counts"
	: >"$T/pids"

	# Warm up (page cache, the rootfs), then count.
	one_jail /bin/true >/dev/null 2>&1
	list_fds "$T/fds.before"
	snapshot BEFORE

	soak_serial
	soak_parallel "/bin/true" : /bin/true
	soak_parallel "3 s each, all alive together" while_running /bin/sleep 3

	# Let dying processes be reaped (the host's init may be slow): they go
	# away, a leak stays.
	for ((i = 0; i < 20; i++)); do
		snapshot AFTER
		all_back && break
		sleep 0.5
	done

	t_eq "every jail started was counted" $((SERIAL + 2 * PARALLEL + 1)) "$(wc -l <"$T/pids")"
	compare procs "processes (this file's, with their jails')"
	compare jailed "processes in this file's jails"
	compare zombies "zombies of this file's processes"
	compare ns "namespaces held by this file's processes (distinct mnt/pid/ipc/uts/net)"
	compare mounts "mounts naming the jail's root or this file's scratch directory"
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
