# shellcheck shell=bash disable=SC2034,SC2016
# SPDX-License-Identifier: MIT
#
# tests/e2e/lib.sh — tiny TAP-ish helpers for the end-to-end tests.
#
#   . "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
#   t_ok NAME                  a passed check
#   t_fail NAME DETAIL         a failed check (DETAIL may span lines)
#   t_skip NAME REASON         a skipped check (a failure when CI=true: see e2e_need_root)
#   t_eq NAME EXPECTED ACTUAL  ok when equal, else a failure showing both
#   t_check NAME DETAIL CMD... ok when CMD succeeds, else a failure with DETAIL
#   t_cleanup COMMAND...       run COMMAND when the file exits (last registered first)
#   t_done                     print "N passed, N failed[, N skipped]" and exit (1 if any failed)
#   e2e_need_root NAME         0 when root; otherwise skip NAME (fail it when CI=true), 1
#   e2e_rootfs                 set E2E_ROOTFS to the shared test root (built once)
#   cj ARGS / jail ARGS        run capejail (jail: as jailuser in ROOT); sets RC OUT ERR CMD MS CJPID
#   show                       the last command, for a failure's detail
#   expect NAME STATUS [OUT-RE [ERR-RE]]  check the last command
#
# Variables: E2E_REPO (the repository), CAPEJAIL (the launcher, absolute;
# default build/capejail), E2E_MKROOT (tools/capejail-mkroot).
# A file that exits without t_done (a crash, set -u) still prints its summary,
# with one extra failure.

set -u

E2E_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
E2E_REPO=$(cd "$E2E_DIR/../.." && pwd)
E2E_MKROOT=$E2E_REPO/tools/capejail-mkroot
E2E_ROOT_CACHE=$E2E_REPO/build/e2e-root
CAPEJAIL=${CAPEJAIL:-$E2E_REPO/build/capejail}
case $CAPEJAIL in /*) ;; *) CAPEJAIL=$PWD/$CAPEJAIL ;; esac
export CAPEJAIL

_t_pass=0
_t_fail=0
_t_skip=0
_t_done=0
_t_cleanups=()

_t_detail() { # indent every line of $1 as a TAP comment
	local line
	while IFS= read -r line; do printf '#   %s\n' "$line"; done <<<"$1"
}

t_ok() {
	_t_pass=$((_t_pass + 1))
	printf 'ok - %s\n' "$1"
}

t_fail() {
	local detail=${2-}
	_t_fail=$((_t_fail + 1))
	if [ -z "$detail" ]; then
		printf 'not ok - %s\n' "$1"
	elif [ "${detail//$'\n'/}" = "$detail" ]; then
		printf 'not ok - %s: %s\n' "$1" "$detail"
	else
		printf 'not ok - %s\n' "$1"
		_t_detail "$detail"
	fi
}

t_skip() {
	_t_skip=$((_t_skip + 1))
	printf 'ok - %s # SKIP %s\n' "$1" "${2-}"
}

t_eq() {
	if [ "$2" = "$3" ]; then
		t_ok "$1"
	else
		t_fail "$1" "$(printf 'expected: %s\nactual:   %s' "$2" "$3")"
	fi
}

t_check() {
	local name=$1 detail=$2
	shift 2
	if "$@"; then t_ok "$name"; else t_fail "$name" "$detail"; fi
}

t_cleanup() {
	local cmd
	printf -v cmd '%q ' "$@"
	_t_cleanups=("$cmd" "${_t_cleanups[@]}")
}

_t_summary() {
	local line="$_t_pass passed, $_t_fail failed"
	[ "$_t_skip" -gt 0 ] && line+=", $_t_skip skipped"
	printf '%s\n' "$line"
}

_t_exit() {
	local status=$? c
	trap - EXIT
	for c in "${_t_cleanups[@]}"; do eval "$c" || true; done
	if [ "$_t_done" != 1 ]; then
		t_fail "${0##*/} ran to the end" "the test file exited early with status $status"
	fi
	_t_summary
	[ "$_t_fail" -eq 0 ] && exit 0
	exit 1
}
trap _t_exit EXIT
# Interrupted: still clean up (the EXIT trap runs on exit).
trap 'exit 130' INT
trap 'exit 143' TERM

