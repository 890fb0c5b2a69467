#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# Resource limits, end to end (docs/limits.md): every limit is enforced by
# the mechanism -v names, stops a bounded bomb, and is reported with its exit
# status; the defaults apply without options and each can be raised or turned
# off. The parsing of sizes and durations is unit-tested (tests/unit/test_cli.c)
# and not repeated here.
#
# Safety: every bomb is bounded in count, size and time (a fork bomb of at
# most 200 children that each sleep 10 s, a memory bomb of at most 1 GiB, disk
# fills of at most 50 MiB, loops under a time or CPU limit), every capejail
# runs under timeout(1), only processes this file started are ever killed,
# and nothing is written outside a mktemp directory and the jails' own tmpfs.
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
# A uid no other process uses, for the RLIMIT_NPROC fallback.
readonly NPROC_UID=${E2E_NPROC_UID:-48613}

T=    # scratch directory (host side only)
ROOT= # the jail's root

# ------------------------------------------------------------ running jails

# ok when the last jail's stderr has a line matching the ERE.
expect_err() { # NAME ERE
	if grep -qE -- "$2" <<<"$ERR"; then
		t_ok "$1"
	else
		t_fail "$1" "$(printf 'stderr does not match: %s\n%s' "$2" "$(show)")"
	fi
}

# Value of a /proc/PID/limits row in $OUT: soft limit of "Max NAME".
limit_of() { # NAME (e.g. "open files")
	awk -v n="Max $1" 'index($0, n) == 1 { s = substr($0, 27); split(s, a, " "); print a[1] }' <<<"$OUT"
}

# Size option of the tmpfs mounted at MOUNTPOINT, from mountinfo text in $OUT.
tmpfs_size() { # MOUNTPOINT
	awk -v m="$1" '$5 == m { n = split($NF, o, ","); for (i = 1; i <= n; i++) if (o[i] ~ /^size=/) print substr(o[i], 6) }' <<<"$OUT"
}

# -------------------------------------------------------------- cgroups
CG_NAME=rlimit

cg_mem_dir() { # CAPEJAIL-PID
	[ "$CG_VERSION" -gt 0 ] && echo "${CG_PARENTS[0]}/jail-$1"
}
cg_pids_dir() { # CAPEJAIL-PID
	[ "$CG_VERSION" -gt 0 ] && echo "${CG_PARENTS[-1]}/jail-$1"
}
cg_mem_file() { [ "$CG_VERSION" = 2 ] && echo memory.max || echo memory.limit_in_bytes; }

# The jail cgroup dirs of capejail PID that still exist (none expected).
cg_left() { # CAPEJAIL-PID
	local d
	[ -n "$1" ] || return 0
	for d in $(cg_mem_dir "$1") $(cg_pids_dir "$1"); do
		[ -d "$d" ] && printf '%s ' "$d"
	done
	return 0
}

# After a jail ended: its cgroups are gone (which also proves them empty).
expect_cg_gone() { # NAME
	local left
	[ "$CG_VERSION" -gt 0 ] || return 0
	left=$(cg_left "$CJPID")
	if [ -z "$CJPID" ]; then
		t_fail "$1: cgroups removed" "capejail's pid is unknown"
	elif [ -z "$left" ]; then
		t_ok "$1: cgroups removed"
	else
		t_fail "$1: cgroups removed" "still there: $left"
	fi
}

# ------------------------------------------------- background jails
BG_JOB=''
BG_PID=''

# Start capejail ARGS under timeout in the background; BG_PID is capejail's
# own pid, BG_JOB the job to wait for.
bg_start() { # ARGS...
	local i
	rm -f -- "$T/bg.pid"
	# shellcheck disable=SC2016
	# The braces keep the shell's "Killed" job notice out of the output.
	{ timeout -k 5 "$E2E_TIMEOUT" /bin/sh -c 'echo $$ >"$1"; shift; exec "$@"' \
		sh "$T/bg.pid" "$CAPEJAIL" "$@" >"$T/bg.out" 2>"$T/bg.err" </dev/null; } 2>/dev/null &
	BG_JOB=$!
	t_cleanup kill_job "$BG_JOB"
	BG_PID=''
	for ((i = 0; i < 200; i++)); do
		BG_PID=$(cat "$T/bg.pid" 2>/dev/null) && [ -n "$BG_PID" ] && break
		sleep 0.01
	done
	t_cleanup kill_pid "$BG_PID"
}

