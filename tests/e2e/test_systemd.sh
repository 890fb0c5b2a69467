#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# A real service hardened both ways docs/systemd.md shows: a python
# http.server unit with capejail's policy as SystemCallFilter= (export
# --format systemd) and as the preload library's Environment= lines
# (export --format systemd-preload), each unit checked by
# systemd-analyze verify. The preload unit is then run the tests' own way
# (its Environment= and ExecStart= read from the unit): the server answers a
# client, and with a deny-list the same unit's server is killed and named.
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:$PATH
CJS=${CAPEJAIL_SYSCALLS:-$E2E_REPO/build/capejail-syscalls}
LIB=${CAPEJAIL_PRELOAD:-$E2E_REPO/build/libcapejail-preload.so}
T=$(mktemp -d)
chmod 755 "$T"
t_cleanup rm -rf --one-file-system "$T"
SERVER_PID=''
t_cleanup kill_pid '$SERVER_PID'

for f in "$CJS" "$LIB"; do
	if [ ! -e "$f" ]; then
		t_fail "built: $f" "missing: run make"
		t_done
	fi
done

# The server's policy: listen, accept and SO_REUSEADDR (docs/profiles.md).
cat >"$T/web-server.policy" <<'P'
allow listen, accept, accept4
allow setsockopt if arg1 == 1 and arg2 == 2
P
unit() { # NAME SETTINGS-FILE: a unit for the server with those settings
	{
		printf '[Unit]\nDescription=capejail e2e: python http.server, %s\n\n[Service]\n' "$1"
		printf 'ExecStart=/usr/bin/python3 -m http.server --bind 127.0.0.1 0\n'
		printf 'DynamicUser=yes\nEnvironment=PYTHONUNBUFFERED=1\n'
		grep -v '^#' "$2"
	} >"$T/cj-e2e-$1.service"
}

"$CJS" export --format systemd --profile "$T/web-server.policy" >"$T/filter.lines" 2>"$T/err"
t_check "export --format systemd" "$(cat "$T/err")" grep -q '^SystemCallFilter=' "$T/filter.lines"
"$CJS" export --format systemd-preload --profile "$T/web-server.policy" >"$T/preload.lines" 2>"$T/err"
if grep -qx 'Environment="LD_PRELOAD=.*libcapejail-preload.so"' "$T/preload.lines" &&
	grep -qx "Environment=\"CAPEJAIL_PROFILE=$T/web-server.policy\"" "$T/preload.lines"; then
	t_ok "export --format systemd-preload: LD_PRELOAD and CAPEJAIL_PROFILE lines"
else
	t_fail "export --format systemd-preload" "$(cat "$T/preload.lines" "$T/err")"
fi
unit filter "$T/filter.lines"
unit preload "$T/preload.lines"

if command -v systemd-analyze >/dev/null; then
	for u in filter preload; do
		systemd-analyze verify --man=no "$T/cj-e2e-$u.service" >"$T/out" 2>&1
		rc=$?
		if [ $rc -eq 0 ] && ! grep -qiE 'invalid|unknown|ignoring|failed' "$T/out"; then
			t_ok "systemd-analyze verify accepts the $u unit"
		else
			t_fail "systemd-analyze verify accepts the $u unit" "$(cat "$T/out")"
		fi
	done
else
	t_skip "systemd-analyze verify of both units" "systemd-analyze is not installed (ci/deps.sh installs systemd)"
fi

# Run the preload unit the tests' own way: its Environment= values (with
# the library of this build) and its ExecStart=.
envs=()
while IFS= read -r line; do
	v=${line#Environment=}
	v=${v#\"}
	v=${v%\"}
	v=${v//%%/%}
	case $v in LD_PRELOAD=*) v=LD_PRELOAD=$LIB ;; esac
	envs+=("$v")
done < <(grep '^Environment=' "$T/cj-e2e-preload.service")
exec_start=$(sed -n 's/^ExecStart=//p' "$T/cj-e2e-preload.service")
serve() { # EXTRA-ENV...: start the unit's server; sets SERVER_PID and PORT
	# shellcheck disable=SC2086
	env -i PATH="$PATH" "${envs[@]}" "$@" $exec_start >"$T/srv.out" 2>"$T/srv.err" </dev/null &
	SERVER_PID=$!
	PORT=''
	for _ in $(seq 100); do
		PORT=$(sed -n 's/.* port \([0-9]*\) .*/\1/p' "$T/srv.out" | head -n1)
		[ -n "$PORT" ] && break
		alive "$SERVER_PID" || break
		sleep 0.1
	done
}
get() { python3 -c 'import sys, urllib.request; print(urllib.request.urlopen("http://127.0.0.1:%s/" % sys.argv[1], timeout=10).status)' "$1" 2>&1; }

serve
if [ -n "$PORT" ] && [ "$(get "$PORT")" = 200 ]; then
	t_ok "the preload unit's server answers a client (port $PORT)"
else
	t_fail "the preload unit's server answers" "$(cat "$T/srv.out" "$T/srv.err")"
fi
kill_job "$SERVER_PID"
SERVER_PID=''

# The same unit with accept4 denied: the first connection kills it, named.
serve SECCOMP_SYSCALL_DENY=accept4:accept
if [ -n "$PORT" ]; then
	get "$PORT" >/dev/null
	for _ in $(seq 50); do alive "$SERVER_PID" || break; sleep 0.1; done
fi
if alive "$SERVER_PID"; then
	kill_job "$SERVER_PID"
	rc=alive
else
	wait "$SERVER_PID" 2>/dev/null
	rc=$?
fi
SERVER_PID=''
if [ "$rc" = 159 ] && grep -q 'killed: blocked syscall accept' "$T/srv.err"; then
	t_ok "with accept denied, the server is killed at its first client and names accept"
else
	t_fail "with accept denied, the server is killed" "status $rc; $(cat "$T/srv.err")"
fi
t_done
