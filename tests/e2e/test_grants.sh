#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# --grant-read and --grant-write: a jail given one host file or tree, by
# its host path, without a mount (broker_open.c). A python program reads
# a granted file and fails on a file beside it; a write grant takes a new
# file and an append; everything out of a grant is a missing file; the
# broker's actions reach --broker-log and the status object. Rootless, the
# caller grants a file of its own read-only: reopening the handed-over
# descriptor for writing must fail, though the caller may write the file
# outside the jail (the positive control), and a test build without the
# grants' Landlock rules lets it through (when build-knockout exists).
#
# Safety: files under this file's scratch directory only. Needs root.
#
# shellcheck disable=SC2317
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

readonly SYS_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export PATH=$SYS_PATH:$PATH
readonly E2E_TIMEOUT=${E2E_TIMEOUT:-60}

T=
ROOT=
e2e_setup grants "--grant-read, --grant-write"

# Positive control: the kernel has what grants need.
e2e_landlock_abi || t_done
if [ "$LANDLOCK_ABI" -lt 2 ]; then
	echo "# the kernel's Landlock ABI is $LANDLOCK_ABI: grants need 2"
	cj --grant-read "$T" -r "$ROOT" -u jailuser -- /bin/true
	expect "without Landlock ABI 2, grants are refused (69)" 69 '' 'need Landlock'
	t_done
fi

mkdir -p "$T/data/sub" "$T/w"
echo "granted data" >"$T/data/in.csv"
echo "deeper" >"$T/data/sub/x"
echo "not granted" >"$T/beside.csv"
ln -s "$T/beside.csv" "$T/data/link"
echo "keep" >"$T/w/existing"
chmod 755 "$T" "$T/data" "$T/w"

READ_PY='import sys
for p in sys.argv[1:]:
    try:
        with open(p) as f:
            print("read", p, f.read().strip())
    except OSError as e:
        print("refused", p, e.strerror)'

cj --status-fd 3 --broker-log "$T/broker.log" --grant-read "$T/data" -r "$ROOT" -u jailuser -- \
	/usr/bin/python3 -c "$READ_PY" "$T/data/in.csv" "$T/data//sub/./x" "$T/beside.csv" \
	"$T/data/../beside.csv" "$T/data/link" "/proc/self/root$T/data/in.csv" 3>"$T/status.json"
expect "python reads the granted file by its host path" 0 "read $T/data/in.csv granted data"
t_check "... and one deeper in the granted tree, path not canonical" "$(show)" \
	grep -qx "read $T/data//sub/./x deeper" <<<"$OUT"
for p in "$T/beside.csv" "$T/data/../beside.csv" "$T/data/link" "/proc/self/root$T/data/in.csv"; do
	t_check "refused as a missing file: ${p#"$T"/}" "$(show)" \
		grep -qx "refused $p No such file or directory" <<<"$OUT"
done
e2e_status "status object: the broker's opens, the refusal as ENOENT" \
	"broker.0.op=\"open\"" "broker.0.target=\"$T/data/in.csv\"" "broker.0.fd=3" \
	"broker.2.target=\"$T/data/../beside.csv\"" "broker.2.error=\"ENOENT\"" 'broker_unlisted_actions=0'
if grep -q " open $T/data/in.csv flags 0x[0-9a-f]* -> fd 3\$" "$T/broker.log" &&
	grep -q " open $T/data/link flags 0x[0-9a-f]* -> ENOENT\$" "$T/broker.log" &&
	! grep -q " open $T/beside.csv " "$T/broker.log"; then
	t_ok "--broker-log: a line per brokered open, none for paths under no grant"
else
	t_fail "--broker-log: a line per brokered open, none for paths under no grant" "$(cat "$T/broker.log")"
fi

# Control: without the grant the same path is a missing file.
cj -r "$ROOT" -u jailuser -- /usr/bin/python3 -c "$READ_PY" "$T/data/in.csv"
expect "control: without --grant-read the file is not there" 0 "refused $T/data/in.csv No such file or directory"

# Read grants refuse writing; write grants create and append.
WRITE_PY='import os, sys
d = sys.argv[1]
def attempt(what, fn):
    try:
        fn()
        print(what, "ok")
    except OSError as e:
        print(what, e.strerror)
attempt("write-read-grant", lambda: open(sys.argv[2], "a").write("x"))
attempt("create", lambda: open(d + "/new.txt", "w").write("made in the jail\n"))
attempt("append", lambda: open(d + "/existing", "a").write("more\n"))
attempt("excl", lambda: os.open(d + "/new.txt", os.O_CREAT | os.O_EXCL | os.O_WRONLY))
attempt("directory", lambda: os.listdir(d))'
cj --grant-write "$T/w" --grant-read "$T/data/in.csv" -r "$ROOT" -u jailuser -- \
	/usr/bin/python3 -c "$WRITE_PY" "$T/w" "$T/data/in.csv"
expect "write grant: python runs" 0
for line in "write-read-grant Permission denied" "create ok" "append ok" "excl File exists" \
	"directory No such file or directory"; do
	t_check "write grant: $line" "$(show)" grep -qx "$line" <<<"$OUT"