# Wait (up to 3 s) until the background jail sits in its cgroups.
bg_wait_cgroup() {
	local i d
	d=$(cg_pids_dir "$BG_PID")
	for ((i = 0; i < 300; i++)); do
		# cgroupfs files have no size: read them.
		[ -n "$(cat "$d/cgroup.procs" 2>/dev/null)" ] &&
			[ -n "$(cat "$(cg_mem_dir "$BG_PID")/cgroup.procs" 2>/dev/null)" ] && return 0
		sleep 0.01
	done
	return 1
}

bg_stop() { # end the background jail (SIGTERM, forwarded) and reap it
	[ -n "$BG_PID" ] && kill -TERM "$BG_PID" 2>/dev/null
	wait "$BG_JOB" 2>/dev/null
}

# Read the cgroup limits of a jail started with ARGS: CG_PIDS, CG_MEM.
CG_PIDS=''
CG_MEM=''
cg_values() { # ARGS... (the options; the program is a sleep)
	CG_PIDS='' CG_MEM=''
	bg_start -r "$ROOT" -u jailuser "$@" -- sleep 10
	if bg_wait_cgroup; then
		CG_PIDS=$(cat "$(cg_pids_dir "$BG_PID")/pids.max" 2>/dev/null)
		CG_MEM=$(cat "$(cg_mem_dir "$BG_PID")/$(cg_mem_file)" 2>/dev/null)
	fi
	bg_stop
	CJPID=$BG_PID
}

# Processes whose command line holds MARK: a bomb's children carry the
# bomb's argv, so this counts them and nothing else the host runs. The
# mark goes to grep in a file, or grep would count itself.
marked_procs() {
	printf '%s\n' "$1" >"$T/mark"
	grep -lzF -f "$T/mark" /proc/[0-9]*/cmdline 2>/dev/null | wc -l
}

lacks() { ! grep -q -- "$1" <<<"$2"; } # PATTERN TEXT

between() { [ "$1" -ge "$2" ] && [ "$1" -lt "$3" ]; } # N LOW HIGH

unlimited_mem() { # VALUE: "max" (v2) or the v1 page counter maximum
	[ "$1" = max ] || { [ -n "$1" ] && [ "${#1}" -ge 18 ]; }
}

# ------------------------------------------------------------------ checks
VLINES=''
check_verbose() {
	local mem_by pids_by
	if [ "$CG_VERSION" -gt 0 ]; then
		mem_by="$CG_NAME" pids_by="$CG_NAME"
	else
		mem_by="rlimit RLIMIT_DATA: each process's private writable memory, not the jail's together" pids_by="rlimit RLIMIT_NPROC, counted for the jail's user in its own user namespace"
	fi
	jail -v --memory 64M --pids 32 --cpu-time 5s --file-size 100M --nofile 256 \
		--tmp-size 64M --time-limit 10s -- /bin/true
	expect_rc "-v with every limit: runs" 0
	VLINES=$(grep '^capejail: limit: ' <<<"$ERR")
	t_check "-v: memory 64M enforced by $mem_by" "$(show)" \
		grep -qxF "capejail: limit: memory: 67108864 bytes ($mem_by)" <<<"$VLINES"
	t_check "-v: pids 32 enforced by $pids_by" "$(show)" \
		grep -qxF "capejail: limit: pids: 32 processes (the jail's init included) ($pids_by)" <<<"$VLINES"
	t_check "-v: cpu time 5 s by RLIMIT_CPU" "$(show)" \
		grep -qxF "capejail: limit: cpu time: 5 s (rlimit RLIMIT_CPU: SIGXCPU, then SIGKILL a second later)" <<<"$VLINES"
	t_check "-v: file size 100M by RLIMIT_FSIZE" "$(show)" \
		grep -qxF "capejail: limit: file size: 104857600 bytes (rlimit RLIMIT_FSIZE)" <<<"$VLINES"
	t_check "-v: open files 256 by RLIMIT_NOFILE" "$(show)" \
		grep -qxF "capejail: limit: open files: 256 (rlimit RLIMIT_NOFILE)" <<<"$VLINES"
	t_check "-v: each writable tmpfs 64M (tmpfs size)" "$(show)" \
		grep -qxF "capejail: limit: each writable tmpfs: 67108864 bytes (tmpfs size, one inode per 4 KiB)" <<<"$VLINES"
	t_check "-v: wall clock 10 s (supervisor timer)" "$(show)" \
		grep -qxF "capejail: limit: wall clock: 10000 ms (supervisor timer)" <<<"$VLINES"
	t_check "-v: core dumps off (RLIMIT_CORE)" "$(show)" \
		grep -qxF "capejail: limit: core dumps: off (rlimit RLIMIT_CORE)" <<<"$VLINES"
	expect_cg_gone "-v with every limit"

	jail -v --memory unlimited --pids unlimited -- /bin/true
	VLINES=$(grep '^capejail: limit: ' <<<"$ERR")
	t_check "-v: --memory unlimited says none" "$(show)" grep -qE '^capejail: limit: memory: none$' <<<"$VLINES"
	t_check "-v: --pids unlimited says none" "$(show)" grep -qE '^capejail: limit: pids: none$' <<<"$VLINES"
}

