#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# capejail-syscalls discover's two engines: notify (seccomp user
# notifications through the launcher's supervisor, the default) and strace.
# The same real programs run under both, on the host and in the jail, and
# the reports must agree on what is blocked, what fails with an errno and
# what to allow; the notify engine must follow threads and children, and
# work without strace. Needs root (discover's tests do) and strace.
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
cjs() {
	printf -v CMD '%q ' capejail-syscalls "$@"
	MS=''
	timeout -k 5 "$E2E_TIMEOUT" "$CJS" "$@" >"$T/out" 2>"$T/err" </dev/null
	RC=$?
	OUT=$(cat "$T/out")
	ERR=$(cat "$T/err")
}
has() { grep -qE -- "$2" <<<"$1"; }

# What a report says must change: status, the --allow and errno lists, and
# each syscall that is blocked or fails, with its class. Counts of calls
# that pass their argument rules are the strace engine's alone (the notify
# engine never sees them), so they are left out.
summary() {
	python3 -c '
import json, sys
d = json.loads(sys.stdin.read())
rows = sorted(
    "%s:%s" % (s["name"], s["class"])
    for s in d["syscalls"]
    if s["class"] not in ("conditional", "allowed")
    or (s.get("conditions") or {}).get("killed", 0) + (s.get("conditions") or {}).get("failed", 0) > 0
)
print("status=%s allow=%s errno=%s rows=%s" % (
    d["status"], ",".join(sorted(d["allow"])), ",".join(sorted(d["errno"])), " ".join(rows)))
' <<<"$1"
}

if [ ! -x "$CJS" ]; then
	t_fail "capejail-syscalls is built" "$CJS is missing: run make"
	t_done
fi
e2e_need_root "discover's engines" || t_done
if ! command -v strace >/dev/null; then
	t_fail "strace is installed" "the strace engine needs it: apt-get install strace (ci/deps.sh)"
	t_done
fi

cjs discover --engine notify --full -- true
t_eq "--engine notify --full: usage error (the notify engine sees no allowed call)" 64 "$RC"
cjs discover --engine ptrace -- true
t_eq "--engine ptrace: usage error" 64 "$RC"

# Positive control: this kernel hands notifications to a supervisor.
cjs discover --engine notify --json -- true
if [ "$RC" -eq 69 ] && has "$ERR" 'does not hand seccomp notifications'; then
	t_skip "discover --engine notify" "this kernel has no seccomp user notifications: $ERR"
	t_done
fi
t_check "discover --engine notify -- true: nothing blocked, engine notify" "$(show)" \
	eval '[ "$RC" -eq 0 ] && python3 -c "import json,sys; d=json.loads(sys.stdin.read()); sys.exit(0 if d[\"engine\"] == \"notify\" and d[\"status\"] == 0 else 1)" <<<"$OUT"'

# The notify engine is the default and needs no strace.
CAPEJAIL_STRACE=/nonexistent/strace cjs discover -- python3 -c 'import socket; socket.socket(socket.AF_NETLINK, socket.SOCK_RAW)'
if [ "$RC" -eq 0 ] && has "$OUT" 'watched on the host' && has "$OUT" 'discovery is' &&
	has "$OUT" '^  socket  1 call' && has "$OUT" 'decoded: socket\(AF_NETLINK, SOCK_RAW'; then
	t_ok "discover without strace: the notify engine (the default) names the refused socket and says discovery is not a jail"
else
	t_fail "discover without strace: the notify engine (the default) names the refused socket and says discovery is not a jail" "$(show)"
fi

UFFD_PY='import ctypes
ctypes.CDLL(None, use_errno=True).syscall(323, 1)
print("done")'
NETLINK_PY='import socket
try:
    socket.socket(socket.AF_NETLINK, socket.SOCK_RAW)
except OSError as e:
    print(e)'
# A thread and two child processes, each making a call the policy refuses:
# both engines must see all three.
TREE_PY='import ctypes, os, subprocess, sys, threading
libc = ctypes.CDLL(None, use_errno=True)
t = threading.Thread(target=lambda: libc.syscall(323, 1))
t.start(); t.join()
subprocess.run([sys.executable, "-c", "import ctypes; ctypes.CDLL(None).syscall(310, 0, 0, 0, 0, 0, 0)"])
pid = os.fork()
if pid == 0:
    libc.syscall(312, 0, 0, 0, 0, 0)
    os._exit(0)
os.waitpid(pid, 0)
print("tree done")'

