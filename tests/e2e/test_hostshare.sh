#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# What a jail shares with the host (issue 14; docs/architecture.md, "Host-
# global kernel resources"): /proc and /sys show nothing of the host, the
# init is a small "init", kernel-wide pools are closed, several default
# jails at their memory limit at once are each stopped by their own limit,
# and --no-new-code refuses code that is not a file of the root while
# python, bash and node (when installed) keep working.
#
# Safety: bounded allocations (at most 1.5 times a default jail's memory,
# in four jails at once; the control once, unjailed); memfd copies of
# /bin/true only; nothing outside a mktemp directory; only processes this
# file started are signalled.
# Helpers run through t_check (SC2317).
# shellcheck disable=SC2317
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

readonly SYS_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export PATH=$SYS_PATH:$PATH
readonly E2E_TIMEOUT=${E2E_TIMEOUT:-60}
readonly NJAILS=4

T=
ROOT=

# Copy /bin/true into a memfd (flags 0, then MFD_EXEC) and run it with
# fexecve and through /proc/self/fd: "ran" or the errno, per attempt.
readonly MEMFD_PY='import os, sys
data = open("/bin/true", "rb").read()
for flags in (0, 0x10):
    try:
        fd = os.memfd_create("x", flags)
    except OSError as e:
        print("create", flags, "errno", e.errno); continue
    os.write(fd, data)
    for how in ("fexecve", "proc"):
        pid = os.fork()
        if pid == 0:
            try:
                if how == "fexecve":
                    os.execve(fd, ["true"], {})
                os.execv("/proc/self/fd/%d" % fd, ["true"])
            except OSError as e:
                os._exit(100 + e.errno)
        st = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
        print(how, flags, "ran" if st == 0 else "errno %d" % (st - 100))
'

# Touch SIZE bytes, 16 MiB at a time; "allocated N MiB" at the end.
readonly ALLOC_PY='import sys
want, got, chunks = int(sys.argv[1]), 0, []
while got < want:
    chunks.append(bytearray(b"x") * (16 << 20)); got += 16 << 20
print("allocated", got >> 20, "MiB")'

check_proc() {
	# shellcheck disable=SC2016 # expanded by the jail's shell
	jail -- /bin/bash -c 'cat /proc/self/cgroup; echo "cmdline=$(tr "\0" " " </proc/1/cmdline)"
		echo "comm=$(cat /proc/1/comm)"
		for f in /proc/keys /proc/timer_list /proc/config.gz /proc/cmdline /proc/interrupts /proc/sys/kernel/random/boot_id; do
			[ -e "$f" ] && echo "$f=$(wc -c <"$f")"
		done
		echo "pressure=$(ls -A /proc/pressure 2>&1 | wc -l)"
		echo 1 >/proc/sys/vm/overcommit_memory 2>/dev/null && echo sysctl-written
		true'
	ran_ok "/proc probe jail" || return
	t_check "/proc/self/cgroup: every path is / (a cgroup namespace)" "$(show)" \
		not_grep ':/[^[:space:]]' "$OUT"
	t_eq "/proc/1/cmdline is the small init's, not capejail's argv" "cmdline=init " \
		"$(grep '^cmdline=' <<<"$OUT")"
	t_eq "/proc/1/comm is init" "comm=init" "$(grep '^comm=' <<<"$OUT")"
	t_check "masked /proc files read empty" "$(show)" \
		not_grep '^/proc/.*=[1-9]' "$OUT"
	t_eq "/proc/pressure is empty (no PSI triggers)" "pressure=0" "$(grep '^pressure=' <<<"$OUT")"
	t_check "/proc/sys stays read-only" "$(show)" not_grep sysctl-written "$OUT"
}

not_grep() { ! grep -q -- "$1" <<<"$2"; } # PATTERN TEXT
ran_ok() { expect "$1" 0; [ "$RC" -eq 0 ]; }

check_pools() {
	local before after
	before=$(awk '{ print $1 }' /proc/sys/fs/aio-nr)
	jail -- /usr/bin/python3 -c 'import ctypes
libc = ctypes.CDLL(None, use_errno=True)
ctx = ctypes.c_ulong(0)
print("io_setup", libc.syscall(206, 128, ctypes.byref(ctx)), ctypes.get_errno())'
	expect "io_setup answers ENOSYS in the jail (the AIO pool is the host's)" 0 '^io_setup -1 38$'
	after=$(awk '{ print $1 }' /proc/sys/fs/aio-nr)
	t_check "the host's AIO pool is untouched ($before, then $after)" "$(show)" [ "$after" -le "$before" ]
	jail -- /usr/bin/python3 -c 'import socket
for a in ((2, 1, 0), (2, 2, 0), (1, 5, 0), (10, 1, 6)):
    socket.socket(*a).close()
for a in ((2, 1, 262), (10, 2, 136), (2, 3, 1)):
    try:
        socket.socket(*a); print("created", a)
    except OSError as e:
        print("refused", a, e.errno)'
	expect "TCP, UDP, Unix seqpacket allowed; MPTCP, UDP-Lite, raw EPROTONOSUPPORT" 0
	t_check "no exotic protocol created" "$(show)" not_grep created "$OUT"
	t_eq "three refusals, EPROTONOSUPPORT (93)" 3 "$(grep -c 'refused .* 93$' <<<"$OUT")"
}

