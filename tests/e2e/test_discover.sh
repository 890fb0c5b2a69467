#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# capejail-syscalls end to end: explain, list and doc on the real table;
# discover on real programs (ping and python3 on the host, python3 and a
# shell in the jail), and the --allow list it prints put to the test with
# the launcher. discover needs root and strace; explain, list and doc do not.
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:$PATH
CJS=${CAPEJAIL_SYSCALLS:-$E2E_REPO/build/capejail-syscalls}
readonly E2E_TIMEOUT=${E2E_TIMEOUT:-60}
T=$(mktemp -d)
t_cleanup rm -rf --one-file-system "$T"

RC=0
OUT=''
ERR=''
# cjs ARGS...: run capejail-syscalls; sets RC, OUT, ERR, CMD.
cjs() {
	printf -v CMD '%q ' capejail-syscalls "$@"
	MS=''
	timeout -k 5 "$E2E_TIMEOUT" "$CJS" "$@" >"$T/out" 2>"$T/err" </dev/null
	RC=$?
	OUT=$(cat "$T/out")
	ERR=$(cat "$T/err")
}
# jail ARGS...: run the launcher (cj, from lib.sh) with ARGS as given.
jail() { cj "$@"; }
has() { grep -qE -- "$2" <<<"$1"; }
# shellcheck disable=SC2317 # called through t_check
json() { # json EXPR: evaluate a python expression on $OUT parsed as d
	python3 -c 'import json, sys; d = json.loads(sys.stdin.read()); sys.exit(0 if eval(sys.argv[1]) else 1)' "$1" <<<"$OUT"
}

if [ ! -x "$CJS" ]; then
	t_fail "capejail-syscalls is built" "$CJS is missing: run make"
	t_done
fi

# ------------------------------------------------------------ no root needed
cjs --version
t_check "--version" "$(show)" has "$OUT" '^capejail-syscalls [0-9]'
cjs --help
if [ "$RC" -eq 0 ] && has "$OUT" '^  discover' && has "$OUT" '^  explain' && has "$OUT" '^  list'; then
	t_ok "--help lists the commands"
else
	t_fail "--help lists the commands" "$(show)"
fi
cjs bogus
t_eq "an unknown command is a usage error (64)" 64 "$RC"

cjs explain chroot
if [ "$RC" -eq 0 ] && has "$OUT" 'verdict: +killed' && has "$OUT" 'root directory' &&
	has "$OUT" 'SYSCALLS.md#chroot' && has "$OUT" 'dangerous: yes'; then
	t_ok "explain chroot prints the verdict and the rationale"
else
	t_fail "explain chroot prints the verdict and the rationale" "$(show)"
fi
cjs explain foo
if [ "$RC" -eq 65 ] && has "$ERR" "^capejail-syscalls: error: unknown syscall 'foo'" &&
	has "$ERR" '^capejail-syscalls: hint: did you mean: [a-z_0-9]+(, [a-z_0-9]+){0,4}\?$'; then
	t_ok "explain foo fails with 65 and suggests up to 5 names"
else
	t_fail "explain foo fails with 65 and suggests up to 5 names" "$(show)"
fi
cjs explain clone
t_check "explain clone shows its argument rules" "$(show)" has "$OUT" 'argument rules:'

cjs list --blocked
if [ "$RC" -eq 0 ] && has "$OUT" '^chroot ' && ! has "$OUT" '^read '; then
	t_ok "list --blocked"
else
	t_fail "list --blocked" "$(show)"
fi
cjs list --json --group network
t_check "list --json --group network" "$(show)" \
	json 'all(r["group"] == "network" for r in d) and any(r["name"] == "socket" and r["conditions"] for r in d)'

cjs doc
if [ "$RC" -eq 0 ] && has "$OUT" '^<a id="chroot"></a>$' && has "$OUT" 'make syscalls-md'; then
	t_ok "doc writes SYSCALLS.md with anchors"
else
	t_fail "doc writes SYSCALLS.md with anchors" "$(show | head -20)"
fi
if [ -f "$E2E_REPO/SYSCALLS.md" ]; then
	t_check "the committed SYSCALLS.md is up to date (make syscalls-md)" \
		"SYSCALLS.md differs from 'capejail-syscalls doc'" \
		diff -q "$E2E_REPO/SYSCALLS.md" "$T/out"
fi

# --------------------------------------------------------------- discover
e2e_need_root "discover" || t_done
if ! command -v strace >/dev/null; then
	t_fail "strace is installed" "discover needs strace: apt-get install strace (ci/deps.sh)"
	t_done
fi