# compare LABEL DISCOVER-ARGS... -- PROG ARGS: both engines, same summary.
compare() {
	local label=$1 notify strace
	shift
	cjs discover --engine notify --json "$@"
	notify=$(summary "$OUT" 2>&1) || notify="no JSON: $(show)"
	cjs discover --engine strace --json "$@"
	strace=$(summary "$OUT" 2>&1) || strace="no JSON: $(show)"
	if [ "$notify" = "$strace" ] && [[ $notify == status=* ]]; then
		t_ok "engines agree: $label ($notify)"
	else
		t_fail "engines agree: $label" "$(printf 'notify: %s\nstrace: %s' "$notify" "$strace")"
	fi
	LAST=$notify
}

LAST=''
compare "ping on the host" -- ping -c 1 127.0.0.1
t_check "ping: setsockopt (SOL_RAW) is what is blocked" "$LAST" has "$LAST" 'allow=setsockopt '
compare "python3 userfaultfd on the host" -- python3 -c "$UFFD_PY"
t_check "userfaultfd is blocked" "$LAST" has "$LAST" 'userfaultfd:kill'
compare "python3 netlink socket on the host" -- python3 -c "$NETLINK_PY"
t_check "the netlink socket fails with an errno" "$LAST" has "$LAST" 'socket:conditional'
compare "a thread, a child and a forked child on the host" -- python3 -c "$TREE_PY"
if has "$LAST" 'userfaultfd:kill' && has "$LAST" 'process_vm_readv:kill' && has "$LAST" 'kcmp:kill'; then
	t_ok "the notify engine follows threads, children and forks ($LAST)"
else
	t_fail "the notify engine follows threads, children and forks" "$LAST"
fi
PY=$(e2e_py_script)
compare "python3 (json, threads, subprocess, tempfile) on the host" -- python3 -c "$PY"
if command -v node >/dev/null; then
	compare "node reading a file on the host" -- "$(command -v node)" -e \
		'require("fs").readFile("/etc/hostname", (e) => console.log(e ? e.message : "read ok"))'
else
	t_skip "engines agree: node" "node is not installed"
fi
# More of the real-program corpus (tests/e2e/test_programs.sh), on the host.
compare "a shell pipeline (sh, seq, grep, sed, awk, sort)" -- /bin/sh -c \
	'seq 1 100 | grep 7 | sed s/7/seven/ | awk "{n++} END {print n}" | sort | head -1'
if command -v perl >/dev/null; then
	compare "perl" -- "$(command -v perl)" -e 'use POSIX; my @a = map { $_ * 2 } 1 .. 10; print scalar(@a), "\n"'
else
	t_skip "engines agree: perl" "perl is not installed"
fi
if command -v sqlite3 >/dev/null; then
	compare "sqlite3" -- "$(command -v sqlite3)" "$T/db" 'create table if not exists t (x); insert into t values (1), (2); select sum(x) from t;'
else
	t_skip "engines agree: sqlite3" "sqlite3 is not installed"
fi
if command -v cc >/dev/null; then
	printf '#include <stdio.h>\nint main(void) { puts("hello"); return 0; }\n' >"$T/hello.c"
	compare "cc compiling a file" -- "$(command -v cc)" -o "$T/hello" "$T/hello.c"
else
	t_skip "engines agree: cc" "no C compiler is installed"
fi
if e2e_rootfs; then
	compare "python3 in the jail as jailuser" -r "$E2E_ROOTFS" -u jailuser -- /usr/bin/python3 -c "$PY"
	compare "a thread, a child and a fork in the jail" -r "$E2E_ROOTFS" -u jailuser -n -- /usr/bin/python3 -c "$TREE_PY"
	t_check "in the jail too, all three are seen" "$LAST" has "$LAST" 'userfaultfd:kill.*process_vm_readv:kill|process_vm_readv:kill.*userfaultfd:kill'
	cjs discover -r "$E2E_ROOTFS" -u jailuser -- /usr/bin/python3 -c "$TREE_PY"
	if [ "$RC" -eq 1 ] && has "$OUT" 'watched in the jail' && ! has "$OUT" '^  (mount|pivot_root|capset|setresuid|seccomp|chroot|umount2) '; then
		t_ok "notify in the jail: the launcher's own set-up is not the program's"
	else
		t_fail "notify in the jail: the launcher's own set-up is not the program's" "$(show)"
	fi
	cjs discover -r "$E2E_ROOTFS" -u jailuser -- /no/such/prog
	t_eq "notify in the jail, a missing program: 127" 127 "$RC"
	cjs discover -r "$E2E_ROOTFS" -u jailuser -- /bin/sh -c 'exit 3'
	t_check "notify in the jail: the program's own status is said" "$(show)" has "$OUT" 'exited with status 3'
fi

t_done