check_defaults() {
	local total want_mem want_tmp host_ulimit_n
	total=$(($(awk '$1 == "MemTotal:" { print $2 }' /proc/meminfo) * 1024))
	# As core/jail/limits.c computes it (docs/limits.md): RAM / 40, between
	# 64 MiB and 4 GiB; each tmpfs a quarter of that, at most 256 MiB, in
	# whole pages (KiB in mountinfo).
	want_mem=$((total / 40))
	[ "$want_mem" -lt $((64 << 20)) ] && want_mem=$((64 << 20))
	[ "$want_mem" -gt $((4 << 30)) ] && want_mem=$((4 << 30))
	want_tmp=$((want_mem / 4))
	[ "$want_tmp" -gt $((256 << 20)) ] && want_tmp=$((256 << 20))
	# shellcheck disable=SC2017 # whole pages, then KiB
	want_tmp=$(((want_tmp + 4095) / 4096 * 4))k
	jail -v -- /bin/sh -c 'cat /proc/self/limits; cat /proc/self/mountinfo'
	expect_rc "defaults: a jail without limit options runs" 0
	VLINES=$(grep '^capejail: limit: ' <<<"$ERR")
	t_check "default pids 256 (-v)" "$(show)" grep -qE '^capejail: limit: pids: 256 ' <<<"$VLINES"
	t_check "default memory is RAM / 40: $want_mem bytes (-v)" "$(show)" \
		grep -qE "^capejail: limit: memory: $want_mem " <<<"$VLINES"
	t_eq "default file size 1G (RLIMIT_FSIZE inside)" 1073741824 "$(limit_of "file size")"
	t_eq "default open files 1024 (RLIMIT_NOFILE inside)" 1024 "$(limit_of "open files")"
	t_eq "no core dumps (RLIMIT_CORE 0 inside)" 0 "$(limit_of "core file size")"
	t_eq "no default CPU time limit" unlimited "$(limit_of "cpu time")"
	t_eq "default /tmp tmpfs: a quarter of the memory, at most 256M" "$want_tmp" "$(tmpfs_size /tmp)"
	t_eq "default /dev/shm tmpfs: the same" "$want_tmp" "$(tmpfs_size /dev/shm)"
	t_eq "RLIMIT_MEMLOCK set, not inherited" 8388608 "$(limit_of "locked memory")"
	t_eq "RLIMIT_MSGQUEUE set" 819200 "$(limit_of "msgqueue size")"
	t_eq "RLIMIT_SIGPENDING set" 1024 "$(limit_of "pending signals")"
	t_eq "RLIMIT_RTPRIO 0" 0 "$(limit_of "realtime priority")"
	if [ "$CG_VERSION" -gt 0 ]; then
		t_eq "default: RLIMIT_NPROC not used (the cgroup counts)" \
			"$(awk '/^Max processes/ { print $3 }' /proc/self/limits)" "$(limit_of processes)"
		cg_values
		t_eq "default pids.max in the jail's cgroup" 256 "$CG_PIDS"
		# The kernel keeps whole pages.
		t_eq "default memory limit in the jail's cgroup" $((want_mem / 4096 * 4096)) "$CG_MEM"
		expect_cg_gone "default limits"
	fi

	# Raised.
	jail --pids 1000 --memory 1G --nofile 4096 --file-size 2G --tmp-size 512M \
		--cpu-time 1h -- /bin/sh -c 'cat /proc/self/limits; cat /proc/self/mountinfo'
	expect_rc "raised limits: runs" 0
	t_eq "--nofile 4096" 4096 "$(limit_of "open files")"
	t_eq "--file-size 2G" 2147483648 "$(limit_of "file size")"
	t_eq "--cpu-time 1h (soft limit)" 3600 "$(limit_of "cpu time")"
	t_eq "--tmp-size 512M: /tmp" 524288k "$(tmpfs_size /tmp)"
	t_eq "--tmp-size 512M: /dev/shm" 524288k "$(tmpfs_size /dev/shm)"
	if [ "$CG_VERSION" -gt 0 ]; then
		cg_values --pids 1000 --memory 1G
		t_eq "--pids 1000: pids.max" 1000 "$CG_PIDS"
		t_eq "--memory 1G: cgroup memory limit" 1073741824 "$CG_MEM"
	fi

	# Turned off: the rlimits are not set (capejail's own are inherited).
	host_ulimit_n=$(awk '/^Max open files/ { print $4 }' /proc/self/limits)
	jail --nofile unlimited --file-size unlimited --cpu-time unlimited --tmp-size unlimited \
		-- /bin/sh -c 'cat /proc/self/limits; cat /proc/self/mountinfo'
	expect_rc "unlimited rlimits: runs" 0
	t_eq "--nofile unlimited: capejail's own limit ($host_ulimit_n)" "$host_ulimit_n" "$(limit_of "open files")"
	t_eq "--file-size unlimited" "$(awk '/^Max file size/ { print $4 }' /proc/self/limits)" "$(limit_of "file size")"
	t_eq "--cpu-time unlimited" "$(awk '/^Max cpu time/ { print $4 }' /proc/self/limits)" "$(limit_of "cpu time")"
	t_check "--tmp-size unlimited: /tmp larger than the default ($(tmpfs_size /tmp))" "$(show)" \
		[ "$(tmpfs_size /tmp | tr -d k)" -gt 262144 ]
	if [ "$CG_VERSION" -gt 0 ]; then
		cg_values --pids unlimited
		t_eq "--pids unlimited: pids.max" max "$CG_PIDS"
		cg_values --memory unlimited
		t_check "--memory unlimited: cgroup memory limit is the maximum ($CG_MEM)" "$CG_MEM" unlimited_mem "$CG_MEM"
		jail --memory unlimited --pids unlimited -- /bin/cat /proc/self/cgroup
		expect_rc "--memory unlimited --pids unlimited: runs" 0
		t_check "--memory unlimited --pids unlimited: no jail cgroup" "$(show)" \
			lacks "/capejail/jail-" "$OUT"
		t_eq "--memory unlimited --pids unlimited: no cgroup dirs created" "" "$(cg_left "$CJPID")"
	fi
}

