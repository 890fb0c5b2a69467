#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# --pty, end to end: the program runs on a pseudo-terminal of its own that
# capejail relays, so interactive bash has job control (^Z, bg, jobs) and
# python's REPL takes ^C, and the program never holds the caller's
# terminal. Without --pty an interactive shell has no job control (no
# controlling terminal: the new session) and capejail restores the
# caller's terminal instead (test_status.sh).
#
# Driven by tests/e2e/helpers/pty_session.py (a person at a terminal, as a
# script) and tty_state.py. Every jail runs under timeout(1); the jobs
# started in the jail are sleeps that die with it. Needs root.
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

readonly SYS_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export PATH=$SYS_PATH:$PATH
readonly E2E_TIMEOUT=${E2E_TIMEOUT:-60}
readonly HELPERS=$E2E_DIR/helpers

T=
ROOT=
e2e_setup pty "--pty"

# session NAME STEPS CAPEJAIL-ARGS...: drive capejail on a terminal.
session() {
	local name=$1 steps=$2 out
	shift 2
	printf '%s\n' "$steps" >"$T/steps"
	if out=$(timeout -k 5 "$E2E_TIMEOUT" python3 "$HELPERS/pty_session.py" "$T/steps" -- \
		"$CAPEJAIL" -r "$ROOT" -u jailuser "$@" 2>&1); then
		t_ok "$name"
	else
		t_fail "$name" "$(printf '%s\n$ capejail -r %s -u jailuser %s' "$out" "$ROOT" "$*")"
	fi
}

BASH_JOBS='expect \$ $
send sleep 300 &\n
expect \[1\] [0-9]+
send jobs\n
expect \[1\]\+ +Running +sleep 300
send sleep 301\n
sleep 1
send \x1a
expect \[2\]\+ +Stopped +sleep 301
send bg %2\n
expect sleep 301 &
send kill %1 %2\n
send echo done-$((6*7))\n
expect done-42
send exit\n'
session "--pty: interactive bash has job control (&, jobs, ^Z, bg)" "$BASH_JOBS" \
	--pty -e 'PS1=$ ' -- bash --norc -i

PY_REPL='expect >>> $
send 6*7\n
expect 42
send while True: pass\n
send \n
sleep 1
send \x03
expect KeyboardInterrupt
send import os; print(os.isatty(0), os.tcgetpgrp(0) == os.getpgrp())\n
expect True True
send exit()\n'
session "--pty: python's REPL evaluates, ^C interrupts, it is the foreground" "$PY_REPL" \
	--pty -- python3 -q

# Without --pty: a new session without a controlling terminal.
NO_JC='expect no job control
send exit\n'
session "without --pty: an interactive shell has no job control" "$NO_JC" \
	-e 'PS1=$ ' -- bash --norc -i

# The program's terminal changes stay on its own terminal.
TTY='import termios, fcntl, os
a = termios.tcgetattr(0)
a[3] &= ~(termios.ECHO | termios.ISIG | termios.ICANON)
termios.tcsetattr(0, termios.TCSANOW, a)
fcntl.fcntl(0, fcntl.F_SETFL, fcntl.fcntl(0, fcntl.F_GETFL) | os.O_NONBLOCK)
fcntl.ioctl(0, termios.TIOCEXCL)'
out=$(timeout -k 5 "$E2E_TIMEOUT" python3 "$HELPERS/tty_state.py" "$CAPEJAIL" -r "$ROOT" -u jailuser --pty -- python3 -c "$TTY")
t_check "--pty: the caller's terminal is as it was" "$out" grep -qx same <<<"$out"

# Not on a terminal: the relay still carries input, output and end of file.
out=$(echo 'print(6*7)' | timeout -k 5 "$E2E_TIMEOUT" "$CAPEJAIL" -r "$ROOT" -u jailuser --pty -- \
	python3 -c 'import sys; print("got", sys.stdin.readline().strip())' 2>&1)
t_check "--pty with piped stdin: input reaches the program" "$out" grep -q 'got print(6\*7)' <<<"$out"
timeout -k 5 "$E2E_TIMEOUT" "$CAPEJAIL" -r "$ROOT" -u jailuser --pty -- cat </dev/null >/dev/null 2>&1
t_eq "--pty: end of the caller's stdin ends cat (no hang)" 0 "$?"
timeout -k 5 "$E2E_TIMEOUT" "$CAPEJAIL" -r "$ROOT" -u jailuser --pty -- /bin/sh -c 'exit 7' </dev/null >/dev/null 2>&1
t_eq "--pty: the program's exit status passes through" 7 "$?"

t_done
