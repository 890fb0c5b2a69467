#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# Lifecycle, end to end (docs/limits.md): a jailed program cannot outlive
# capejail, signals to capejail reach it (and a second one or the grace
# period ends the jail), the jail's processes all end with its program, the
# cgroups capejail creates are removed however the jail ends (and stale ones
# are cleaned up by the next capejail), and two jails at once do not see
# each other.
#
# Safety: every capejail runs under timeout(1); every jailed program is
# bounded in time; only processes this file started are ever signalled;
# nothing is written outside a mktemp directory and the jails' own tmpfs.
# Needs root.
#
# Helpers run through t_check and t_cleanup (SC2317).
# shellcheck disable=SC2317
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

readonly SYS_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export PATH=$SYS_PATH:$PATH
# Longest any single jail may run before it counts as hung.
readonly E2E_TIMEOUT=${E2E_TIMEOUT:-30}
# The supervisor's grace period after a forwarded SIGTERM (CJ_GRACE_MS).
readonly GRACE_MS=5000

T=    # scratch directory (host side only)
ROOT= # the jail's root

lacks_file() { ! grep -q -- "$1" "$2"; } # PATTERN FILE
between() { [ "$1" -ge "$2" ] && [ "$1" -lt "$3" ]; } # N LOW HIGH

# ------------------------------------------------------------ running jails

# ------------------------------------------------- background jails
# A background jail: slot N keeps BGPID[N] (capejail's pid), BGJOB[N] (the
# timeout job to wait for), files $T/bgN.{out,err}, BGRC[N], BGMS[N].
declare -a BGPID=() BGJOB=() BGRC=() BGT0=() BGMS=()

bg_start() { # N ARGS...
	local n=$1 i
	shift
	rm -f -- "$T/bg$n.pid"
	BGT0[n]=$(now_ms)
	# shellcheck disable=SC2016
	# The braces keep the shell's "Killed" job notice out of the output.
	{ timeout -k 5 "$E2E_TIMEOUT" /bin/sh -c 'echo $$ >"$1"; shift; exec "$@"' \
		sh "$T/bg$n.pid" "$CAPEJAIL" "$@" >"$T/bg$n.out" 2>"$T/bg$n.err" </dev/null; } 2>/dev/null &
	BGJOB[n]=$!
	t_cleanup kill_job "${BGJOB[n]}"
	BGPID[n]=''
	for ((i = 0; i < 300; i++)); do
		BGPID[n]=$(cat "$T/bg$n.pid" 2>/dev/null) && [ -n "${BGPID[n]}" ] && break
		sleep 0.01
	done
	t_cleanup kill_pid "${BGPID[n]}"
}

bg_wait() { # N: reap the background jail, set BGRC[N] and BGMS[N]
	wait "${BGJOB[$1]}" 2>/dev/null
	BGRC[$1]=$?
	BGMS[$1]=$(($(now_ms) - BGT0[$1]))
}

bg_show() { # N
	printf 'capejail pid %s, exit status %s after %s ms\nstdout: %s\nstderr: %s' \
		"${BGPID[$1]}" "${BGRC[$1]-?}" "${BGMS[$1]-?}" "$(cat "$T/bg$1.out")" "$(cat "$T/bg$1.err")"
}


# Wait up to MS until the jail under capejail PID has at least N processes
# (init included); prints their host pids.
wait_jail_procs() { # PID N MS
	local i procs
	for ((i = 0; i < $3 / 10; i++)); do
		procs=$(descendants "$1")
		[ "$(grep -c . <<<"$procs")" -ge "$2" ] && break
		sleep 0.01
	done
	printf '%s\n' "$procs"
}

still_alive() { # PID...: those that are still running
	local p out=''
	for p in "$@"; do alive "$p" && out+="$p "; done
	printf '%s' "$out"
}

