#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# Policy edits without recompiling, end to end: --profile, --allow/--deny,
# --seccomp-profile (the containers/podman default profile from Debian's
# package, and Docker's real default profile when ../shared/testdata is
# beside the checkout), their command-line
# precedence, the errors for bad profiles (exit status 65, file:line or
# JSON path) and the warning for SECCOMP_SYSCALL_ALLOW/DENY. Needs root.
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

readonly SYS_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export PATH=$SYS_PATH:$PATH
readonly E2E_TIMEOUT=${E2E_TIMEOUT:-30}
readonly FIX=$E2E_REPO/tests/fixtures/profiles
readonly DOCKER=${CAPEJAIL_TESTDATA:-$E2E_REPO/../shared/testdata}/docker-default-seccomp.json
# Extracted by ci/testdata.sh (make check runs it).
readonly CONTAINERS=${CAPEJAIL_CONTAINERS_PROFILE:-$E2E_REPO/build/testdata/containers-seccomp.json}

T=
ROOT=

# A python program that sets SO_PRIORITY, which the default policy's
# setsockopt rule does not allow (it takes client-side options and
# SO_REUSEADDR only).
readonly REUSE_PY='import socket
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_PRIORITY, 1)
s.bind(("127.0.0.1", 0))
print("reuse-ok")'

# unshare(CLONE_NEWUSER) and add_key: blocked by Docker's profile with
# EPERM (the call fails, the program goes on).
readonly EPERM_PY='import ctypes, os
libc = ctypes.CDLL(None, use_errno=True)
r = libc.unshare(0x10000000)
print("unshare", r, os.strerror(ctypes.get_errno()))
r = libc.syscall(248, b"user", b"x", None, 0, -2)
print("add_key", r, os.strerror(ctypes.get_errno()))'

check_profile_allows() {
	printf 'allow setsockopt if arg1 == 1 and arg2 == 12\n' >"$T/reuse.policy"
	jail -- /usr/bin/python3 -c "$REUSE_PY"
	expect "default policy: SO_PRIORITY kills python3 (159), report names setsockopt" \
		159 '' 'blocked syscall setsockopt'
	jail --profile "$T/reuse.policy" -- /usr/bin/python3 -c "$REUSE_PY"
	expect "--profile 'allow setsockopt if arg1 == 1 and arg2 == 12': python3 runs" 0 '^reuse-ok$'
	jail --profile "$FIX/valid/discover.policy" -- /usr/bin/python3 -c "$REUSE_PY"
	expect "--profile in discover's 'allow NAME' shape: python3 runs" 0 '^reuse-ok$'
	jail --allow setsockopt -- /usr/bin/python3 -c "$REUSE_PY"
	expect "--allow setsockopt: python3 runs" 0 '^reuse-ok$'
}

check_deny() {
	jail --deny write -- /bin/echo hello
	expect "--deny write kills echo (159), report names write" 159 '' 'blocked syscall write'
	printf 'deny write if arg0 == 2\n' >"$T/nostderr.policy"
	jail --profile "$T/nostderr.policy" -- /usr/bin/python3 -c \
		'import os
os.write(1, b"out\n")
os.write(2, b"err\n")
print("never")'
	expect "'deny write if arg0 == 2': stdout works, the write to fd 2 kills" 159 '^out$' \
		'blocked syscall write \(1\) with arguments'
	printf 'errno EACCES uname\n' >"$T/errno.policy"
	jail --profile "$T/errno.policy" -- /usr/bin/python3 -c \
		'import os
try:
    os.uname()
except OSError as e:
    print("uname", e.errno)'
	expect "'errno EACCES uname': the call fails with EACCES (13), no kill" 0 '^uname 13$'
	# sendmsg: the launcher hands the notification listener over with it
	# after the filter is loaded.
	printf 'base empty\nallow write,exit_group,sendmsg\n' >"$T/empty.policy"
	jail --profile "$T/empty.policy" -- /bin/true
	expect "'base empty': even /bin/true is killed" 159
	# Without sendmsg the listener cannot be handed over: no hang, the
	# program runs, and a blocked syscall kills it without being named.
	jail --deny sendmsg -- /bin/echo still-runs
	expect "--deny sendmsg: the program runs (no hang), with a warning" 0 \
		'^still-runs$' 'does not allow sendmsg'
	jail --deny sendmsg -- /usr/bin/python3 -c 'import os; os.chroot("/")'
	expect "--deny sendmsg: a blocked syscall still kills (159), unnamed" 159 '' \
		'killed by SIGSYS: a blocked syscall \(not named'
	printf '# c\nallow listen\nallow ptrace\n' >"$T/danger.policy"
	jail --profile "$T/danger.policy" -- /bin/true
	expect "allowing a dangerous syscall warns with file:line, the program runs" 0 '' \
		"^capejail: warning: $T/danger.policy:3: allowing dangerous syscall ptrace: "
}