CAPEJAIL_STRACE=/nonexistent/strace cjs discover --engine strace -- true
if [ "$RC" -eq 69 ] && has "$ERR" 'strace is not installed' && has "$ERR" 'apt-get install strace'; then
	t_ok "discover without strace: 69 and how to install it"
else
	t_fail "discover without strace: 69 and how to install it" "$(show)"
fi
cjs discover -- no-such-program-here
t_eq "discover of a missing program: 127" 127 "$RC"
cjs discover -- /nonexistent/prog
t_eq "discover of a missing path: 127" 127 "$RC"
cjs discover --emit yaml -- true
t_eq "discover --emit yaml: usage error" 64 "$RC"

# ping on the host (as root, a raw socket): its raw-socket option
# (SOL_RAW, ICMP_FILTER) is blocked; dropping its capabilities (capset)
# and setuid to its own uid are not.
cjs discover --log "$T/ping.strace" -- ping -c 1 127.0.0.1
if [ "$RC" -eq 1 ] && has "$OUT" '^Blocked: the jail would kill ping on these \(1\):' &&
	has "$OUT" '^  setsockopt ' && ! has "$OUT" '^  capset ' &&
	has "$OUT" '^    (/[^ ]*/)?capejail --allow [a-z_0-9,]*setsockopt'; then
	t_ok "discover ping: setsockopt blocked (not capset, not setuid to its own uid), exit 1"
else
	t_fail "discover ping: setsockopt blocked (not capset, not setuid to its own uid), exit 1" "$(show)"
fi
t_check "discover --log keeps strace's log" "no log in $T/ping.strace" \
	grep -q 'execve("/usr/bin/ping"' "$T/ping.strace"

cjs discover --emit allow -- ping -c 1 127.0.0.1
ALLOW=$OUT
if [ "$RC" -eq 1 ] && [[ $ALLOW =~ ^[a-z_0-9]+(,[a-z_0-9]+)*$ ]] && [[ ,$ALLOW, == *,setsockopt,* ]] &&
	has "$ERR" 'Blocked'; then
	t_ok "discover --emit allow: only the list on stdout ($ALLOW)"
else
	t_fail "discover --emit allow: only the list on stdout" "$(show)"
fi

cjs discover --json -- ping -c 1 127.0.0.1
t_check "discover --json: status, allow list, conditions" "$(show)" \
	json 'd["status"] == 1 and "setsockopt" in d["allow"] and d["outcome"]["exited"] and any(s["name"] == "setsockopt" and s["conditions"]["killed"] > 0 for s in d["syscalls"])'

cjs discover --emit profile -- ping -c 1 127.0.0.1
printf '%s\n' "$OUT" >"$T/ping.profile"
# setsockopt has argument rules: the narrowest rule is conditional, on
# the option that was killed (SOL_RAW = 255, ICMP_FILTER = 1).
if [ "$RC" -eq 1 ] && grep -qx 'allow setsockopt if arg1 == 255 and arg2 == 1' "$T/ping.profile" &&
	! grep -qx 'allow setsockopt' "$T/ping.profile" &&
	! grep -vE '^(#.*|allow [a-z_0-9]+( if .*)?|errno [A-Z0-9]+ [a-z_0-9]+|)$' "$T/ping.profile" >/dev/null; then
	t_ok "discover --emit profile: a conditional rule for setsockopt, never a plain allow"
else
	t_fail "discover --emit profile: a conditional rule for setsockopt, never a plain allow" "$(show)"
fi

