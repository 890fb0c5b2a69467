#!/usr/bin/env bash
# make demo: build a small root filesystem, run real programs jailed, and
# show an escape attempt being stopped and reported. Needs root.
set -u
cd "$(dirname "$0")/.."
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
printf '\ndemo: OK — every layer behaved as documented.\n'