# Ordinary python3 and bash work under the OCI profile FILE.
programs_run_under() { # FILE LABEL
	local out c line
	jail --seccomp-profile "$1" -- /usr/bin/python3 -c "$(e2e_py_script)"
	out=$OUT
	for c in $E2E_PY_CHECKS; do
		line=$(grep "^$c: " <<<"$out")
		t_check "$2: python3 $c" "$(show)" [ "$line" = "$c: ok" ]
	done
	jail --seccomp-profile "$1" -- /bin/bash -c "$E2E_BASH_SNIPPET"
	expect "$2: bash pipes and subshells" 0 "^$E2E_BASH_EXPECT\$"
}

check_docker() {
	if [ ! -r "$DOCKER" ]; then
		t_skip "Docker's default profile" "$DOCKER is not readable: a clone without ../shared beside it (set CAPEJAIL_TESTDATA to test it)"
		return
	fi
	jail --seccomp-profile "$DOCKER" -- /usr/bin/python3 -c "$EPERM_PY"
	expect "Docker's profile: unshare(CLONE_NEWUSER) fails with EPERM, no kill" 0 \
		'^unshare -1 Operation not permitted$'
	expect "Docker's profile: add_key fails with EPERM, no kill" 0 \
		'^add_key -1 Operation not permitted$'
	jail -- /usr/bin/python3 -c "$EPERM_PY"
	expect "capejail's default policy kills unshare instead (159)" 159 '' 'blocked syscall unshare'
	programs_run_under "$DOCKER" "Docker's profile"
}

readonly CHROOT_PY='import os
try:
    os.chroot("/")
    print("chroot ran")
except OSError as e:
    print("chroot", e.strerror)'

check_containers() {
	if [ ! -r "$CONTAINERS" ]; then
		t_fail "the containers/podman default profile" "$CONTAINERS is missing: run ci/testdata.sh (make check does)"
		return
	fi
	jail --seccomp-profile "$CONTAINERS" -- /usr/bin/python3 -c "$CHROOT_PY"
	expect "containers profile: chroot fails with EPERM (no CAP_SYS_CHROOT entry), no kill" 0 \
		'^chroot Operation not permitted$'
	programs_run_under "$CONTAINERS" "containers profile"
}

check_precedence() {
	printf 'allow setsockopt\n' >"$T/allow.policy"
	jail --profile "$T/allow.policy" --deny setsockopt -- /usr/bin/python3 -c "$REUSE_PY"
	expect "--profile (allow setsockopt) then --deny setsockopt: the deny wins" 159 '' \
		'blocked syscall setsockopt'
	jail --deny setsockopt --profile "$T/allow.policy" -- /usr/bin/python3 -c "$REUSE_PY"
	expect "--deny setsockopt then --profile (allow setsockopt): the profile wins" 0 '^reuse-ok$'
	jail --seccomp-profile "$CONTAINERS" --deny uname -- /bin/uname
	expect "--seccomp-profile then --deny uname: uname is killed" 159 '' 'blocked syscall uname'
	jail --deny uname --seccomp-profile "$CONTAINERS" -- /bin/uname
	expect "--deny uname then --seccomp-profile: the profile replaces it, uname runs" 0 '^Linux$'
	jail --allow chroot --seccomp-profile "$CONTAINERS" -- /usr/bin/python3 -c "$CHROOT_PY"
	expect "--allow chroot then --seccomp-profile: the profile's EPERM again" 0 \
		'^chroot Operation not permitted$'
}

check_errors() {
	cj -r "$ROOT" --profile "$FIX/invalid/cond-eq.policy" -- /bin/true
	expect "malformed profile: exit status 65 with file:line" 65 '' \
		"^capejail: error: $FIX/invalid/cond-eq.policy:2: '=' is not an operator"
	cj -r "$ROOT" --profile "$FIX/invalid/unknown-syscall.policy" -- /bin/true
	expect "unknown syscall in a profile: 65 with a suggestion" 65 '' \
		"unknown-syscall.policy:3: unknown syscall 'setsockop' \(did you mean: setsockopt"
	cj -r "$ROOT" --allow setsockop -- /bin/true
	expect "unknown syscall in --allow: 65 with a suggestion" 65 '' 'did you mean: setsockopt'
	cj -r "$ROOT" --profile "$FIX/invalid/cycle-a.policy" -- /bin/true
	expect "include cycle: 65" 65 '' 'include cycle: '
	cj -r "$ROOT" --profile "$T/no-such.policy" -- /bin/true
	expect "missing profile: 65 and a hint" 65 '' 'hint: check the path'
	cj -r "$ROOT" --seccomp-profile "$FIX/oci/invalid/bad-action.json" -- /bin/true
	expect "OCI profile with a bad action: 65 with the JSON path" 65 '' \
		"bad-action.json: \\\$.syscalls\[1\].action: unknown action 'SCMP_ACT_FOO'"
	cj -r "$ROOT" --seccomp-profile "$FIX/oci/invalid/malformed.json" -- /bin/true
	expect "malformed JSON: 65 with line:column" 65 '' 'malformed.json:1:[0-9]+: malformed JSON'
	cj -r "$ROOT" --seccomp-profile "$FIX/oci/invalid/notify.json" -- /bin/true
	expect "SCMP_ACT_NOTIFY: 65, not supported" 65 '' 'SCMP_ACT_NOTIFY is not supported'
}