# The list put to the test: the launcher in a root that has ping.
ROOT=$T/root
if out=$("$E2E_MKROOT" --with ping "$ROOT" 2>&1); then
	# With -n, ping needs nothing beyond the default policy: capset
	# empties empty sets, setuid goes to its own uid, and the options of
	# its echo socket are in the setsockopt rule.
	jail -r "$ROOT" -u jailuser -n -- ping -c 1 127.0.0.1
	if [ "$RC" -eq 0 ] && has "$OUT" '1 received'; then
		t_ok "ping -n in the default jail, no profile: runs and gets its reply"
	else
		t_fail "ping -n in the default jail, no profile: runs and gets its reply" "$(show)"
	fi
	# The jail's own network namespace (the default; -n is accepted and
	# changes nothing) allows ICMP echo sockets for its group, so ping,
	# given exactly the discovered syscalls, really runs.
	jail -r "$ROOT" -u jailuser -n --allow "$ALLOW" -- ping -c 1 127.0.0.1
	if [ "$RC" -eq 0 ] && has "$OUT" '1 received'; then
		t_ok "ping -n with --allow $ALLOW: runs and gets its reply"
	else
		t_fail "ping -n with --allow $ALLOW: runs and gets its reply" "$(show)"
	fi
	jail -r "$ROOT" -u jailuser -n --profile "$T/ping.profile" -- ping -c 1 127.0.0.1
	if [ "$RC" -eq 0 ] && has "$OUT" '1 received'; then
		t_ok "ping -n with the emitted profile: runs and gets its reply"
	else
		t_fail "ping -n with the emitted profile: runs and gets its reply" "$(show)"
	fi
	# With --share-net it shares the host's network, where ping needs
	# CAP_NET_RAW (never in the jail) or a gid in the host's
	# ping_group_range: with the gid it gets its reply (0), without it
	# gives up with its own status 2 and says why (its fallback, a raw
	# socket, fails with EPROTONOSUPPORT: socket's protocol rule). Either
	# way it is not killed for a blocked syscall.
	jail -r "$ROOT" -u jailuser --share-net --allow "$ALLOW" -- ping -c 1 127.0.0.1
	read -r lo hi </proc/sys/net/ipv4/ping_group_range
	jail_gid=$(awk -F: '$1 == "jailuser" { print $4 }' "$ROOT/etc/passwd")
	if [ "$jail_gid" -ge "$lo" ] && [ "$jail_gid" -le "$hi" ]; then
		if [ "$RC" -eq 0 ] && has "$OUT" '1 received'; then
			t_ok "ping (host network, gid $jail_gid in the host's ping_group_range $lo-$hi) with --allow $ALLOW: gets its reply"
		else
			t_fail "ping (host network, gid in the host's ping_group_range) with --allow $ALLOW: gets its reply" "$(show)"
		fi
	elif [ "$RC" -eq 2 ] && has "$ERR" '^ping: socket: Protocol not supported' && ! has "$ERR" 'blocked syscall'; then
		t_ok "ping (host network, gid $jail_gid outside the host's ping_group_range $lo-$hi) with --allow $ALLOW: ping's own refusal (exit 2), no kill"
	else
		t_fail "ping (host network, gid outside the host's ping_group_range) with --allow $ALLOW: ping's own refusal (exit 2), no kill" "$(show)"
	fi
else
	t_fail "a root with ping" "$(printf 'capejail-mkroot --with ping failed:\n%s' "$out")"
fi

# python3 (json, threads, subprocess, tempfile) needs nothing more.
PY=$(e2e_py_script)
cjs discover -- /usr/bin/python3 -c "$PY"
if [ "$RC" -eq 0 ] && has "$OUT" '^Nothing to allow' && ! has "$OUT" '^Blocked'; then
	t_ok "discover python3 (json, threading) on the host: nothing missing, exit 0"
else
	t_fail "discover python3 (json, threading) on the host: nothing missing, exit 0" "$(show)"
fi
cjs discover --all -- /usr/bin/python3 -c 'import json; print(json.dumps([1]))'
if [ "$RC" -eq 0 ] && has "$OUT" '^Every syscall python3 made' && has "$OUT" '^  read +[0-9]+ calls? +allowed'; then
	t_ok "discover --all lists every syscall with counts"
else
	t_fail "discover --all lists every syscall with counts" "$(show)"
fi
cjs discover -- /bin/sh -c 'exit 3'
if [ "$RC" -eq 0 ] && has "$OUT" 'exited with status 3'; then
	t_ok "a failing program is still reported (its status is said)"
else
	t_fail "a failing program is still reported (its status is said)" "$(show)"
fi

# --minimize: a program that probes a dangerous call (userfaultfd) and
# carries on without it keeps working when the call answers ENOSYS, so the
# profile says errno ENOSYS, not allow; --verify proves it in the jail.
UFFD_PY='import ctypes
ctypes.CDLL(None, use_errno=True).syscall(323, 1)
print("done")'
cjs discover --emit profile --minimize --verify -- /usr/bin/python3 -c "$UFFD_PY"
if [ "$RC" -eq 1 ] && has "$OUT" '^errno ENOSYS userfaultfd$' && ! has "$OUT" '^allow userfaultfd' &&
	has "$OUT" '^# userfaultfd \[memory\] DANGEROUS' &&
	has "$ERR" 'minimize: userfaultfd answered ENOSYS: same exit status and output, kept' &&
	has "$ERR" 'verify: /usr/bin/python3 now succeeds in the jail'; then
	t_ok "discover --minimize: userfaultfd answered ENOSYS is enough (errno ENOSYS), --verify: it runs"
else
	t_fail "discover --minimize: userfaultfd answered ENOSYS is enough (errno ENOSYS), --verify: it runs" "$(show)"
fi

