#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# The launcher, end to end: build/capejail (or $CAPEJAIL) runs real programs
# in the shared test root (tools/capejail-mkroot, build/e2e-root) and every
# promise of its specification is checked from inside and from outside.
# Needs root; --help, --version and the not-root refusal run without it.
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

readonly SYS_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export PATH=$SYS_PATH:$PATH
readonly HOST_PYTHON=/usr/bin/python3
# Longest any single jail may run before it counts as hung.
readonly E2E_TIMEOUT=${E2E_TIMEOUT:-30}
readonly MARK=RAN-MARKER-$$

T=    # scratch directory (host side only)
ROOT= # the jail's root

# ------------------------------------------------------------ running jails
# cj and CJ_WRAP come from lib.sh.
jail_as() { # USER ARGS...
	local user=$1
	shift
	cj -r "$ROOT" -u "$user" "$@"
}
jail() { jail_as jailuser "$@"; }

# The last jail exited 0, or fail NAME with everything it printed.
ran_ok() { # NAME
	[ "$RC" -eq 0 ] && return 0
	t_fail "$1" "$(show)"
	return 1
}

expect_out() { # NAME EXPECTED-STDOUT
	if [ "$RC" -eq 0 ] && [ "$OUT" = "$2" ]; then
		t_ok "$1"
	else
		t_fail "$1" "$(printf 'expected exit status 0 and stdout: %s\n%s' "$2" "$(show)")"
	fi
}

field() { # NAME -> value of "NAME:<tab>value" in $OUT (/proc/PID/status)
	awk -v f="$1:" '$1 == f { print $2 }' <<<"$OUT"
}

# Skip; in CI (CI=true) nothing may be skipped, so fail instead.
skip_or_fail() { # NAME REASON
	if [ "${CI-}" = true ]; then t_fail "$1" "$2 (CI=true: no skips)"; else t_skip "$1" "$2"; fi
}