# -------------------------------------------------------------- cgroups
cg_dirs() { # CAPEJAIL-PID: the jail's cgroup dirs
	local d
	[ "$CG_VERSION" -gt 0 ] || return 0
	for d in "${CG_PARENTS[@]}"; do printf '%s/jail-%s ' "$d" "$1"; done
}
# What /proc/self/cgroup says inside a jail of capejail PID, as "cg PATH"
# lines (memory, then pids, as the kernel lists them here).
cg_inside() { # CAPEJAIL-PID
	local d
	for d in "${CG_PARENTS[@]}"; do
		d=${d#/sys/fs/cgroup}
		[ "$CG_VERSION" = 1 ] && d=/${d#/*/}
		printf 'cg %s/jail-%s\n' "${d%/}" "$1"
	done
}
cg_left() { # CAPEJAIL-PID: those jail cgroup dirs that still exist
	local d
	[ -n "$1" ] || return 0
	for d in $(cg_dirs "$1"); do [ -d "$d" ] && printf '%s ' "$d"; done
	return 0
}
cg_procs() { # CAPEJAIL-PID: host pids in the jail's (first) cgroup
	local d
	d=$(cg_dirs "$1")
	cat "${d%% *}/cgroup.procs" 2>/dev/null
}

expect_cg_gone() { # NAME CAPEJAIL-PID
	local left
	[ "$CG_VERSION" -gt 0 ] || return 0
	left=$(cg_left "$2")
	if [ -z "$2" ]; then
		t_fail "$1: cgroups removed" "capejail's pid is unknown"
	elif [ -z "$left" ]; then
		t_ok "$1: cgroups removed"
	else
		t_fail "$1: cgroups removed" "still there: $left"
	fi
}

# ------------------------------------------------------------------ checks

check_sigkill_capejail() {
	local procs pids cgp i gone_ms='' t0 left p
	bg_start 0 -r "$ROOT" -u jailuser -- /bin/sh -c 'sleep 300 & sleep 300'
	# capejail's init, sh and the two sleeps.
	procs=$(wait_jail_procs "${BGPID[0]}" 4 3000)
	pids=$(tr '\n' ' ' <<<"$procs")
	if [ "$(wc -w <<<"$pids")" -lt 4 ]; then
		t_fail "SIGKILL of capejail" "the jail's 4 processes never appeared: $pids; $(cat "$T/bg0.err")"
		kill_job "${BGJOB[0]}"
		return
	fi
	if [ "$CG_VERSION" -gt 0 ]; then
		cgp=$(cg_procs "${BGPID[0]}" | sort -n | tr '\n' ' ')
		t_eq "the jail's processes are the jail cgroup's (cgroup.procs)" \
			"$(tr ' ' '\n' <<<"$pids" | grep . | sort -n | tr '\n' ' ')" "$cgp"
		# Both views, in case one misses a process.
		pids=$(printf '%s %s' "$pids" "$cgp" | tr ' ' '\n' | grep . | sort -nu | tr '\n' ' ')
	fi
	t0=$(now_ms)
	kill -KILL "${BGPID[0]}"
	for ((i = 0; i < 150; i++)); do
		# shellcheck disable=SC2086
		left=$(still_alive $pids)
		if [ -z "$left" ]; then
			gone_ms=$(($(now_ms) - t0))
			break
		fi
		sleep 0.01
	done
	if [ -n "$gone_ms" ] && [ "$gone_ms" -le 1000 ]; then
		t_ok "SIGKILL of capejail: all $(wc -w <<<"$pids") jail processes gone within ${gone_ms} ms"
	else
		t_fail "SIGKILL of capejail: every jail process gone within 1 s" \
			"still alive after $(($(now_ms) - t0)) ms: $left (of $pids)"
		# shellcheck disable=SC2086
		for p in $left; do kill_pid "$p"; done
	fi
	bg_wait 0
	if [ "$CG_VERSION" -gt 0 ]; then
		# capejail had no chance to remove its cgroups: the next one does.
		left=$(cg_left "${BGPID[0]}")
		if [ -z "$left" ]; then
			# Another capejail on this host was quicker.
			t_ok "SIGKILL of capejail: its stale cgroups were already removed by another capejail"
			return
		fi
		t_ok "SIGKILL of capejail: its cgroups are left behind ($left)"
		for ((i = 0; i < 100; i++)); do
			# shellcheck disable=SC2086
			[ -z "$(still_alive $pids)" ] && ! alive "${BGPID[0]}" && break
			sleep 0.02
		done
		jail -- /bin/true
		expect_rc "the next capejail runs" 0
		left=$(cg_left "${BGPID[0]}")
		t_eq "the next capejail removes the stale cgroups of the killed one" "" "$left"
		expect_cg_gone "the next capejail" "$CJPID"
	fi
}

check_sigterm() {
	local procs t0 left
	# A program that exits on SIGTERM.
	bg_start 1 -r "$ROOT" -u jailuser -- /bin/sh -c 'sleep 300 & sleep 300'
	procs=$(wait_jail_procs "${BGPID[1]}" 4 3000)
	kill -TERM "${BGPID[1]}"
	bg_wait 1
	if [ "${BGRC[1]}" -eq 143 ]; then
		t_ok "SIGTERM to capejail: a program that exits on TERM gives 143 (${BGMS[1]} ms)"
	else
		t_fail "SIGTERM to capejail: a program that exits on TERM gives 143" "$(bg_show 1)"
	fi
	# shellcheck disable=SC2086
	left=$(still_alive $procs)
	t_eq "SIGTERM to capejail: every jail process is gone" "" "$left"
	expect_cg_gone "SIGTERM" "${BGPID[1]}"

	bg_start 2 -r "$ROOT" -u jailuser -- /bin/sleep 300
	wait_jail_procs "${BGPID[2]}" 2 3000 >/dev/null
	kill -INT "${BGPID[2]}"
	bg_wait 2
	if [ "${BGRC[2]}" -eq 130 ]; then
		t_ok "SIGINT to capejail: forwarded, 130"
	else
		t_fail "SIGINT to capejail: forwarded, 130" "$(bg_show 2)"
	fi

	# A program that traps TERM and keeps running (bounded: 15 s).
	# shellcheck disable=SC2016
	bg_start 3 -r "$ROOT" -u jailuser -- /bin/bash -c \
		'trap "echo got-TERM" TERM; for i in $(seq 150); do sleep 0.1; done; echo survived'
	wait_jail_procs "${BGPID[3]}" 3 3000 >/dev/null
	t0=$(now_ms)
	kill -TERM "${BGPID[3]}"
	bg_wait 3
	BGMS[3]=$(($(now_ms) - t0))
	if [ "${BGRC[3]}" -eq 137 ] && between "${BGMS[3]}" $((GRACE_MS - 200)) $((GRACE_MS + 1500)); then
		t_ok "SIGTERM trapped: the jail is killed after the grace period (${BGMS[3]} ms, 137)"
	else
		t_fail "SIGTERM trapped: the jail is killed after the ${GRACE_MS} ms grace period" "$(bg_show 3)"
	fi
	t_check "SIGTERM trapped: the program received the TERM" "$(bg_show 3)" grep -qx got-TERM "$T/bg3.out"
	t_check "SIGTERM trapped: the program did not run to its end" "$(bg_show 3)" \
		lacks_file survived "$T/bg3.out"
	expect_cg_gone "grace period kill" "${BGPID[3]}"

	# A second signal kills at once.
	# shellcheck disable=SC2016
	bg_start 4 -r "$ROOT" -u jailuser -- /bin/bash -c \
		'trap "echo got-signal" TERM INT; for i in $(seq 150); do sleep 0.1; done; echo survived'
	wait_jail_procs "${BGPID[4]}" 3 3000 >/dev/null
	kill -TERM "${BGPID[4]}"
	sleep 0.5
	t0=$(now_ms)
	kill -INT "${BGPID[4]}"
	bg_wait 4
	BGMS[4]=$(($(now_ms) - t0))
	if [ "${BGRC[4]}" -eq 137 ] && [ "${BGMS[4]}" -lt 1000 ]; then
		t_ok "a second signal kills the jail at once (${BGMS[4]} ms after it, 137)"
	else
		t_fail "a second signal kills the jail at once" "$(bg_show 4)"
	fi
}

check_cgroup_cleanup() {
	local host_pid i
	[ "$CG_VERSION" -gt 0 ] || {
		t_skip "cgroup cleanup" "no cgroup controllers on this host"
		return
	}
	jail -- /bin/true
	expect_rc "normal exit" 0
	expect_cg_gone "normal exit" "$CJPID"
	# shellcheck disable=SC2016
	jail -- /bin/sh -c 'kill -SEGV $$'
	expect_rc "crash of the jailed program (SIGSEGV): 139" 139
	expect_cg_gone "crash of the jailed program" "$CJPID"
	jail -- /bin/sh -c 'exec setup-failure-no-such-program'
	expect_rc "exec failure inside the jail: 127" 127
	expect_cg_gone "exec failure inside the jail" "$CJPID"

	# SIGKILL of the jailed program from the host.
	bg_start 5 -r "$ROOT" -u jailuser -- /bin/sleep 300
	for ((i = 0; i < 300; i++)); do
		host_pid=$(descendants "${BGPID[5]}" | tail -n 1)
		[ -n "$host_pid" ] && [ "$(cat "/proc/$host_pid/comm" 2>/dev/null)" = sleep ] && break
		host_pid=''
		sleep 0.01
	done
	if [ -z "$host_pid" ]; then
		t_fail "SIGKILL of the jailed program" "the jailed sleep never started: $(cat "$T/bg5.err")"
		kill_job "${BGJOB[5]}"
		return
	fi
	kill -KILL "$host_pid"
	bg_wait 5
	if [ "${BGRC[5]}" -eq 137 ]; then
		t_ok "SIGKILL of the jailed program: capejail exits 137"
	else
		t_fail "SIGKILL of the jailed program: capejail exits 137" "$(bg_show 5)"
	fi
	expect_cg_gone "SIGKILL of the jailed program" "${BGPID[5]}"
}

check_no_leftovers() {
	local py
	# A background process outlives its program only until the jail ends.
	jail -- /bin/sh -c 'sleep 300 & sleep 300 & echo started'
	if [ "$RC" -eq 0 ] && [ "$OUT" = started ] && [ "$MS" -lt 3000 ]; then
		t_ok "background children end with the program (${MS} ms)"
	else
		t_fail "background children end with the program" "$(show)"
	fi
	expect_cg_gone "background children" "$CJPID"
	# A daemon (double fork, new session) too.
	py='import os, time
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        time.sleep(300)
    os._exit(0)
os.wait()
print("daemonized")'
	jail -- /usr/bin/python3 -c "$py"
	if [ "$RC" -eq 0 ] && [ "$OUT" = daemonized ] && [ "$MS" -lt 5000 ]; then
		t_ok "a daemonized grandchild ends with the program (${MS} ms)"
	else
		t_fail "a daemonized grandchild ends with the program" "$(show)"
	fi
	expect_cg_gone "daemonized grandchild" "$CJPID"

	# Orphans are reaped by the jail's init: no zombies inside.
	# shellcheck disable=SC2016
	jail -- /bin/bash -c 'for i in 1 2 3 4 5; do (sleep 0.1 &); done; sleep 0.8
		z=0; for f in /proc/[0-9]*/stat; do read -r l <"$f" 2>/dev/null || continue
		l=${l##*) }; [ "${l%% *}" = Z ] && z=$((z + 1)); done; echo "zombies $z"'
	t_eq "orphans are reaped inside the jail" "zombies 0" "$OUT"
}

# shellcheck disable=SC2016
readonly CONCURRENT='echo "pid $$"; echo "$1" >"/tmp/mine-$1"; sleep 1.5
	echo "tmp $(ls /tmp | tr "\n" " ")"
	n=0; for d in /proc/[0-9]*; do n=$((n + 1)); done; echo "procs $n"
	sed -n "s#^[0-9]*:\(memory\|pids\):#cg #p" /proc/self/cgroup'

# The memory and pids cgroup lines of host pid PID, as the host sees them.
host_cg() { # HOST-PID
	[ -n "$1" ] && sed -n 's#^[0-9]*:\(memory\|pids\):#cg #p' "/proc/$1/cgroup" 2>/dev/null
}

check_concurrent() {
	local a b i both='' n host_a='' host_b=''
	bg_start 6 -r "$ROOT" -u jailuser -- /bin/bash -c "$CONCURRENT" sh A
	bg_start 7 -r "$ROOT" -u jailuser -- /bin/bash -c "$CONCURRENT" sh B
	if [ "$CG_VERSION" -gt 0 ]; then
		for ((i = 0; i < 100; i++)); do
			if [ -n "$(cg_procs "${BGPID[6]}")" ] && [ -n "$(cg_procs "${BGPID[7]}")" ]; then
				both=yes
				# The jails see "/" (a cgroup namespace): look from here.
				host_a=$(host_cg "$(cg_procs "${BGPID[6]}" | head -n 1)")
				host_b=$(host_cg "$(cg_procs "${BGPID[7]}" | head -n 1)")
				break
			fi
			sleep 0.01
		done
		t_check "two jails at once: both cgroups populated at the same time" \
			"jail-${BGPID[6]}, jail-${BGPID[7]}" [ -n "$both" ]
	fi
	bg_wait 6
	bg_wait 7
	a=$(cat "$T/bg6.out")
	b=$(cat "$T/bg7.out")
	if [ "${BGRC[6]}" -ne 0 ] || [ "${BGRC[7]}" -ne 0 ]; then
		t_fail "two jails at once: both run" "$(bg_show 6)"$'\n'"$(bg_show 7)"
		return
	fi
	t_ok "two jails at once: both run"
	t_eq "jail A: the program is pid 2 of its own /proc" "pid 2" "$(grep '^pid ' <<<"$a")"
	t_eq "jail B: the program is pid 2 of its own /proc" "pid 2" "$(grep '^pid ' <<<"$b")"
	for n in A B; do
		local out
		[ "$n" = A ] && out=$a || out=$b
		t_eq "jail $n: its /tmp holds only its own file" "tmp mine-$n " "$(grep '^tmp ' <<<"$out")"
		t_check "jail $n: sees only its own few processes ($(grep '^procs ' <<<"$out"))" "$out" \
			grep -qE '^procs [1-4]$' <<<"$out"
	done
	if [ "$CG_VERSION" -gt 0 ]; then
		t_eq "jail A: in its own cgroups (seen from the host)" \
			"$(cg_inside "${BGPID[6]}" | sort)" "$(sort <<<"$host_a")"
		t_eq "jail B: in its own cgroups (seen from the host)" \
			"$(cg_inside "${BGPID[7]}" | sort)" "$(sort <<<"$host_b")"
		t_eq "jail A: /proc/self/cgroup shows no host path (cgroup namespace)" \
			"$(cg_inside "${BGPID[6]}" | sed 's#^cg .*#cg /#')" "$(grep '^cg ' <<<"$a")"
		t_eq "jail B: /proc/self/cgroup shows no host path (cgroup namespace)" \
			"$(cg_inside "${BGPID[7]}" | sed 's#^cg .*#cg /#')" "$(grep '^cg ' <<<"$b")"
		expect_cg_gone "jail A" "${BGPID[6]}"
		expect_cg_gone "jail B" "${BGPID[7]}"
	fi
}

main() {
	e2e_setup lifecycle "lifecycle checks"
	e2e_cg_detect "cgroup checks (placement, cleanup, limits hit)"
	check_sigkill_capejail
	check_sigterm
	check_cgroup_cleanup
	check_no_leftovers
	check_concurrent
	t_done
}

main "$@"