# Python fork bomb, bounded: at most 200 children, each sleeps 10 s and
# exits (unless the jail's end kills them first, as it must).
readonly PY_FORKBOMB='
import os, sys, time
n = 0
for i in range(200):
    try:
        pid = os.fork()
    except OSError as e:
        print("fork failed: errno %d after %d children" % (e.errno, n), flush=True)
        sys.exit(3)
    if pid == 0:
        time.sleep(10)
        os._exit(0)
    n += 1
print("no limit: %d children" % n, flush=True)'

check_pids() {
	local after i mark="capejail-pids-bomb-$$-$RANDOM"
	jail --pids 16 -- /usr/bin/python3 -c "$PY_FORKBOMB" "$mark"
	if [ "$RC" -eq 3 ] && grep -q '^fork failed: errno 11 ' <<<"$OUT"; then
		t_ok "--pids 16: python fork bomb: fork fails with EAGAIN (${OUT#fork failed: })"
	else
		t_fail "--pids 16: python fork bomb: fork fails with EAGAIN" "$(show)"
	fi
	t_check "--pids 16: at most 14 children (16 - init - python)" "$(show)" \
		grep -qE 'after ([0-9]|1[0-4]) children' <<<"$OUT"
	if [ "$CG_VERSION" -gt 0 ]; then
		expect_err "--pids 16: reported as the process limit" '^capejail: .*process limit \(16\) reached'
	fi
	t_check "--pids 16: the jail ends at once (${MS} ms, the children sleep 10 s)" "$(show)" [ "$MS" -lt 5000 ]
	expect_cg_gone "--pids 16 fork bomb"
	t_check "--pids 16: the host can still fork" "host fork failed" /bin/true
	# Control: the count sees a process started with the mark.
	/usr/bin/python3 -c 'import time; time.sleep(3)' "$mark" &
	local control_pid=$! seen=0
	for ((i = 0; i < 50; i++)); do
		seen=$(marked_procs "$mark")
		[ "$seen" -gt 0 ] && break
		sleep 0.05
	done
	kill_pid "$control_pid"
	wait "$control_pid" 2>/dev/null
	t_check "control: a process with the bomb's mark is counted ($seen)" "not seen" [ "$seen" -ge 1 ]
	# The bomb's children, had they survived the jail, would still sleep
	# (10 s); give dying ones 2 s to be reaped.
	for ((i = 0; i < 10; i++)); do
		after=$(marked_procs "$mark")
		[ "$after" -eq 0 ] && break
		sleep 0.2
	done
	t_check "--pids 16: none of the bomb's processes is left on the host ($after)" \
		"$after processes with the bomb's argv left" [ "$after" -eq 0 ]

	# shellcheck disable=SC2016
	jail --pids 16 -- /bin/sh -c 'i=0; while [ $i -lt 200 ]; do sleep 3 & i=$((i + 1)); done; wait; echo survived'
	if [ "$RC" -ne 0 ] && ! grep -q survived <<<"$OUT" && grep -qi 'fork' <<<"$ERR"; then
		t_ok "--pids 16: shell loop of background sleeps stops at a fork failure (exit $RC)"
	else
		t_fail "--pids 16: shell loop of background sleeps stops at a fork failure" "$(show)"
	fi
	if [ "$CG_VERSION" -gt 0 ]; then
		expect_err "--pids 16: shell bomb reported as the process limit" '^capejail: .*process limit \(16\) reached'
	fi
	expect_cg_gone "--pids 16 shell bomb"
}

