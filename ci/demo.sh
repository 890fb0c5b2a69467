#!/usr/bin/env bash
# make demo: build a small root filesystem, run real programs jailed, and
# show an escape attempt being stopped and reported. Needs root.
set -u
cd "$(dirname "$0")/.." || exit 1
CAPEJAIL=$PWD/build/capejail
ROOT=$PWD/build/demo-root

if [ "$(id -u)" -ne 0 ]; then
	echo "capejail: error: make demo needs root (namespaces, pivot_root)" >&2
	echo "capejail: hint: run make demo as root" >&2
	exit 77
fi
step() { printf '\n\033[1m== %s\033[0m\n$ %s\n' "$1" "$2"; }
fail() { echo "demo: FAILED: $*" >&2; exit 1; }

# The root is reused while it is up to date: made completely by this
# version of capejail-mkroot, with the host's packages unchanged since
# (they are what it copies). Anything else rebuilds it.
STAMP=$ROOT.stamp
root_state() {
	printf '%s %s\n' "$(sha256sum <tools/capejail-mkroot | cut -d' ' -f1)" \
		"$(stat -c %Y /var/lib/dpkg/status 2>/dev/null)"
}
step "1. A minimal root filesystem from the host" "tools/capejail-mkroot $ROOT"
if [ -f "$ROOT/.capejail-root" ] && grep -qx 'complete=yes' "$ROOT/.capejail-root" &&
	[ "$(cat "$STAMP" 2>/dev/null)" = "$(root_state)" ]; then
	echo "reusing $ROOT: up to date (rm -rf it, or change the host's packages, to rebuild)"
else
	rm -f -- "$STAMP"
	tools/capejail-mkroot --force "$ROOT" || fail "capejail-mkroot"
	root_state >"$STAMP"
fi

J=("$CAPEJAIL" -r "$ROOT" -u jailuser)
step "2. Who am I in the jail?" "capejail -r ROOT -u jailuser -- bash -c '...'"
# shellcheck disable=SC2016 # expanded by the jail's bash
"${J[@]}" -- /bin/bash -c 'echo "user: $(id)"; echo "host name: $(hostname)";
  echo "processes visible: $(ls /proc | grep -c "^[0-9]")";
  grep -E "^(CapEff|NoNewPrivs|Seccomp):" /proc/self/status' || fail "identity"

step "3. A real program: python3 with threads and a subprocess" \
	"capejail -r ROOT -u jailuser -- python3 -c '...'"
"${J[@]}" -- /usr/bin/python3 -c '
import threading, subprocess, json
out = []
ts = [threading.Thread(target=out.append, args=(i,)) for i in range(4)]
[t.start() for t in ts]; [t.join() for t in ts]
echo = subprocess.run(["/bin/echo", "hello from a jailed subprocess"],
                      capture_output=True, text=True).stdout.strip()
print(json.dumps({"threads": sorted(out), "subprocess": echo}))' || fail "python3"

step "4. An escape attempt: chroot out of the jail" \
	"capejail -r ROOT -u jailuser -- python3 -c 'os.mkdir(\"/tmp/x\"); os.chroot(\"/tmp/x\")'"
"${J[@]}" -- /usr/bin/python3 -c 'import os; os.mkdir("/tmp/x"); os.chroot("/tmp/x")'
rc=$?
echo "exit status: $rc (128 + SIGSYS)"
[ "$rc" -eq 159 ] || fail "the chroot attempt was not stopped (status $rc)"

step "5. Why was it blocked?" "build/capejail-syscalls explain chroot"
if [ -x build/capejail-syscalls ]; then
	build/capejail-syscalls explain chroot | head -12
else
	grep -A3 '^CJ_SYSCALL(chroot' core/policy/syscalls.def
fi
# 6 and 7: the supervisor acts for the jail. Host files of the demo's own
# in a temporary directory; a loopback server of its own, ended by PID.
T=$(mktemp -d /tmp/capejail-demo.XXXXXX) || fail "mktemp"
SERVER=
cleanup() {
	[ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null
	rm -rf -- "$T"
}
trap cleanup EXIT
chmod 755 "$T"
printf 'city,temp\nOslo,4\n' >"$T/data.csv"
echo "not for the jail" >"$T/secret.txt"
step "6. One host file, no mount: --grant-read" \
	"capejail -r ROOT -u jailuser --grant-read $T/data.csv -- python3 -c '...'"
out=$("${J[@]}" --grant-read "$T/data.csv" -- /usr/bin/python3 -c '
import sys
print(open(sys.argv[1]).read().strip().splitlines()[-1])
try:
    open(sys.argv[2])
except OSError as e:
    print(sys.argv[2] + ":", e.strerror)' "$T/data.csv" "$T/secret.txt") ||
	fail "the granted file could not be read"
echo "$out"
grep -qx "Oslo,4" <<<"$out" || fail "the granted file was not read"
grep -qx "$T/secret.txt: No such file or directory" <<<"$out" ||
	fail "the file beside the grant was not refused"

/usr/bin/python3 -c '
import socket, sys
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(1)
open(sys.argv[1], "w").write(str(s.getsockname()[1]))
c, _ = s.accept(); c.sendall(b"hello from the host\n"); c.close()' "$T/port" &
SERVER=$!
for _ in $(seq 50); do [ -s "$T/port" ] && break; sleep 0.1; done
PORT=$(cat "$T/port" 2>/dev/null) || fail "the demo's loopback server did not start"
step "7. One host address from a jail without network: --connect" \
	"capejail -r ROOT -u jailuser --connect 127.0.0.1:$PORT -- python3 -c '...'"
out=$("${J[@]}" --connect "127.0.0.1:$PORT" -- /usr/bin/python3 -c '
import socket, sys
port = int(sys.argv[1])
print(socket.create_connection(("127.0.0.1", port)).recv(64).decode().strip())
try:
    socket.create_connection(("10.0.0.1", 80), timeout=2)
except OSError as e:
    print("10.0.0.1:80:", e.strerror)' "$PORT") || fail "--connect"
echo "$out"
grep -qx "hello from the host" <<<"$out" || fail "the listed address was not reached"
grep -q "^10.0.0.1:80: " <<<"$out" || fail "an unlisted address was reached"

printf '\ndemo: OK — every layer behaved as documented.\n'