# Host pids: the first descendant of PID whose comm is COMM.
descendant_named() { # PID COMM
	local top=$1 want=$2 f line pid rest c state ppid p
	local -A parent=() comm=()
	for f in /proc/[0-9]*/stat; do
		IFS= read -r line 2>/dev/null <"$f" || continue
		pid=${line%% *}
		c=${line#*\(}
		c=${c%)*}
		rest=${line##*) }
		read -r state ppid _ <<<"$rest"
		parent[$pid]=$ppid
		comm[$pid]=$c
		: "$state"
	done
	for pid in "${!comm[@]}"; do
		[ "${comm[$pid]}" = "$want" ] || continue
		p=$pid
		while [ -n "${parent[$p]-}" ] && [ "$p" -gt 1 ]; do
			p=${parent[$p]}
			if [ "$p" = "$top" ]; then
				printf '%s\n' "$pid"
				return 0
			fi
		done
	done
	return 1
}

# ------------------------------------------------------------------ checks
check_help_version() {
	local version
	cj --help
	if [ "$RC" -eq 0 ] && grep -qi usage <<<"$OUT" && grep -q -- --root <<<"$OUT"; then
		t_ok "--help prints usage, exit 0"
	else
		t_fail "--help prints usage, exit 0" "$(show)"
	fi
	version=$(sed -n 's/^#define CJ_VERSION "\(.*\)"/\1/p' "$E2E_REPO/core/common/exit.h")
	cj --version
	if [ "$RC" -eq 0 ] && grep -qF -- "${version:-.}" <<<"$OUT"; then
		t_ok "--version prints the version ($OUT)"
	else
		t_fail "--version prints the version" "$(printf 'expected %s\n%s' "${version:-a version}" "$(show)")"
	fi
	cj -V
	expect_rc "-V exits 0" 0
}

check_ids() {
	jail -- /bin/sh -c 'id -u; id -g; id -G'
	ran_ok "id -u / id -g / id -G" || return
	t_eq "uid is 1000" 1000 "$(sed -n 1p <<<"$OUT")"
	t_eq "gid is 1000" 1000 "$(sed -n 2p <<<"$OUT")"
	t_eq "groups are only 1000" 1000 "$(sed -n 3p <<<"$OUT")"
}

check_status() {
	local f
	jail -- /bin/cat /proc/self/status
	ran_ok "/proc/self/status" || return
	for f in CapInh CapPrm CapEff CapBnd CapAmb; do
		t_eq "$f is 0" 0000000000000000 "$(field "$f")"
	done
	t_eq "NoNewPrivs is 1" 1 "$(field NoNewPrivs)"
	t_eq "Seccomp is 2 (filter)" 2 "$(field Seccomp)"

	jail -I -- /bin/cat /proc/self/status
	ran_ok "-I: /proc/self/status" || return
	t_eq "-I: Seccomp is 0" 0 "$(field Seccomp)"
	t_check "-I: warning on stderr" "$(show)" grep -qi warn <<<"$ERR"
}

# shellcheck disable=SC2317 # called through t_check
few_procs() { [ "$1" -le 4 ] && [ "$1" -lt "$2" ]; }
# shellcheck disable=SC2317
not_host_init() { [ -n "$1" ] && [ "$1" != "$2" ]; }

check_pidns() {
	local host_init host_n
	# shellcheck disable=SC2016
	jail -- /bin/bash -c 'echo "$$"; n=0; for d in /proc/[0-9]*; do n=$((n + 1)); done
		echo "$n"; tr "\0" " " </proc/1/cmdline'
	ran_ok "pid namespace" || return
	local pid n init
	pid=$(sed -n 1p <<<"$OUT")
	n=$(sed -n 2p <<<"$OUT")
	init=$(sed -n 3p <<<"$OUT")
	host_init=$(tr '\0' ' ' </proc/1/cmdline)
	host_n=$(find /proc -maxdepth 1 -name '[0-9]*' | wc -l)
	t_check "program pid is small (\$\$ = $pid)" "$(show)" [ "${pid:-99}" -le 5 ]
	t_check "only the jail's processes in /proc ($n, host has $host_n)" "$(show)" \
		few_procs "${n:-99}" "$host_n"
	t_check "/proc/1 is the jail's init (${init:-?})" \
		"$(printf 'host /proc/1/cmdline: %s\n%s' "$host_init" "$(show)")" \
		not_host_init "$init" "$host_init"
}

check_hostname() {
	local before
	before=$(uname -n)
	jail -- /bin/cat /proc/sys/kernel/hostname
	expect_out "hostname is capejail" capejail
	jail --hostname e2e-box -- /bin/uname -n
	expect_out "--hostname e2e-box" e2e-box
	t_eq "host's hostname unchanged" "$before" "$(uname -n)"
}

# Interfaces named in a /proc/net/dev text, sorted, space-separated.
ifaces() { awk -F: 'NR > 2 { gsub(/ /, "", $1); print $1 }' | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//'; }

LISTENER_PID=
start_listener() { # -> sets PORT; the listener logs one line per connection to $T/accepts
	local i
	: >"$T/accepts"
	"$HOST_PYTHON" -c '
import os, socket, sys
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", 0))
s.listen(16)
with open(sys.argv[1] + ".tmp", "w") as f:
    f.write(str(s.getsockname()[1]))
os.rename(sys.argv[1] + ".tmp", sys.argv[1])
log = open(sys.argv[2], "a", buffering=1)
while True:
    c, _ = s.accept()
    log.write("accepted\n")
    c.sendall(b"hello-from-host\n")
    c.close()
' "$T/port" "$T/accepts" </dev/null >/dev/null 2>"$T/listener.err" &
	LISTENER_PID=$!
	t_cleanup kill_job "$LISTENER_PID"
	for ((i = 0; i < 200; i++)); do
		[ -s "$T/port" ] && break
		sleep 0.025
	done
	PORT=$(cat "$T/port" 2>/dev/null)
	[ -n "$PORT" ]
}

check_network() {
	local host_ifs client accepted
	host_ifs=$(ifaces </proc/net/dev)
	jail -- /bin/cat /proc/net/dev
	ran_ok "default: /proc/net/dev" && t_eq "default: only lo in /proc/net/dev" lo "$(ifaces <<<"$OUT")"
	jail -n -- /bin/cat /proc/net/dev
	ran_ok "-n (accepted, changes nothing): /proc/net/dev" && t_eq "-n: only lo in /proc/net/dev" lo "$(ifaces <<<"$OUT")"
	jail --share-net -- /bin/cat /proc/net/dev
	ran_ok "--share-net: /proc/net/dev" && t_eq "--share-net: the host's interfaces ($host_ifs)" "$host_ifs" "$(ifaces <<<"$OUT")"

	if ! start_listener; then
		t_fail "host loopback listener" "did not start: $(cat "$T/listener.err")"
		return
	fi
	client="import socket, sys
try:
    s = socket.create_connection(('127.0.0.1', $PORT), timeout=5)
    print(s.recv(64).decode().strip())
except OSError as e:
    print('connect-failed: %s' % e)
    sys.exit(1)"
	jail -- /usr/bin/python3 -c "$client"
	accepted=$(wc -l <"$T/accepts")
	if [ "$RC" -eq 1 ] && grep -q '^connect-failed' <<<"$OUT" && [ "$accepted" -eq 0 ]; then
		t_ok "default: TCP connect to a host loopback listener fails (${OUT#connect-failed: })"
	else
		t_fail "default: TCP connect to a host loopback listener fails" \
			"$(printf 'want exit 1 and connect-failed, listener saw %s connection(s)\n%s' "$accepted" "$(show)")"
	fi
	jail --share-net -- /usr/bin/python3 -c "$client"
	accepted=$(wc -l <"$T/accepts")
	if [ "$RC" -eq 0 ] && [ "$OUT" = hello-from-host ] && [ "$accepted" -eq 1 ]; then
		t_ok "--share-net: TCP connect to the host loopback listener works"
	else
		t_fail "--share-net: TCP connect to the host loopback listener works" \
			"$(printf 'listener saw %s connection(s)\n%s' "$accepted" "$(show)")"
	fi
	kill_job "$LISTENER_PID"
}

check_fds() {
	local control
	exec 7</etc/hostname 8>"$T/fd8" 100</etc/hostname
	control=$(find /proc/self/fd -mindepth 1 -printf '%f\n' | sort -n | tr '\n' ' ')
	jail -- /bin/ls /proc/self/fd
	exec 7<&- 8>&- 100<&-
	t_check "control: fds 7 8 100 are open outside ($control)" "$control" \
		grep -qE '(^| )7 8 (.* )?100( |$)' <<<"$control"
	# ls itself holds fd 3 (the directory it lists).
	expect_out "only fds 0 1 2 inherited (+ ls's own 3)" "$(printf '0\n1\n2\n3')"
}

check_host_files() {
	local m1=/tmp/capejail-e2e-marker.$$ m2=$E2E_REPO/build/capejail-e2e-marker.$$
	echo host-secret >"$m1" && echo host-secret >"$m2"
	t_cleanup rm -f -- "$m1" "$m2"
	jail -- /bin/sh -c "for f in $m1 $m2; do if test -e \"\$f\"; then echo \"VISIBLE \$f\"; else echo hidden; fi; done"
	expect_out "host marker files are not reachable" "$(printf 'hidden\nhidden')"
	jail -- /bin/sh -c 'test -f /.capejail-root && cat /etc/hostname'
	expect_out "/ inside is the rootfs (/.capejail-root, /etc/hostname)" capejail
}

env_names() { cut -d= -f1 <<<"$OUT" | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//'; }
env_value() { sed -n "s/^$1=//p" <<<"$OUT"; }

check_env() {
	local v
	CJ_WRAP=(env LEAKME=secret TERM=xterm-e2e)
	jail -- /usr/bin/env
	CJ_WRAP=()
	if ran_ok "environment"; then
		t_eq "env: exactly HOME LOGNAME PATH SHELL TERM USER" "HOME LOGNAME PATH SHELL TERM USER" "$(env_names)"
		t_eq "env: HOME" /home/jailuser "$(env_value HOME)"
		t_eq "env: USER" jailuser "$(env_value USER)"
		t_eq "env: LOGNAME" jailuser "$(env_value LOGNAME)"
		t_eq "env: SHELL" /bin/bash "$(env_value SHELL)"
		t_eq "env: TERM passed through" xterm-e2e "$(env_value TERM)"
		v=$(env_value PATH)
		t_check "env: PATH has /usr/bin or /bin ($v)" "$OUT" grep -qE '(^|:)(/usr)?/bin(:|$)' <<<"$v"
	fi

	CJ_WRAP=(env -u TERM)
	jail -- /usr/bin/env
	CJ_WRAP=()
	ran_ok "environment without TERM" &&
		t_eq "env: no TERM when the caller has none" "HOME LOGNAME PATH SHELL USER" "$(env_names)"

	jail -e FOO=bar -e 'SPACED=a b=c' -- /usr/bin/env
	if ran_ok "-e FOO=bar"; then
		t_eq "-e FOO=bar adds FOO" bar "$(env_value FOO)"
		t_eq "-e 'SPACED=a b=c' keeps spaces and =" "a b=c" "$(env_value SPACED)"
	fi
	jail -e HOME=/x -- /usr/bin/env
	ran_ok "-e HOME=/x" && t_eq "-e HOME=/x overrides HOME (once)" /x "$(env_value HOME)"
}

check_dir() {
	jail -- /bin/pwd
	expect_out "default working directory is /" /
	jail -d /home/jailuser -- /bin/pwd
	expect_out "-d /home/jailuser" /home/jailuser
}

check_programs() {
	local c line
	jail -- /bin/bash -c "$E2E_BASH_SNIPPET"
	expect_out "bash: pipes, subshells, substitutions" "$E2E_BASH_EXPECT"
	jail -- /bin/sh -c 'seq 1 100 | sort -n | tail -1'
	expect_out "coreutils pipeline: seq | sort -n | tail -1" 100
	jail -- /bin/bash -c "$E2E_COREUTILS_SNIPPET"
	expect_out "coreutils: cp mv cat stat ls sort uniq cut sed grep tee ..." coreutils-ok
	jail -- /usr/bin/python3 -c "$(e2e_py_script)"
	for c in $E2E_PY_CHECKS; do
		line=$(grep "^$c: " <<<"$OUT")
		t_check "python3: $c" "$(show)" [ "$line" = "$c: ok" ]
	done
}

check_exit_status() {
	jail -- /bin/sh -c 'exit 3'
	expect_rc "exit 3 passes through" 3
	# shellcheck disable=SC2016
	jail -- /bin/bash -c 'kill -TERM $$'
	expect_rc "killed by SIGTERM: 143" 143
}

check_sigterm_forwarded() {
	local cjpid sleeper='' i rc t0 t1
	"$CAPEJAIL" -r "$ROOT" -u jailuser -- sleep 30 </dev/null >"$T/sig.out" 2>"$T/sig.err" &
	cjpid=$!
	t_cleanup kill_job "$cjpid"
	for ((i = 0; i < 200; i++)); do
		sleeper=$(descendant_named "$cjpid" sleep) && break
		alive "$cjpid" || break
		sleep 0.025
	done
	if [ -z "$sleeper" ]; then
		t_fail "SIGTERM to capejail" "the jailed sleep never started: $(cat "$T/sig.err")"
		kill_job "$cjpid"
		return
	fi
	t_cleanup kill_job "$sleeper"
	t0=$(date +%s%N)
	kill -TERM "$cjpid"
	for ((i = 0; i < 200; i++)); do
		alive "$cjpid" || break
		sleep 0.025
	done
	t1=$(date +%s%N)
	if alive "$cjpid"; then
		t_fail "SIGTERM to capejail ends the job" "still running 5s later; stderr: $(cat "$T/sig.err")"
		kill_job "$cjpid" "$sleeper"
		return
	fi
	wait "$cjpid"
	rc=$?
	t_check "SIGTERM to capejail: exit 143 within $(((t1 - t0) / 1000000))ms" \
		"exit status $rc; stderr: $(cat "$T/sig.err")" [ "$rc" -eq 143 ]
	for ((i = 0; i < 80; i++)); do
		alive "$sleeper" || break
		sleep 0.025
	done
	if alive "$sleeper"; then
		t_fail "SIGTERM to capejail: the jailed program is gone" "host pid $sleeper still running"
		kill_job "$sleeper"
	else
		t_ok "SIGTERM to capejail: the jailed program is gone"
	fi
}

check_setuid() {
	local suid=$ROOT/usr/local/bin/suid-id control
	if ! { mkdir -p "$ROOT/usr/local/bin" && cp /usr/bin/id "$suid" && chown 0:0 "$suid" && chmod 4755 "$suid"; }; then
		t_fail "setuid-root binary in the root" "cannot install $suid"
		return
	fi
	t_cleanup rm -f -- "$suid"
	# Positive control: outside capejail the setuid bit works on this
	# filesystem, or the check below would prove nothing.
	control=$(env -i PATH=/usr/bin:/bin "$(type -P chroot)" --userspec=1000:1000 "$ROOT" /usr/local/bin/suid-id -u 2>&1)
	if [ "$control" != 0 ]; then
		skip_or_fail "setuid binary gives no privilege" "control: setuid not honoured by a plain chroot here (euid $control)"
		return
	fi
	jail -- /usr/local/bin/suid-id -u
	expect_out "setuid-root binary runs with euid 1000 (control outside: 0)" 1000
	rm -f -- "$suid"
}

check_root_user() {
	local f bad=''
	jail_as root -- /bin/sh -c 'id -u; cat /proc/self/status'
	ran_ok "-u root" || return
	t_eq "-u root: uid 0" 0 "$(sed -n 1p <<<"$OUT")"
	t_eq "-u root: CapEff is 0" 0000000000000000 "$(field CapEff)"
	for f in CapInh CapPrm CapBnd CapAmb; do
		[ "$(field "$f")" = 0000000000000000 ] || bad+="$f: $(field "$f") "
	done
	t_check "-u root: every other capability set is 0" "$bad" [ -z "$bad" ]
}

check_blocked_syscall() {
	local py='import ctypes; ctypes.CDLL(None).syscall(161, b"/")'
	jail -- /usr/bin/python3 -c "$py"
	expect_rc "blocked syscall chroot: exit 159" 159
	t_check "blocked syscall: stderr names chroot (${ERR%%$'\n'*})" "$(show)" grep -qw chroot <<<"$ERR"
	# Control: without the filter the same call only fails (EPERM).
	jail -I -- /usr/bin/python3 -c "$py"
	expect_rc "control: the same call with -I is not killed" 0
}

# bad NAME STATUS ARGS...: capejail refuses with STATUS, says
# "capejail: error:", and the program (printing $MARK) did not run.
bad() {
	local name=$1 want=$2
	shift 2
	cj "$@"
	if [ "$RC" -ne "$want" ]; then
		t_fail "$name: exit $want" "$(show)"
	elif ! grep -q '^capejail: error: ' <<<"$ERR"; then
		t_fail "$name: exit $want" "$(printf 'no "capejail: error:" line\n%s' "$(show)")"
	elif grep -q "$MARK" <<<"$OUT"; then
		t_fail "$name: exit $want" "$(printf 'the program ran\n%s' "$(show)")"
	else
		t_ok "$name: exit $want (${ERR%%$'\n'*})"
	fi
}

check_bad_input() {
	local j=(-r "$ROOT" -u jailuser) run=(/bin/echo "$MARK")
	echo not-a-dir >"$T/regular-file"
	bad "no program" 64 "${j[@]}"
	bad "nothing after --" 64 "${j[@]}" --
	bad "unknown option" 64 --no-such-option-e2e "${j[@]}" -- "${run[@]}"
	bad "-r nonexistent" 66 -r "/nonexistent-capejail-e2e.$$" -u jailuser -- "${run[@]}"
	bad "-r a regular file" 66 -r "$T/regular-file" -u jailuser -- "${run[@]}"
	bad "unknown user" 67 -r "$ROOT" -u no-such-user-e2e -- "${run[@]}"
	bad "-d missing in the root" 68 "${j[@]}" -d /no/such/dir-e2e -- "${run[@]}"
	bad "-d present on the host only" 68 "${j[@]}" -d "$E2E_REPO" -- "${run[@]}"
	bad "-e NOEQUALS" 64 "${j[@]}" -e NOEQUALS -- "${run[@]}"
	bad "-e =x" 64 "${j[@]}" -e =x -- "${run[@]}"
	bad "program not found (path)" 127 "${j[@]}" -- /no/such/program-e2e
	bad "program not found (PATH search)" 127 "${j[@]}" -- no-such-program-e2e
	bad "program present on the host only" 127 "${j[@]}" -- "$(type -P setpriv)"
	bad "program not executable" 126 "${j[@]}" -- /etc/hostname
	bad "program is a directory" 126 "${j[@]}" -- /etc
	t_check "program is a directory: says so" "$(show)" \
		grep -q "^capejail: hint: '/etc' is a directory" <<<"$ERR"
	# A script whose #! interpreter the root lacks: said, not "not in PATH".
	local script=/capejail-e2e-interp.$$.sh
	printf '#!/no/such/interpreter-e2e\necho %s\n' "$MARK" >"$ROOT$script"
	chmod 755 "$ROOT$script"
	bad "script whose interpreter is missing" 127 "${j[@]}" -- "$script"
	rm -f "$ROOT$script"
	t_check "script whose interpreter is missing: names the interpreter" "$(show)" \
		grep -q "its interpreter /no/such/interpreter-e2e: No such file" <<<"$ERR"
	t_check "script whose interpreter is missing: the hint says so" "$(show)" \
		grep -q "^capejail: hint: the script's interpreter is missing in the jail's root" <<<"$ERR"
}

# shellcheck disable=SC2317 # through t_check
not_grep_mask_rw() { ! grep -qE '^mask [^ ]+ rw' <<<"$1"; }

# Without -r: the host's root file system, read-only, without its
# sub-mounts, as nobody, with the jail's own /proc, /dev and /tmp.
check_host_root() {
	# shellcheck disable=SC2016 # expanded by the jailed shell
	cj -- /bin/sh -c 'id -u; touch /etc/capejail-rw-test 2>/dev/null && echo WRITABLE;
		touch /tmp/x && echo tmp-ok; awk "{print \$5}" /proc/self/mountinfo | sort | tr "\n" " ";
		echo; awk "{ for (i = 7; \$i != \"-\"; i++); if (\$(i + 1) == \"tmpfs\" && \$5 ~ /^\/proc\//) print \"mask\", \$5, \$6 }" /proc/self/mountinfo'
	if ! ran_ok "no -r: runs on the host's root"; then
		return
	fi
	t_eq "no -r: default user is nobody" 65534 "$(sed -n 1p <<<"$OUT")"
	if grep -q WRITABLE <<<"$OUT"; then
		t_fail "no -r: root is read-only" "$(show)"
	else
		t_ok "no -r: root is read-only"
	fi
	t_eq "no -r: /tmp is the jail's own" tmp-ok "$(grep -x tmp-ok <<<"$OUT")"
	# /proc/sysrq-trigger and the masks of /proc (procmask.c: read-only
	# tmpfs covers, listed as "mask PATH OPTIONS") vary with the kernel.
	local masks
	masks=$(awk '$1 == "mask" { print $2 }' <<<"$OUT")
	t_eq "no -r: only the jail's mounts" "$(host_root_mounts)" \
		"$(grep '^/ ' <<<"$OUT" | sed 's|/proc/sysrq-trigger ||' | tr ' ' '\n' | grep . |
			grep -vxF -f <(printf '%s\n' "${masks:-/nonexistent}") | sort -u | tr '\n' ' ')"
	t_check "no -r: /proc's masks are read-only" "$(show)" \
		not_grep_mask_rw "$OUT"
}

# What the jail's mount table holds without -r: capejail's layer (/), each
# top-level directory or file of the host's root file system attached
# read-only (symlinks are recreated, not mounted), its own /proc, /dev and
# /tmp, and a tmpfs at /var/tmp and at nobody's home where the host has them.
host_root_mounts() {
	local e home
	{
		printf '%s\n' / /dev /dev/full /dev/null /dev/random /dev/shm /dev/tty \
			/dev/urandom /dev/zero /proc /proc/bus /proc/fs /proc/irq /proc/sys /tmp
		for e in /* /.[!.]*; do
			[ -e "$e" ] && [ ! -L "$e" ] || continue
			case $e in /proc | /dev | /tmp) continue ;; esac
			[ -d "$e" ] || [ -f "$e" ] || continue
			if [ "${E2E_ROOTLESS-}" = 1 ]; then
				# rootless (rootfs.c): a mount point of its own is an
				# empty directory; an entry with mounts beneath it
				# that cannot be left out comes with them
				mountpoint -q "$e" && continue
				awk -v top="$e/" 'index($5, top) == 1 { print $5 }' /proc/self/mountinfo
			fi
			echo "$e"
		done
		[ -d /var/tmp ] && echo /var/tmp
		home=$(awk -F: '$1 == "nobody" { print $6 }' /etc/passwd)
		# The home where the root has it, or made in the layer when its
		# top directory is missing from the root (layer.c).
		[ -n "$home" ] && [ "$home" != / ] && { [ -d "$home" ] || [ ! -e "/$(cut -d/ -f2 <<<"$home")" ]; } && echo "$home"
	} | sort -u | tr '\n' ' '
}

check_not_root() {
	local wrap=()
	e2e_root_only "as a non-root user" "the whole run is as a non-root user" || return
	[ "$(id -u)" -eq 0 ] && wrap=(setpriv --reuid=65534 --regid=65534 --clear-groups)
	CJ_WRAP=("${wrap[@]}")
	cj -v -r "${ROOT:-$E2E_ROOT_CACHE}" -u jailuser -- /bin/echo "$MARK"
	CJ_WRAP=()
	# Where the kernel refuses user namespaces: exit 77 (test_rootless.sh).
	expect "as a non-root user: runs rootless" 0 "^$MARK\$" '^capejail: rootless: capejail runs as uid 65534'
}

main() {
	T=$(mktemp -d /tmp/capejail-e2e.XXXXXX) || {
		t_fail "scratch directory" "mktemp failed"
		t_done
	}
	t_cleanup rm -rf -- "$T"
	e2e_scratch_for_rootless "$T"
	if [ ! -x "$CAPEJAIL" ]; then
		t_fail "capejail binary" "$CAPEJAIL is missing: run 'make' at the repository root first"
		t_done
	fi
	check_help_version
	if ! e2e_need_root "jailed checks"; then
		check_not_root
		t_done
	fi
	e2e_rootfs || t_done
	ROOT=$E2E_ROOTFS
	check_ids
	check_status
	check_pidns
	check_hostname
	check_network
	check_fds
	check_host_files
	check_env
	check_dir
	check_programs
	check_exit_status
	check_sigterm_forwarded
	check_setuid
	check_root_user
	check_blocked_syscall
	check_bad_input
	check_host_root
	check_not_root
	t_done
}

main "$@"