# Memory bomb, bounded: 1 MiB chunks, at most 1 GiB, touched so they count.
readonly PY_MEMBOMB='
import sys
chunks = []
for i in range(1024):
    chunks.append(bytearray(1 << 20))
    if i % 16 == 0:
        print("allocated %d MiB" % i, flush=True)
print("survived: 1024 MiB", flush=True)'

check_memory() {
	jail --memory 64M -- /usr/bin/python3 -c "$PY_MEMBOMB"
	if [ "$CG_VERSION" -gt 0 ]; then
		expect_rc "--memory 64M: memory bomb is OOM-killed (137)" 137
		expect_err "--memory 64M: reported as the memory limit" \
			"^capejail: .*memory limit \(67108864 bytes\) reached"
	else
		expect_rc "--memory 64M (RLIMIT_DATA): memory bomb fails (MemoryError)" 1
	fi
	t_check "--memory 64M: the bomb did not get its 1 GiB ($(tail -n 1 <<<"$OUT"))" "$(show)" \
		lacks survived "$OUT"
	expect_cg_gone "--memory 64M bomb"

	# Control: the same bomb with a 2G limit gets its 1 GiB.
	jail --memory 2G -- /usr/bin/python3 -c "$PY_MEMBOMB"
	if [ "$RC" -eq 0 ] && grep -q '^survived' <<<"$OUT"; then
		t_ok "control: --memory 2G lets the same program allocate 1 GiB"
	else
		t_fail "control: --memory 2G lets the same program allocate 1 GiB" "$(show)"
	fi
}

# Disk fill into /tmp, bounded to 50 MiB; prints how much got written.
readonly PY_DISKFILL='
import sys
path = sys.argv[1]
n = 0
try:
    with open(path, "wb") as f:
        for i in range(50):
            f.write(b"x" * (1 << 20))
            f.flush()
            n += 1
    print("wrote all 50 MiB")
except OSError as e:
    print("errno %d after %d MiB" % (e.errno, n))'

