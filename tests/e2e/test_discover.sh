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

CAPEJAIL_STRACE=/nonexistent/strace cjs discover -- true
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

# ping on the host: capabilities and raw-socket options are blocked.
cjs discover --log "$T/ping.strace" -- ping -c 1 127.0.0.1
if [ "$RC" -eq 1 ] && has "$OUT" '^Blocked: the jail would kill ping' &&
	has "$OUT" '^  capset ' && has "$OUT" '^  setuid ' && has "$OUT" '^  setsockopt ' &&
	has "$OUT" 'WARNING: capset is DANGEROUS' &&
	has "$OUT" '^    (/[^ ]*/)?capejail --allow [a-z_0-9,]*capset'; then
	t_ok "discover ping: capset, setuid, setsockopt blocked, exit 1"
else
	t_fail "discover ping: capset, setuid, setsockopt blocked, exit 1" "$(show)"
fi
t_check "discover --log keeps strace's log" "no log in $T/ping.strace" \
	grep -q 'execve("/usr/bin/ping"' "$T/ping.strace"

cjs discover --emit allow -- ping -c 1 127.0.0.1
ALLOW=$OUT
if [ "$RC" -eq 1 ] && [[ $ALLOW =~ ^[a-z_0-9]+(,[a-z_0-9]+)*$ ]] && [[ ,$ALLOW, == *,capset,* ]] &&
	has "$ERR" 'Blocked'; then
	t_ok "discover --emit allow: only the list on stdout ($ALLOW)"
else
	t_fail "discover --emit allow: only the list on stdout" "$(show)"
fi

cjs discover --json -- ping -c 1 127.0.0.1
t_check "discover --json: status, allow list, conditions" "$(show)" \
	json 'd["status"] == 1 and "capset" in d["allow"] and d["outcome"]["exited"] and any(s["name"] == "setsockopt" and s["conditions"]["killed"] > 0 for s in d["syscalls"])'

cjs discover --emit profile -- ping -c 1 127.0.0.1
printf '%s\n' "$OUT" >"$T/ping.profile"
if [ "$RC" -eq 1 ] && grep -qx 'allow capset' "$T/ping.profile" &&
	! grep -vE '^(#.*|allow [a-z_0-9]+|)$' "$T/ping.profile" >/dev/null; then
	t_ok "discover --emit profile: allow lines and comments"
else
	t_fail "discover --emit profile: allow lines and comments" "$(show)"
fi

# The list put to the test: the launcher in a root that has ping.
ROOT=$T/root
if out=$("$E2E_MKROOT" --with ping "$ROOT" 2>&1); then
	jail -r "$ROOT" -u jailuser -- ping -c 1 127.0.0.1
	if [ "$RC" -eq 159 ] && has "$ERR" 'blocked syscall'; then
		t_ok "ping in the default jail is killed for a blocked syscall (159)"
	else
		t_fail "ping in the default jail is killed for a blocked syscall (159)" "$(show)"
	fi
	# With -n the jail's own namespace allows ICMP echo sockets for its
	# group, so ping, given exactly the discovered syscalls, really runs.
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
	# Without -n it shares the host's network, where ping needs
	# CAP_NET_RAW (never in the jail) or a gid in the host's
	# ping_group_range: with the gid it gets its reply (0), without it
	# gives up with its own status 2 and says why. Either way it is not
	# killed for a blocked syscall.
	jail -r "$ROOT" -u jailuser --allow "$ALLOW" -- ping -c 1 127.0.0.1
	read -r lo hi </proc/sys/net/ipv4/ping_group_range
	jail_gid=$(awk -F: '$1 == "jailuser" { print $4 }' "$ROOT/etc/passwd")
	if [ "$jail_gid" -ge "$lo" ] && [ "$jail_gid" -le "$hi" ]; then
		if [ "$RC" -eq 0 ] && has "$OUT" '1 received'; then
			t_ok "ping (host network, gid $jail_gid in the host's ping_group_range $lo-$hi) with --allow $ALLOW: gets its reply"
		else
			t_fail "ping (host network, gid in the host's ping_group_range) with --allow $ALLOW: gets its reply" "$(show)"
		fi
	elif [ "$RC" -eq 2 ] && has "$ERR" '^ping: socket: Operation not permitted' && ! has "$ERR" 'blocked syscall'; then
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

# In the jail: the launcher's own set-up is not the program's.
if e2e_rootfs; then
	cjs discover --full -r "$E2E_ROOTFS" -u jailuser -- /usr/bin/python3 -c "$PY"
	if [ "$RC" -eq 0 ] && has "$OUT" 'traced in the jail' && has "$OUT" '^Nothing to allow' &&
		! has "$OUT" '^  (mount|pivot_root|capset|setresuid|seccomp|chroot|umount2) '; then
		t_ok "discover -r ROOT -u jailuser python3: nothing missing, launcher not counted"
	else
		t_fail "discover -r ROOT -u jailuser python3: nothing missing, launcher not counted" "$(show)"
	fi
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
