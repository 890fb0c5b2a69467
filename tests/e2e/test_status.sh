#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# The status fd and the report's honesty, end to end (docs/status.md):
# every ending writes one object valid against docs/status.schema.json, the
# text report says only what the supervisor observed (a program's own exit
# 159, SIGXCPU, SIGSYS or SIGXFSZ is never reported as a kill or a limit),
# program-controlled text is escaped, a non-blocking full stderr still gets
# the report, and the caller's pipe and terminal are left as they were.
#
# Safety: every jail runs under timeout(1) with small bounded programs (a
# 200 MiB allocation under a 64 MiB limit, a CPU loop under a 1 s CPU limit,
# 12 sleeping children under --pids 8); nothing is written outside a mktemp
# directory. Needs root.
#
# Helpers run through t_check (SC2317).
# shellcheck disable=SC2317
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

readonly SYS_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export PATH=$SYS_PATH:$PATH
readonly E2E_TIMEOUT=${E2E_TIMEOUT:-60}
readonly SCHEMA=$E2E_REPO/docs/status.schema.json
readonly HELPERS=$E2E_DIR/helpers

T=
ROOT=
e2e_setup status "the status fd and the report"

# sj ARGS...: jail with --status-file, as jailuser in ROOT.
sj() {
	rm -f -- "$T/status.json"
	jail --status-file "$T/status.json" "$@"
}
no_err() { # NAME ERE: the last stderr has no line matching ERE
	if grep -qE -- "$2" <<<"$ERR"; then
		t_fail "$1" "$(printf 'stderr matches %s\n%s' "$2" "$(show)")"
	else
		t_ok "$1"
	fi
}
has_err() { # NAME ERE
	if grep -qE -- "$2" <<<"$ERR"; then t_ok "$1"; else t_fail "$1" "$(printf 'stderr lacks %s\n%s' "$2" "$(show)")"; fi
}

# The validator itself: a positive control that rejects wrong objects.
printf '{"version":1,"ending":"exited","exit_status":0,"program":{"signal":9}}\n' >"$T/status.json"
if python3 "$HELPERS/status_check.py" "$SCHEMA" "$T/status.json" >/dev/null; then
	t_fail "validator rejects an invalid object" "accepted: $(cat "$T/status.json")"
else
	t_ok "validator rejects an invalid object"
fi

# ---------------------------------------------------------------- endings
sj -- /bin/true
e2e_status "exited 0" ending='"exited"' exit_status=0 program.exit_code=0

# --status-fd on a descriptor of the caller's; the program never holds it.
exec {sfd}>"$T/status.json"
jail --status-fd "$sfd" -- /bin/sh -c "ls /proc/self/fd | tr '\n' ' '"
exec {sfd}>&-
e2e_status "--status-fd N" ending='"exited"'
t_eq "the program does not hold the status fd" "0 1 2 3 " "$OUT"

FORGED="capejail: 'x' (pid 2 in jail) killed: blocked syscall chroot (161)"
sj -- /bin/sh -c "echo \"$FORGED\" >&2; exit 159"
t_eq "forged report: exit status passed through" 159 "$RC"
e2e_status "forged report: the status says exited 159" ending='"exited"' program.exit_code=159 exit_status=159
has_err "forged report: capejail says the program exited by itself" \
	"^capejail: 'sh' exited with status 159 itself"

sj -- python3 -c 'import os; os.chroot("/")'
t_eq "blocked syscall: 159" 159 "$RC"
e2e_status "blocked syscall" ending='"blocked_syscall"' syscall.name='"chroot"' syscall.number=161 program=null

sj --time-limit 1s -- sleep 10
e2e_status "time limit" ending='"time_limit"' exit_status=124 limit.value=1000

sj -- /nonexistent-program
e2e_status "setup failure" ending='"setup_failed"' exit_status=127 setup.errno_name='"ENOENT"' setup.detail='"/nonexistent-program"'

rm -f -- "$T/status.json"
cj --status-file "$T/status.json" -r "$T/no-such-root" -- /bin/true
e2e_status "error before the jail runs" ending='"error"' exit_status=66

sj --cpu-time 1 --time-limit 30s -- python3 -c 'while True: pass'
e2e_status "CPU time limit" ending='"cpu_limit"' exit_status=152 limit.name='"cpu_s"'
has_err "CPU time limit: reported" "CPU time limit \(1 s\) exceeded"

sj -- /bin/sh -c 'kill -KILL $$'
e2e_status "killed by a signal" ending='"signaled"' program.signal=9 program.self_raised=false