t_done() {
	_t_done=1
	exit 0 # _t_exit prints the summary and sets the status
}

e2e_need_root() {
	[ "$(id -u)" -eq 0 ] && return 0
	if [ "${CI-}" = true ]; then
		t_fail "$1" "needs root, and CI=true: nothing may be skipped in CI"
	else
		t_skip "$1" "needs root"
	fi
	return 1
}

# The kernel's Landlock ABI into LANDLOCK_ABI, from the helper that
# `make e2e-tests` builds (build/probes/landlock_abi). A missing or failing
# helper is a failure (t_fail, return 1), never read as "no Landlock".
e2e_landlock_abi() {
	local bin=$E2E_REPO/build/probes/landlock_abi
	if ! LANDLOCK_ABI=$("$bin") || ! [[ $LANDLOCK_ABI =~ ^[0-9]+$ ]]; then
		t_fail "the Landlock ABI helper" "$bin did not print a number; run make escape-probes"
		return 1
	fi
}

# The shared test root: built once with tools/capejail-mkroot into
# build/e2e-root and rebuilt when that script changes. Returns 1 (after a
# t_fail) when it cannot be built.
e2e_rootfs() {
	local stamp=$E2E_ROOT_CACHE.stamp want lock out
	E2E_ROOTFS=$E2E_ROOT_CACHE
	mkdir -p "$E2E_REPO/build" || {
		t_fail "test root" "cannot create $E2E_REPO/build"
		return 1
	}
	want=$(sha256sum <"$E2E_MKROOT" | cut -d' ' -f1)
	exec {lock}>"$E2E_ROOT_CACHE.lock"
	flock "$lock"
	if [ ! -f "$E2E_ROOT_CACHE/.capejail-root" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
		rm -rf --one-file-system -- "$E2E_ROOT_CACHE" "$stamp"
		if out=$("$E2E_MKROOT" "$E2E_ROOT_CACHE" 2>&1); then
			printf '%s\n' "$want" >"$stamp"
			_t_detail "$out"
		else
			exec {lock}>&-
			t_fail "test root" "$(printf 'capejail-mkroot %s failed:\n%s' "$E2E_ROOT_CACHE" "$out")"
			return 1
		fi
	fi
	exec {lock}>&-
	return 0
}

# A python script exercising threads, subprocess, json, tempfile and the
# imports a typical program needs; prints "NAME: ok" or "NAME: FAIL ..." per
# feature and exits 0 only when all passed.
e2e_py_script() {
	cat <<'EOF'
import sys
results = {}
def check(name, fn):
    try:
        fn()
        results[name] = "ok"
    except BaseException as e:  # report, never crash
        results[name] = "FAIL %s: %s" % (type(e).__name__, e)
    print("%s: %s" % (name, results[name]), flush=True)

def imports():
    import threading, subprocess, json, tempfile, asyncio, socket  # noqa: F401

def threads():
    import threading
    lock = threading.Lock()
    done = []
    def work(i):
        with lock:
            done.append(i * i)
    ts = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert sorted(done) == [0, 1, 4, 9], done

def subproc():
    import subprocess
    out = subprocess.run(["/bin/echo", "sub-ok"], capture_output=True, text=True, check=True).stdout
    assert out == "sub-ok\n", repr(out)

def jsonrt():
    import json
    data = {"a": [1, 2.5, None, True], "b": {"c": "\u00e9\u4e2d"}, "d": ""}
    assert json.loads(json.dumps(data)) == data

def tmpfile():
    import os, tempfile
    with tempfile.NamedTemporaryFile("w", dir="/tmp", delete=False) as f:
        f.write("tempfile-ok")
        name = f.name
    with open(name) as f:
        assert f.read() == "tempfile-ok"
    os.unlink(name)
    with tempfile.TemporaryDirectory() as d:
        assert d.startswith("/tmp/"), d

check("imports", imports)
check("threading", threads)
check("subprocess", subproc)
check("json", jsonrt)
check("tempfile", tmpfile)
sys.exit(0 if all(v == "ok" for v in results.values()) else 1)
EOF
}
readonly E2E_PY_CHECKS="imports threading subprocess json tempfile"

# The shell snippet run by bash inside a root: pipes, subshells, command
# substitution, coreutils. Prints one line: "bash-ok 3 sub 100 5050".
readonly E2E_BASH_SNIPPET='set -e
n=$(echo a b c | tr " " "\n" | wc -l)
s=$( (cd /tmp && echo sub) )
m=$(seq 1 100 | sort -rn | head -1)
sum=0; for i in $(seq 1 100); do sum=$((sum + i)); done
echo "bash-ok $n $s $m $sum"'
readonly E2E_BASH_EXPECT='bash-ok 3 sub 100 5050'

# The coreutils a root must provide, each run once: prints "coreutils-ok".
readonly E2E_COREUTILS_SNIPPET='set -e
d=/tmp/cu.$$
mkdir "$d"
cd "$d"
echo hello > a; cp a b; mv b c; touch e; chmod 600 e
[ "$(cat c)" = hello ]
[ "$(stat -c %a e)" = 600 ]
[ "$(ls | sort | tr "\n" " ")" = "a c e " ]
[ "$(printf "b\na\nb\n" | sort | uniq | wc -l)" = 2 ]
[ "$(echo a:b:c | cut -d: -f2)" = b ]
[ "$(basename /x/y.z .z)" = y ]
[ "$(dirname /x/y.z)" = /x ]
[ "$(readlink -f /bin)" = /usr/bin ] || [ -d /bin ]
[ "$(yes | head -3 | tr -d "\n")" = yyy ]
[ "$(echo abc | sed s/b/X/ | grep -c aXc)" = 1 ]
[ "$(seq 3 | tail -1)" = 3 ]
echo x | tee f >/dev/null; [ -s f ]
uname -s >/dev/null; date +%s >/dev/null; id -u >/dev/null; env >/dev/null
test -d /tmp; true; ! false
pwd >/dev/null; sleep 0
cd /; rm -r "$d"; [ ! -e "$d" ]
echo coreutils-ok'

# The directories capejail makes its jail cgroups in, one per line, as
# core/jail/cgroup.c computes them: cgroup v2 (with memory and pids)
# /sys/fs/cgroup/capejail; v1 under the caller's own memory and pids groups.
# The cgroup version capejail's core/jail/cgroup.c uses on this host, in
# CG_VERSION: 2 where the unified hierarchy offers the memory and pids
# controllers, 1 where the v1 memory and pids hierarchies exist, else 0;
# and the jail cgroups' parent directories in CG_PARENTS. Without cgroups,
# the calling file's cgroup checks do not run: one skip says so (counted).
CG_VERSION=0
CG_PARENTS=()
e2e_cg_detect() { # WHAT (the checks that need cgroups)
	CG_VERSION=0
	if [ "${E2E_ROOTLESS-}" = 1 ]; then
		# rootless capejail uses no cgroup: its limits are rlimits
		e2e_root_only "$1" "no cgroup without root (docs/rootless.md): the rlimit checks run instead"
		return 0
	elif grep -qw memory /sys/fs/cgroup/cgroup.controllers 2>/dev/null &&
		grep -qw pids /sys/fs/cgroup/cgroup.controllers; then
		CG_VERSION=2
	elif [ -e /sys/fs/cgroup/memory/memory.limit_in_bytes ] && [ -e /sys/fs/cgroup/pids/cgroup.procs ]; then
		CG_VERSION=1
	fi
	mapfile -t CG_PARENTS < <(e2e_cg_parents)
	[ "$CG_VERSION" -gt 0 ] ||
		t_skip "$1" "no cgroup v2 memory and pids controllers and no v1 memory and pids hierarchies on this host"
	return 0
}

e2e_cg_parents() {
	local c p
	if grep -qw memory /sys/fs/cgroup/cgroup.controllers 2>/dev/null &&
		grep -qw pids /sys/fs/cgroup/cgroup.controllers; then
		echo /sys/fs/cgroup/capejail
	elif [ -e /sys/fs/cgroup/memory/memory.limit_in_bytes ] &&
		[ -e /sys/fs/cgroup/pids/cgroup.procs ]; then
		for c in memory pids; do
			p=$(awk -F: -v c="$c" '$2 == c { print $3 }' /proc/self/cgroup)
			[ "$p" = / ] && p=''
			echo "/sys/fs/cgroup/$c$p/capejail"
		done
	fi
}

# The common start of a jailed test file: a scratch directory T (removed at
# exit), the capejail binary, root, and the shared root filesystem in ROOT.
# Ends the file (t_done) when one is missing.
e2e_setup() { # NAME WHAT-NEEDS-ROOT
	T=$(mktemp -d "/tmp/capejail-e2e-$1.XXXXXX") || {
		t_fail "scratch directory" "mktemp failed"
		t_done
	}
	t_cleanup rm -rf -- "$T"
	e2e_scratch_for_rootless "$T"
	if [ ! -x "$CAPEJAIL" ]; then
		t_fail "capejail binary" "$CAPEJAIL is missing: run 'make' at the repository root first"
		t_done
	fi
	e2e_need_root "$2" || t_done
	e2e_rootfs || t_done
	ROOT=$E2E_ROOTFS
}

# e2e_status NAME CHECK...: the status file $T/status.json holds one object
# valid against docs/status.schema.json, and each CHECK (PATH=JSON, see
# helpers/status_check.py) holds; else NAME fails with the object.
e2e_status() {
	local name=$1 out
	shift
	if out=$(python3 "$E2E_DIR/helpers/status_check.py" "$E2E_REPO/docs/status.schema.json" \
		"$T/status.json" "$@" 2>&1); then
		t_ok "$name"
	else
		t_fail "$name" "$(printf '%s\nobject: %s\n%s' "$out" "$(cat "$T/status.json" 2>/dev/null)" "$(show)")"
	fi
}

# Processes a test file started, ended by pid (never anyone else's).
kill_pid() { # PID: a process this file started (not our child: no reaping)
	[ -n "${1-}" ] && kill -KILL "$1" 2>/dev/null
	return 0
}
kill_job() { # PID...: jobs this file started, killed and reaped
	local p
	for p in "$@"; do
		[ -n "$p" ] || continue
		kill -KILL "$p" 2>/dev/null
		wait "$p" 2>/dev/null
	done
	return 0
}
alive() { # PID: running (a zombie has ended)
	local line
	IFS= read -r line 2>/dev/null <"/proc/$1/stat" || return 1
	line=${line##*) }
	[ "${line%% *}" != Z ]
}

descendants() { # PID: host pids of its live descendants (zombies left out)
	local f line pid rest state ppid p
	local -A kids=()
	for f in /proc/[0-9]*/stat; do
		IFS= read -r line 2>/dev/null <"$f" || continue
		pid=${line%% *}
		rest=${line##*) }
		read -r state ppid _ <<<"$rest"
		[ "$state" = Z ] && continue
		kids[$ppid]+=" $pid"
	done
	local queue=("$1")
	while [ ${#queue[@]} -gt 0 ]; do
		p=${queue[0]}
		queue=("${queue[@]:1}")
		for pid in ${kids[$p]-}; do
			printf '%s\n' "$pid"
			queue+=("$pid")
		done
	done
}

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# Running capejail: cj ARGS... runs it under timeout with CJ_WRAP (a command
# put in front of it: env ..., unshare ...) and sets RC, OUT, ERR, CMD, MS
# (how long it took) and CJPID (its host pid, which names its cgroups).
RC=0 OUT='' ERR='' CMD='' MS=0 CJPID=''
CJ_WRAP=()
# The user capejail runs as: () for the caller (root in CI). With
# E2E_ROOTLESS=1 (run.sh --rootless) every cj runs as the rootless tests'
# account (ci/rootless-user.sh) through setpriv: capejail is then rootless,
# while the test file itself stays root to look at the host. A check that
# is about the root jail alone calls e2e_root_only first.
CJ_AS=()
E2E_RL_UID='' E2E_RL_GID=''
if [ "${E2E_ROOTLESS-}" = 1 ]; then
	read -r E2E_RL_UID E2E_RL_GID < <("$E2E_REPO/ci/rootless-user.sh") || {
		echo "not ok - rootless account: ci/rootless-user.sh failed"
		exit 1
	}
	CJ_AS=(setpriv --reuid="$E2E_RL_UID" --regid="$E2E_RL_GID" --clear-groups --inh-caps=-all --)
fi
# The file run.sh collects rootless skips in ("FILE<TAB>CHECK<TAB>WHY").
E2E_ROOTLESS_SKIPS=${E2E_ROOTLESS_SKIPS:-/dev/null}

# e2e_root_only NAME WHY: 0 in a root run; in a rootless run, skip NAME
# with WHY (counted, and listed in run.sh's table) and return 1.
e2e_root_only() {
	[ "${E2E_ROOTLESS-}" = 1 ] || return 0
	t_skip "$1" "rootless: $2"
	printf '%s\t%s\t%s\n' "${0##*/}" "$1" "$2" >>"$E2E_ROOTLESS_SKIPS"
	return 1
}

# A scratch directory the rootless account may use too (mode 0711, so
# binds from it resolve; files inside keep their own modes).
e2e_scratch_for_rootless() { # DIR
	[ "${E2E_ROOTLESS-}" = 1 ] && chown "$E2E_RL_UID:$E2E_RL_GID" "$1"
	return 0
}
cj() {
	local t0
	printf -v CMD '%q ' "${CJ_AS[@]}" "${CJ_WRAP[@]}" capejail "$@"
	rm -f -- "$T/cj.pid"
	t0=$(now_ms)
	# shellcheck disable=SC2016 # expanded by the inner shell
	# the pid is written as root, then the wrapper execs into capejail
	timeout -k 5 "$E2E_TIMEOUT" /bin/sh -c 'echo $$ >"$1"; shift; exec "$@"' \
		sh "$T/cj.pid" "${CJ_AS[@]}" "${CJ_WRAP[@]}" "$CAPEJAIL" "$@" >"$T/out" 2>"$T/err" </dev/null
	RC=$?
	MS=$(($(now_ms) - t0))
	CJPID=$(cat "$T/cj.pid" 2>/dev/null)
	OUT=$(cat "$T/out")
	ERR=$(cat "$T/err")
}
jail() { cj -r "$ROOT" -u jailuser "$@"; } # ARGS...: as jailuser in ROOT

# The last command, for a failure's detail: CMD, its status (124 is a
# timeout: timeout(1) or --time-limit), how long it took (when the runner
# measured it), stdout and stderr.
show() {
	local note='' took=''
	[ "$RC" -eq 124 ] && note=" (timed out: timeout(1) or --time-limit)"
	[ -n "${MS-}" ] && [ "$MS" != 0 ] && took=" after $MS ms"
	printf '$ %s\nexit status: %s%s%s\nstdout: %s\nstderr: %s' "${CMD-}" "$RC" "$note" "$took" \
		"${OUT:-(empty)}" "${ERR:-(empty)}"
}

# expect NAME STATUS [STDOUT-REGEX [STDERR-REGEX]]: a check of the last
# command's exit status and output.
expect() {
	local name=$1 status=$2 out=${3-} err=${4-}
	if [ "$RC" -ne "$status" ]; then
		t_fail "$name" "$(printf 'expected exit status %s\n%s' "$status" "$(show)")"
	elif [ -n "$out" ] && ! grep -qE -- "$out" <<<"$OUT"; then
		t_fail "$name" "$(printf 'expected stdout matching: %s\n%s' "$out" "$(show)")"
	elif [ -n "$err" ] && ! grep -qE -- "$err" <<<"$ERR"; then
		t_fail "$name" "$(printf 'expected stderr matching: %s\n%s' "$err" "$(show)")"
	else
		t_ok "$name"
	fi
}
expect_rc() { expect "$1" "$2"; } # NAME STATUS