done
t_eq "the created file has the program's text" "made in the jail" "$(cat "$T/w/new.txt" 2>&1)"
t_eq "the appended file kept its start" "keep more" "$(tr '\n' ' ' <"$T/w/existing" | sed 's/ $//')"
t_eq "the created file belongs to whoever ran capejail" "0" "$(stat -c %u "$T/w/new.txt" 2>&1)"
t_eq "the read-granted file is unchanged" "granted data" "$(cat "$T/data/in.csv")"

# A flood of brokered opens: SIGTERM to capejail still ends the jail at
# once, and the status object is still written.
FLOOD_PY='import sys, threading, time
def flood():
    while True:
        try:
            open(sys.argv[1]).close()
        except OSError:
            pass
for _ in range(4):
    threading.Thread(target=flood, daemon=True).start()
time.sleep(20)'
"$CAPEJAIL" -q --status-fd 3 --grant-read "$T/data" -r "$ROOT" -u jailuser -- \
	/usr/bin/python3 -c "$FLOOD_PY" "$T/data/in.csv" 3>"$T/status.json" >"$T/flood.out" 2>&1 </dev/null &
FLOOD=$!
sleep 1.5
t0=$(now_ms)
kill -TERM "$FLOOD"
for _ in $(seq 100); do alive "$FLOOD" || break; sleep 0.05; done
if alive "$FLOOD"; then
	kill_job "$FLOOD"
	t_fail "flood of brokered opens: SIGTERM ends the jail within 5 s" "capejail still runs"
else
	wait "$FLOOD"
	rc=$?
	t_eq "flood of brokered opens: SIGTERM ends the jail ($(($(now_ms) - t0)) ms), 143" 143 "$rc"
	e2e_status "flood of brokered opens: the status object still says how it ended" \
		'ending="signaled"' 'broker.0.op="open"' 'broker.31.op="open"'
fi

# Usage: what a grant can be.
cj --grant-read data -- /bin/true
expect "a relative grant: usage error (64)" 64 '' 'absolute path'
cj --grant-read / -- /bin/true
expect "granting / : usage error (64)" 64 '' 'whole host file system'
cj --grant-read "$T/data/" -- /bin/true
expect "a non-canonical grant: usage error (64)" 64 '' 'canonical'
cj --grant-read "$T/missing" -r "$ROOT" -- /bin/true
expect "a missing grant: 72, named" 72 '' "grant-read $T/missing"
cj --grant-read "$T/data" -I -- /bin/true
expect "--grant-read with -I: usage error" 64
cj --grant-read "$T/data" --filter-only -- /bin/true
expect "--grant-read with --filter-only: usage error" 64
cj --broker-log "$T/x.log" -- /bin/true
expect "--broker-log alone: usage error" 64 '' 'broker-log'

# Rootless: the caller grants its own file, read-only.
read -r rl_uid rl_gid < <("$E2E_REPO/ci/rootless-user.sh")
RL=$T/rl
mkdir -p "$RL"
echo "the caller's own" >"$RL/own.txt"
chown -R "$rl_uid:$rl_gid" "$RL"
chmod 700 "$RL"
chmod 600 "$RL/own.txt"
REOPEN_PY='import os, sys
fd = os.open(sys.argv[1], os.O_RDONLY)
print("read", os.read(fd, 100).decode().strip())
try:
    w = os.open("/proc/self/fd/%d" % fd, os.O_WRONLY | os.O_APPEND)
    os.write(w, b"written through the reopened descriptor\n")
    print("reopened for writing")
except OSError as e:
    print("reopen refused", e.strerror)'
AS=(setpriv --reuid="$rl_uid" --regid="$rl_gid" --clear-groups --)
"${AS[@]}" python3 -c "$REOPEN_PY" "$RL/own.txt" >"$T/control.out" 2>&1
echo "the caller's own" >"$RL/own.txt"
if grep -qx "reopened for writing" "$T/control.out"; then
	t_ok "control: the caller may reopen its own file for writing outside the jail"
	CJ_AS=("${AS[@]}")
	cj --grant-read "$RL/own.txt" -r "$ROOT" -- /usr/bin/python3 -c "$REOPEN_PY" "$RL/own.txt"
	CJ_AS=()
	expect "rootless read grant: the file is read, its descriptor cannot be reopened for writing" 0 \
		"reopen refused Permission denied"
	t_eq "... and the file is unchanged" "the caller's own" "$(cat "$RL/own.txt")"
	KO=$E2E_REPO/build-knockout/capejail
	if [ -x "$KO" ]; then
		CJ_AS=("${AS[@]}" env CJ_KNOCKOUT_LAYER=grant_landlock)
		CAPEJAIL_SAVED=$CAPEJAIL
		CAPEJAIL=$KO
		cj --grant-read "$RL/own.txt" -r "$ROOT" -- /usr/bin/python3 -c "$REOPEN_PY" "$RL/own.txt"
		CAPEJAIL=$CAPEJAIL_SAVED
		CJ_AS=()
		expect "knock-out grant_landlock: the reopen goes through (Landlock is what stops it)" 0 \
			"reopened for writing"
	else
		t_skip "knock-out grant_landlock" "build-knockout/capejail is not built (make knockout)"
	fi
else
	t_fail "control: the caller may reopen its own file for writing outside the jail" "$(cat "$T/control.out")"
fi

t_done