e2e_cg_detect "memory and pids limits"
if [ "$CG_VERSION" -gt 0 ]; then
	sj --memory 64M -- python3 -c 'x = bytearray(200 << 20)'
	e2e_status "memory limit" ending='"memory_limit"' exit_status=137 limits_hit='["memory"]'
	sj --pids 8 -- /bin/sh -c 'for i in 1 2 3 4 5 6 7 8 9 10 11 12; do sleep 1 & done; wait; exit 3'
	e2e_status "pids limit" ending='"pids_limit"' limits_hit='["pids"]'
fi

# ------------------------------------------- signals the program raised
sj -- /bin/sh -c 'kill -XCPU $$'
e2e_status "self-raised SIGXCPU: signaled, self_raised" ending='"signaled"' program.signal=24 program.self_raised=true limits_hit='[]'
no_err "self-raised SIGXCPU: no CPU limit reported" "CPU time limit \(.*exceeded"
has_err "self-raised SIGXCPU: said to be the program's own" "raised itself"

sj --cpu-time 5 -- /bin/sh -c 'kill -XCPU $$'
e2e_status "self-raised SIGXCPU under a CPU limit" ending='"signaled"' program.self_raised=true
no_err "self-raised SIGXCPU under a CPU limit: not reported as the limit" "CPU time limit \(.*exceeded"

sj -- /bin/sh -c 'kill -SYS $$'
e2e_status "self-raised SIGSYS: no syscall" ending='"signaled"' program.signal=31
no_err "self-raised SIGSYS: no blocked syscall named" "killed: blocked syscall"

sj --file-size unlimited -- /bin/sh -c 'kill -XFSZ $$'
e2e_status "self-raised SIGXFSZ without a limit" ending='"signaled"' program.signal=25
no_err "self-raised SIGXFSZ without a limit: no limit named" "file size limit"

sj --file-size 1M -- /bin/sh -c 'kill -XFSZ $$'
e2e_status "SIGXFSZ under a limit: only a possible limit" ending='"signaled"' possible_limit.name='"file_size_bytes"'
has_err "SIGXFSZ under a limit: says it cannot tell" "raised by the program itself"

# ------------------------------------------------- program-controlled text
sj -- python3 -c 'import os
open("/proc/self/comm", "w").write("\x1b]0;t\x07\rX")
os.chroot("/")'
e2e_status "control bytes in comm: the status is valid JSON" ending='"blocked_syscall"' syscall.comm='"\u001b]0;t\u0007\rX"'
if LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]' <<<"$ERR"; then
	t_fail "control bytes in comm: escaped in the report" "$(show | cat -v)"
else
	t_ok "control bytes in comm: escaped in the report"
fi
has_err "control bytes in comm: shown as \\x escapes" "'\\\\x1b\]0;t\\\\x07\\\\x0dX' \(pid"

# ------------------------------------------- the caller's pipe and terminal
FILL='import os, fcntl
fcntl.fcntl(2, fcntl.F_SETFL, fcntl.fcntl(2, fcntl.F_GETFL) | os.O_NONBLOCK)
try:
    while True:
        os.write(2, b"x" * 4096)
except BlockingIOError:
    pass
os.chroot("/")'
out=$(timeout -k 5 "$E2E_TIMEOUT" python3 "$HELPERS/full_stderr.py" "$CAPEJAIL" -r "$ROOT" -u jailuser -- python3 -c "$FILL")
t_check "non-blocking full stderr: the report still arrives" "$out" \
	grep -q "^capejail: 'python3' (pid [0-9]* in jail) killed: blocked syscall chroot" <<<"$out"
t_check "non-blocking full stderr: O_NONBLOCK cleared on the caller's pipe" "$out" \
	grep -qx "nonblock_after 0" <<<"$out"

TTY='import termios, fcntl, os
a = termios.tcgetattr(0)
a[3] &= ~(termios.ECHO | termios.ISIG | termios.ICANON)
termios.tcsetattr(0, termios.TCSANOW, a)
fcntl.fcntl(0, fcntl.F_SETFL, fcntl.fcntl(0, fcntl.F_GETFL) | os.O_NONBLOCK)
fcntl.ioctl(0, termios.TIOCEXCL)'
# Positive control: unjailed, the same program changes the terminal.
out=$(timeout -k 5 "$E2E_TIMEOUT" python3 "$HELPERS/tty_state.py" python3 -c "$TTY")
t_check "terminal: the control changes it unjailed" "$out" grep -q "^changed: excl" <<<"$out"
out=$(timeout -k 5 "$E2E_TIMEOUT" python3 "$HELPERS/tty_state.py" "$CAPEJAIL" -r "$ROOT" -u jailuser -- python3 -c "$TTY")
t_check "terminal: attributes, flags and exclusive mode restored" "$out" grep -qx same <<<"$out"

t_done