check_file_size() {
	# head is killed by SIGXFSZ: 128 + 25.
	jail --file-size 10M -- /bin/sh -c 'exec head -c 50M /dev/zero >/tmp/fill'
	expect_rc "--file-size 10M: head -c 50M is killed by SIGXFSZ (153)" 153
	# The kernel's SIGXFSZ looks like the program's own kill(): the report
	# names the limit and says it cannot tell (docs/limits.md).
	expect_err "--file-size 10M: reported as the file size limit" \
		"^capejail: .*file size limit \(10485760 bytes\) reached, or raised by the program itself"
	jail --file-size 10M -- /bin/sh -c 'head -c 50M /dev/zero >/tmp/fill; echo "head $?"; stat -c %s /tmp/fill'
	t_eq "--file-size 10M: the file stops at exactly 10 MiB" "$(printf 'head 153\n10485760')" "$OUT"
	# Python ignores SIGXFSZ, so it sees EFBIG.
	jail --file-size 10M -- /usr/bin/python3 -c "$PY_DISKFILL" /tmp/fill
	t_eq "--file-size 10M: python sees EFBIG after 10 MiB" "errno 27 after 10 MiB" "$OUT"
	jail --file-size 10M -- /usr/bin/python3 -c "$PY_DISKFILL" /dev/shm/fill
	t_eq "--file-size 10M: also in /dev/shm" "errno 27 after 10 MiB" "$OUT"
}

check_tmp_size() {
	local d
	for d in /tmp /dev/shm; do
		jail --tmp-size 8M --file-size 1G -- /usr/bin/python3 -c "$PY_DISKFILL" "$d/fill"
		t_eq "--tmp-size 8M: filling $d stops with ENOSPC at 8 MiB" "errno 28 after 8 MiB" "$OUT"
	done
	jail --tmp-size 8M -- /bin/sh -c 'cat /proc/self/mountinfo'
	t_eq "--tmp-size 8M: /tmp is an 8M tmpfs" 8192k "$(tmpfs_size /tmp)"
	# tmpfs takes size=0 as "no limit": 0 must not mean an unlimited /tmp.
	jail --tmp-size 0 -- /usr/bin/python3 -c "$PY_DISKFILL" /tmp/fill
	if [ "$RC" -eq 64 ] || [ "$OUT" = "errno 28 after 0 MiB" ]; then
		t_ok "--tmp-size 0: refused or an empty /tmp, never an unlimited one (exit $RC, ${OUT:-no output})"
	else
		t_fail "--tmp-size 0: refused or an empty /tmp, never an unlimited one" "$(show)"
	fi
	# Control: with the default size, 50 MiB fit.
	jail -- /usr/bin/python3 -c "$PY_DISKFILL" /tmp/fill
	t_eq "control: default /tmp takes the 50 MiB" "wrote all 50 MiB" "$OUT"
}

check_time_limit() {
	jail --time-limit 2s -- /bin/sh -c 'while :; do :; done'
	expect_rc "--time-limit 2s: endless loop ends with 124" 124
	expect_err "--time-limit 2s: reported" "^capejail: .*time limit \(2000 ms\) exceeded"
	t_check "--time-limit 2s: after 2 s ($MS ms)" "$(show)" between "$MS" 1900 4500
	expect_cg_gone "--time-limit 2s"

	# Every process of the jail dies, not only the program.
	jail --time-limit 1s -- /bin/sh -c 'sleep 300 & sleep 300 & while :; do :; done'
	expect_rc "--time-limit 1s with background sleeps: 124" 124
	t_check "--time-limit 1s with background sleeps: after 1 s ($MS ms)" "$(show)" [ "$MS" -lt 3500 ]
	expect_cg_gone "--time-limit 1s with background sleeps"
}

check_cpu_time() {
	jail --cpu-time 1 -- /bin/sh -c 'while :; do :; done'
	expect_rc "--cpu-time 1: endless loop ends by SIGXCPU (152)" 152
	expect_err "--cpu-time 1: reported as the CPU time limit" "^capejail: .*CPU time limit \(1 s\) exceeded"
	t_check "--cpu-time 1: after about 1 s ($MS ms)" "$(show)" [ "$MS" -lt 4000 ]
	# A program that ignores SIGXCPU still ends (SIGKILL at the hard limit).
	jail --cpu-time 1 -- /usr/bin/python3 -c '
import signal
signal.signal(signal.SIGXCPU, signal.SIG_IGN)
while True:
    pass'
	expect_rc "--cpu-time 1: a program ignoring SIGXCPU is killed (137)" 137
	t_check "--cpu-time 1: ignoring SIGXCPU buys at most a few seconds ($MS ms)" "$(show)" [ "$MS" -lt 5000 ]
	expect_cg_gone "--cpu-time 1"
}