# NJAILS default jails at once, each touching 1.5 times its memory limit:
# each must be ended by its own limit (137, named), and the host lives.
check_concurrent_memory() {
	local mem want i pids=() rc ok=0
	jail -v -- /bin/true
	mem=$(sed -n 's/^capejail: limit: memory: \([0-9]*\) bytes.*/\1/p' <<<"$ERR")
	if [ -z "$mem" ] || ! grep -q 'memory: .*cgroup' <<<"$ERR"; then
		t_skip "concurrent default jails at their memory limit" "no memory cgroup on this host (-v: ${mem:-none})"
		return
	fi
	want=$((mem * 3 / 2))
	# Control: unjailed, the same allocation succeeds.
	if /usr/bin/python3 -c "$ALLOC_PY" "$want" | grep -q allocated; then
		t_ok "control: $((want >> 20)) MiB allocate unjailed"
	else
		t_fail "control: $((want >> 20)) MiB allocate unjailed" "python3 failed"
		return
	fi
	for i in $(seq "$NJAILS"); do
		timeout -k 5 "$E2E_TIMEOUT" "$CAPEJAIL" -r "$ROOT" -u jailuser -- /usr/bin/python3 -c "$ALLOC_PY" "$want" \
			>"$T/mem.$i.out" 2>"$T/mem.$i.err" &
		pids+=($!)
	done
	for i in $(seq "$NJAILS"); do
		wait "${pids[$((i - 1))]}"
		rc=$?
		if [ "$rc" -eq 137 ] && grep -q 'memory limit' "$T/mem.$i.err"; then
			ok=$((ok + 1))
		else
			t_fail "jail $i of $NJAILS: ended by its memory limit" "exit $rc: $(cat "$T/mem.$i.out" "$T/mem.$i.err")"
		fi
	done
	t_eq "$NJAILS default jails at once, each stopped by its own limit ($((mem >> 20)) MiB)" "$NJAILS" "$ok"
}

check_no_new_code() {
	# Control: the default jail runs a memfd copy.
	jail -- /usr/bin/python3 -c "$MEMFD_PY"
	expect "control: a default jail runs a memfd copy of /bin/true" 0 '^fexecve 0 ran$'
	jail --no-new-code -- /usr/bin/python3 -c "$MEMFD_PY"
	expect "--no-new-code: python runs" 0
	t_check "--no-new-code: no memfd copy runs" "$(show)" not_grep ' ran$' "$OUT"
	t_check "--no-new-code: MFD_EXEC refused (EACCES)" "$(show)" grep -q '^create 16 errno 13$' <<<"$OUT"
	t_eq "--no-new-code: the host's vm.memfd_noexec is untouched" "$HOST_MEMFD" "$(cat /proc/sys/vm/memfd_noexec)"
	jail --no-new-code -- /bin/bash -c 'cp /bin/true /tmp/t && chmod +x /tmp/t && /tmp/t; echo "tmp=$?"
		cp /bin/true /dev/shm/t && chmod +x /dev/shm/t && /dev/shm/t; echo "shm=$?"
		touch /probe-root-write 2>/dev/null && echo root-written; echo bash-ok'
	expect "--no-new-code: bash runs" 0 'bash-ok'
	t_eq "--no-new-code: a binary copied to /tmp does not run (126)" "tmp=126" "$(grep '^tmp=' <<<"$OUT")"
	t_eq "--no-new-code: a binary copied to /dev/shm does not run (126)" "shm=126" "$(grep '^shm=' <<<"$OUT")"
	t_check "--no-new-code: the root is read-only" "$(show)" not_grep root-written "$OUT"
	if [ -x /usr/bin/node ]; then
		cj --no-new-code -- /usr/bin/node -e 'console.log("node-ok", [1, 2].map(x => x * 2).join())'
		expect "--no-new-code: node runs (host root)" 0 '^node-ok 2,4$'
		cj -- /usr/bin/node -e 'console.log("node-ok")'
		expect "default: node runs (host root)" 0 '^node-ok$'
	else
		t_skip "node under --no-new-code" "node is not installed"
	fi
}

main() {
	e2e_setup hostshare "namespaces, cgroups and mounts"
	HOST_MEMFD=$(cat /proc/sys/vm/memfd_noexec 2>/dev/null || echo none)
	check_proc
	check_pools
	check_no_new_code
	check_concurrent_memory
	t_done
}

main "$@"