check_env_ignored() {
	SECCOMP_SYSCALL_ALLOW=setsockopt:listen SECCOMP_SYSCALL_DENY=write \
		jail -- /usr/bin/python3 -c "$REUSE_PY"
	expect "SECCOMP_SYSCALL_ALLOW does not loosen the policy (still 159)" 159 '' \
		'blocked syscall setsockopt'
	expect "SECCOMP_SYSCALL_ALLOW: a warning naming --allow/--deny/--profile" 159 '' \
		'^capejail: warning: SECCOMP_SYSCALL_ALLOW is set and ignored: .*--allow, --deny or --profile'
	expect "SECCOMP_SYSCALL_DENY: a warning too" 159 '' \
		'^capejail: warning: SECCOMP_SYSCALL_DENY is set and ignored'
}

# The examples of docs/profiles.md (tests/fixtures/profiles/valid).
readonly WEB_PY='import http.server, threading, urllib.request
srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), http.server.SimpleHTTPRequestHandler)
threading.Thread(target=srv.serve_forever, daemon=True).start()
with urllib.request.urlopen("http://127.0.0.1:%d/" % srv.server_address[1]) as r:
    print("status", r.status)
srv.shutdown()'

readonly CC_SH='printf "#include <stdio.h>\nint main(void) { puts(\"hello\"); return 0; }\n" >hello.c
printf "hello: hello.c\n\tgcc -O2 -o hello hello.c\n" >Makefile
make -s && ./hello'

check_examples() {
	local root
	# The jail's network is its own: a server needs no profile there.
	jail -d /tmp -- /usr/bin/python3 -c "$WEB_PY"
	expect "example web server: serves without a profile (the jail's own network)" 0 '^status 200$'
	jail -d /tmp --profile "$FIX/valid/web-server.policy" -- /usr/bin/python3 -c "$WEB_PY"
	expect "example web server: serves with web-server.policy" 0 '^status 200$'

	if command -v gcc >/dev/null && command -v make >/dev/null; then
		# The host's root, read-only, as uid 1000; /tmp is the jail's.
		# make's setresuid(-1, uid, -1) keeps its own ids: allowed.
		cj -u 1000 -d /tmp -- /bin/sh -c "$CC_SH"
		expect "example compiler: make and gcc build and run hello without a profile" 0 '^hello$'
		cj -u 1000 -d /tmp --profile "$FIX/valid/compiler.policy" -- /bin/sh -c "$CC_SH"
		expect "example compiler: make and gcc build and run hello with compiler.policy" 0 '^hello$'
	else
		t_skip "example compiler" "gcc or make missing on the host"
	fi

	if ! command -v ping >/dev/null || ! command -v unshare >/dev/null; then
		t_skip "example ping" "ping or unshare missing on the host"
		return
	fi
	root=$(mktemp -d "$E2E_REPO/build/ping-root.XXXXXX") || return
	t_cleanup rm -rf --one-file-system -- "$root"
	chmod 755 "$root" # mktemp's 0700 would keep jailuser out of /
	if ! "$E2E_MKROOT" --force --with ping "$root" >/dev/null 2>&1; then
		t_fail "example ping" "capejail-mkroot --with ping $root failed"
		return
	fi
	# ICMP datagram sockets need net.ipv4.ping_group_range; it is per
	# network namespace, so a private one is set up instead of the host's.
	in_ping_ns() {
		unshare -n sh -c 'ip link set lo up &&
			sysctl -qw net.ipv4.ping_group_range="0 2147483647" && exec "$@"' sh "$@"
	}
	printf -v CMD '%q ' capejail -r "$root" -u jailuser -- ping -c1 -W2 127.0.0.1
	in_ping_ns timeout -k 5 "$E2E_TIMEOUT" "$CAPEJAIL" -r "$root" -u jailuser \
		-- ping -c1 -W2 127.0.0.1 >"$T/out" 2>"$T/err" </dev/null
	RC=$? OUT=$(cat "$T/out") ERR=$(cat "$T/err")
	# capset to nothing, setuid to its own uid and its echo socket's
	# options are in the default policy now: ping.policy is not needed.
	expect "example ping: 1 received without a profile" 0 '1 received'
	in_ping_ns timeout -k 5 "$E2E_TIMEOUT" "$CAPEJAIL" -r "$root" -u jailuser \
		--profile "$FIX/valid/ping.policy" -- ping -c1 -W2 127.0.0.1 >"$T/out" 2>"$T/err" </dev/null
	RC=$? OUT=$(cat "$T/out") ERR=$(cat "$T/err")
	CMD="capejail -r $root -u jailuser --profile $FIX/valid/ping.policy -- ping -c1 -W2 127.0.0.1"
	expect "example ping: 1 received with ping.policy" 0 '1 received'
}

main() {
	e2e_setup profiles "profiles"
	check_profile_allows
	check_deny
	check_docker
	check_containers
	check_precedence
	check_errors
	check_env_ignored
	check_examples
	t_done
}

main "$@"