check_nofile() {
	jail --nofile 32 -- /usr/bin/python3 -c '
fs = []
try:
    for i in range(100):
        fs.append(open("/dev/null"))
    print("opened all 100")
except OSError as e:
    print("errno %d after %d" % (e.errno, len(fs)))'
	# 0, 1, 2 are open; the python runtime may hold a few more.
	if [[ $OUT =~ ^errno\ 24\ after\ ([0-9]+)$ ]] && [ "${BASH_REMATCH[1]}" -le 29 ] && [ "${BASH_REMATCH[1]}" -ge 20 ]; then
		t_ok "--nofile 32: opening 100 files fails with EMFILE ($OUT)"
	else
		t_fail "--nofile 32: opening 100 files fails with EMFILE" "$(show)"
	fi
}

# Where the host has no usable cgroups, rlimits take over. Simulated by
# hiding /sys/fs/cgroup under an empty tmpfs in a private mount namespace
# (nothing on the host changes).
check_no_cgroup_fallback() {
	e2e_root_only "no-cgroup fallback" "every rootless run is one: the checks above ran on rlimits" || return
	if ! unshare -m /bin/sh -c 'mount -t tmpfs none /sys/fs/cgroup' 2>/dev/null; then
		t_skip "no-cgroup fallback" "unshare -m / mount tmpfs not possible here"
		return
	fi
	# RLIMIT_NPROC counts every process of the uid on the host: use a uid
	# of its own (numeric, without a passwd entry: gid = uid).
	if [ -n "$(ps -o pid= -u "$NPROC_UID")" ]; then
		t_fail "no-cgroup fallback" "uid $NPROC_UID has processes on the host: set E2E_NPROC_UID to an unused uid"
		return
	fi
	# shellcheck disable=SC2016
	CJ_WRAP=(unshare -m /bin/sh -c 'mount -t tmpfs none /sys/fs/cgroup && exec "$@"' sh)
	cj -r "$ROOT" -u "$NPROC_UID" -v --memory 256M --pids 16 -- /usr/bin/python3 -c "
chunks = []
try:
    for i in range(1024):
        chunks.append(bytearray(1 << 20))
    print('survived')
except MemoryError:
    print('MemoryError')
chunks = None
$PY_FORKBOMB"
	CJ_WRAP=()
	VLINES=$(grep '^capejail: limit: ' <<<"$ERR")
	t_check "no cgroups: -v names RLIMIT_DATA for memory" "$(show)" \
		grep -qxF 'capejail: limit: memory: 268435456 bytes (rlimit RLIMIT_DATA: each process'"'"'s private writable memory, not the jail'"'"'s together)' <<<"$VLINES"
	t_check "no cgroups: -v names RLIMIT_NPROC for pids" "$(show)" \
		grep -qxF 'capejail: limit: pids: 16 processes (the jail'"'"'s init included) (rlimit RLIMIT_NPROC, counted for the jail'"'"'s user in its own user namespace)' <<<"$VLINES"
	t_check "no cgroups: RLIMIT_DATA stops the 1 GiB allocation (MemoryError)" "$(show)" \
		grep -qx MemoryError <<<"$OUT"
	t_check "no cgroups: RLIMIT_NPROC stops the fork bomb (EAGAIN)" "$(show)" \
		grep -q '^fork failed: errno 11 ' <<<"$OUT"
	expect_rc "no cgroups: exit 3 from the bounded fork bomb" 3
}

main() {
	e2e_setup limits "limit checks"
	e2e_cg_detect "cgroup limits (memory, pids, OOM report): the rlimit fallbacks are checked instead"
	[ "$CG_VERSION" -gt 0 ] && CG_NAME="cgroup v$CG_VERSION"
	printf '# host: %s\n' "$CG_NAME"
	check_verbose
	check_defaults
	check_pids
	check_memory
	check_file_size
	check_tmp_size
	check_time_limit
	check_cpu_time
	check_nofile
	check_no_cgroup_fallback
	t_done
}

main "$@"