# node with io_uring on (libuv): io_uring answers ENOSYS in the default
# policy, node falls back; --minimize has nothing dangerous to try and
# --verify runs it in the jail.
if command -v node >/dev/null; then
	cjs discover --minimize --verify -e UV_USE_IO_URING=1 -- "$(command -v node)" -e \
		'require("fs").readFile("/etc/hostname", (e) => console.log(e ? e.message : "read ok"))'
	# Control: this node must try io_uring at all (libuv 1.45 and later,
	# e.g. node 20; Debian 12's node 18 never does).
	if [ "$RC" -eq 0 ] && ! has "$OUT" '^  io_uring_setup '; then
		t_skip "discover --minimize --verify node (io_uring on)" \
			"node $(node --version 2>/dev/null) never calls io_uring_setup (its libuv predates io_uring)"
	elif [ "$RC" -eq 0 ] && has "$OUT" '^Nothing to allow' &&
		has "$OUT" '^  io_uring_setup .*DANGEROUS' && has "$OUT" 'fails with ENOSYS in the jail' &&
		has "$ERR" 'verify: .*node now succeeds in the jail'; then
		t_ok "discover --minimize --verify node (io_uring on): io_uring_setup answers ENOSYS, node works in the jail"
	else
		t_fail "discover --minimize --verify node (io_uring on): io_uring_setup answers ENOSYS, node works in the jail" "$(show)"
	fi
else
	t_skip "discover node with io_uring" "node is not installed"
fi

# --verify on http.server with a client: the proposed profile serves.
# (Until the private-network listen rows of issue 22 are merged it
# proposes allow listen/accept4; after, nothing is blocked.)
WEB_PY='import http.server, threading, urllib.request
srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), http.server.SimpleHTTPRequestHandler)
threading.Thread(target=srv.serve_forever, daemon=True).start()
with urllib.request.urlopen("http://127.0.0.1:%d/" % srv.server_address[1]) as r:
    print("status", r.status)
srv.shutdown()'
cjs discover --emit profile --verify -- /usr/bin/python3 -c "$WEB_PY"
if [ "$RC" -le 1 ] && has "$ERR" 'verify: /usr/bin/python3 now succeeds in the jail under the proposed profile' &&
	! has "$OUT" '^allow setsockopt$'; then
	t_ok "discover --verify http.server + client: succeeds in the jail under the proposed profile"
else
	t_fail "discover --verify http.server + client: succeeds in the jail under the proposed profile" "$(show)"
fi

# In the jail as uid 1000, busybox's applets set their own gid and uid:
# discover judges those calls with the jail user's ids, as the jail does.
if [ -x /bin/busybox ]; then
	cjs discover -u 1000 -- /bin/busybox sh -c 'busybox id -u; busybox ls / >/dev/null'
	if [ "$RC" -eq 0 ] && has "$OUT" '^Nothing to allow' && ! has "$OUT" '^Blocked'; then
		t_ok "discover -u 1000 busybox: setgid/setuid to its own ids are not blocked"
	else
		t_fail "discover -u 1000 busybox: setgid/setuid to its own ids are not blocked" "$(show)"
	fi
else
	t_skip "discover -u 1000 busybox" "busybox-static is not installed"
fi

# In the jail: the launcher's own set-up is not the program's.
if e2e_rootfs; then
	cjs discover --full -r "$E2E_ROOTFS" -u jailuser -- /usr/bin/python3 -c "$PY"
	if [ "$RC" -eq 0 ] && has "$OUT" 'traced in the jail' && has "$OUT" '^Nothing to allow' &&
		! has "$OUT" '^  (mount|pivot_root|capset|setresuid|seccomp|chroot|umount2) '; then
		t_ok "discover -r ROOT -u jailuser python3: nothing missing, launcher not counted"
	else
		t_fail "discover -r ROOT -u jailuser python3: nothing missing, launcher not counted" "$(show)"
	fi
	t_check "discover -r ROOT -u jailuser: no -I/--insecure warning the user never asked for" "$(show)" \
		eval '! grep -q -- "--insecure" <<<"$ERR"'
	cjs discover --all -r "$E2E_ROOTFS" -u jailuser -- /bin/sh -c 'echo hi | cat'
	if [ "$RC" -eq 0 ] && has "$OUT" '^  execve +2 calls' && ! has "$OUT" '^  mount '; then
		t_ok "discover in the jail follows the program's children (sh, cat)"
	else
		t_fail "discover in the jail follows the program's children (sh, cat)" "$(show)"
	fi
	cjs discover -r "$E2E_ROOTFS" -u jailuser -- /no/such/prog
	t_eq "discover in the jail of a missing program: 127" 127 "$RC"
fi

t_done
