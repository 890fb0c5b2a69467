#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# libcapejail-preload.so end to end, on the seed's examples (a program that
# prints uname, bash exec'ing a program): a deny-list kills and names the
# call; the late allow-list is measured against the program's whole syscall
# set (what a filter loaded before exec must allow) and proven tightest; a
# configuration error stops the program before main; a SIGSYS handler of the
# program's own is refused; the filter survives fork, exec and a cleaned
# environment; and the documented limits: a static program and a setuid
# program run unprotected. Needs gcc (the test programs), strace (the
# measurement); no root beyond the setuid check.
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:$PATH
LIB=${CAPEJAIL_PRELOAD:-$E2E_REPO/build/libcapejail-preload.so}
readonly E2E_TIMEOUT=${E2E_TIMEOUT:-30}
T=$(mktemp -d)
chmod 755 "$T"
t_cleanup rm -rf --one-file-system "$T"

# pre VAR=VALUE... -- PROG ARGS: run PROG with the library and VARs (and
# nothing else of the caller's seccomp variables); sets RC OUT ERR CMD.
pre() {
	local vars=()
	while [ "$1" != -- ]; do vars+=("$1"); shift; done
	shift
	printf -v CMD '%q ' "${vars[@]}" "$@"
	MS=''
	# (bash's "Bad system call" notice is the shell's, not the program's)
	{ timeout -k 5 "$E2E_TIMEOUT" env -u SECCOMP_SYSCALL_ALLOW -u SECCOMP_SYSCALL_DENY \
		-u CAPEJAIL_POLICY -u CAPEJAIL_PROFILE -u CAPEJAIL_VERBOSE \
		LD_PRELOAD="$LIB" "${vars[@]}" "$@" >"$T/out" 2>"$T/err" </dev/null; } 2>/dev/null
	RC=$?
	OUT=$(cat "$T/out")
	ERR=$(cat "$T/err")
}
has() { grep -qE -- "$2" <<<"$1"; }

if [ ! -e "$LIB" ]; then
	t_fail "the library is built" "$LIB is missing: run make"
	t_done
fi
cp "$E2E_REPO/tests/fixtures/programs/myos.c" "$T/myos.c"
cat >"$T/ownsig.c" <<'C'
#include <signal.h>
#include <stdio.h>
#include <sys/utsname.h>
static void quiet(int sig) { (void)sig; }
int main(void)
{
	struct utsname n;

	printf("own handler: %s\n", signal(SIGSYS, quiet) == SIG_ERR ? "refused" : "installed");
	fflush(stdout);
	uname(&n);
	puts("survived");
	return 0;
}
C
if ! gcc -O2 -o "$T/myos" "$T/myos.c" || ! gcc -O2 -o "$T/ownsig" "$T/ownsig.c"; then
	t_fail "the test programs build" "gcc failed"
	t_done
fi

# ---------------------------------------------------------- the seed's cases
pre -- "$T/myos"
if [ "$RC" -eq 64 ] && has "$ERR" 'nothing to enforce' && [ -z "$OUT" ]; then
	t_ok "loaded with no policy: exit 64 before main, the program never ran"
else
	t_fail "loaded with no policy: exit 64 before main" "$(show)"
fi

pre SECCOMP_SYSCALL_DENY=uname CAPEJAIL_VERBOSE=1 -- "$T/myos"
if [ "$RC" -eq 159 ] && [ -z "$OUT" ] &&
	has "$ERR" '^libcapejail-preload: adding uname to the process seccomp filter$' &&
	has "$ERR" '^libcapejail-preload: myos: killed: blocked syscall uname: listed in SECCOMP_SYSCALL_DENY$'; then
	t_ok "SECCOMP_SYSCALL_DENY=uname: killed by SIGSYS (159), the call named"
else
	t_fail "SECCOMP_SYSCALL_DENY=uname kills and names uname" "$(show)"
fi
pre -- "$T/myos" # control: unset, the same program works
pre SECCOMP_SYSCALL_DENY=getrandom -- "$T/myos"
t_eq "control: a deny-list without uname lets it run" "My OS is Linux!" "$OUT"

pre SECCOMP_SYSCALL_DENY=execve -- bash -c 'echo I will try to execve something...; exec /bin/echo Doing arbitrary code execution!!!'
if [ "$RC" -eq 159 ] && [ "$OUT" = 'I will try to execve something...' ] &&
	has "$ERR" 'bash: killed: blocked syscall execve: listed in SECCOMP_SYSCALL_DENY'; then
	t_ok "SECCOMP_SYSCALL_DENY=execve: bash runs, its exec is killed and named"
else
	t_fail "SECCOMP_SYSCALL_DENY=execve in bash" "$(show)"
fi

pre CAPEJAIL_POLICY=default -- python3 -c 'import os; print(os.getpid() > 0)'
t_eq "CAPEJAIL_POLICY=default: python3 runs" "True" "$OUT"
pre CAPEJAIL_POLICY=default -- "$T/myos"
t_eq "CAPEJAIL_POLICY=default: the program runs" "My OS is Linux!" "$OUT"
pre CAPEJAIL_POLICY=default -- python3 -c 'import os; os.chroot("/")'
if [ "$RC" -eq 159 ] && has "$ERR" 'killed: blocked syscall chroot: .*capejail-syscalls explain chroot'; then
	t_ok "CAPEJAIL_POLICY=default: chroot killed with the table's rationale"
else
	t_fail "CAPEJAIL_POLICY=default kills chroot" "$(show)"
fi

# ------------------------------------ the late allow-list, measured and tight
# Every syscall the program makes from execve on (what a filter loaded
# before exec, as capejail --filter-only does, must allow), and those after
# the library's filter is loaded (what the late allow-list needs).
# (stdout a file, as in the runs below: glibc asks a character device
# whether it is a terminal, a file it does not)
strace -f -qq -o "$T/trace" env LD_PRELOAD="$LIB" CAPEJAIL_POLICY=default "$T/myos" >"$T/trace.out" 2>&1
strace -f -qq -o "$T/trace.plain" "$T/myos" >"$T/trace.out" 2>&1
awk '/^[0-9]+ +[a-z_0-9]+\(/ { sub(/^[0-9]+ +/, ""); sub(/\(.*/, ""); print }' \
	"$T/trace.plain" | sort -u >"$T/all"
awk '/seccomp\(SECCOMP_SET_MODE_FILTER, [^,]*, \{/ { on = 1; next } on && /^[0-9]+ +[a-z_0-9]+\(/ { sub(/^[0-9]+ +/, ""); sub(/\(.*/, ""); print }' \
	"$T/trace" | sort -u >"$T/late"
mapfile -t late <"$T/late"
mapfile -t before <"$T/all"
list=$(IFS=:; echo "${late[*]}")
echo "# late allow-list (after the library loads): ${#late[@]} syscalls: $list"
echo "# the program's own calls from execve on (a filter before exec): ${#before[@]} syscalls"
if [ ${#late[@]} -gt 0 ] && [ ${#late[@]} -lt ${#before[@]} ]; then
	t_ok "the late allow-list (${#late[@]}) is shorter than the before-exec set (${#before[@]})"
else
	t_fail "the late allow-list is shorter" "late: ${late[*]}; before exec: ${before[*]}"
fi
pre SECCOMP_SYSCALL_ALLOW="$list" -- "$T/myos"
t_eq "SECCOMP_SYSCALL_ALLOW=$list: the program works" "My OS is Linux!" "$OUT"
tight=1
for drop in "${late[@]}"; do
	rest=$(printf '%s\n' "${late[@]}" | grep -vx "$drop" | paste -sd:)
	[ -n "$rest" ] || continue
	pre SECCOMP_SYSCALL_ALLOW="$rest" -- "$T/myos"
	if [ "$RC" -ne 159 ]; then
		tight=0
		t_fail "without $drop the program is killed" "$(show)"
	fi
done
[ $tight -eq 1 ] && t_ok "the allow-list is the tightest: without any one of its ${#late[@]} the program is killed"

# discover --emit env-late proposes the same list, and it works
CJS=${CAPEJAIL_SYSCALLS:-$E2E_REPO/build/capejail-syscalls}
line=$("$CJS" discover --emit env-late -- "$T/myos" 2>"$T/err")
t_eq "discover --emit env-late proposes the measured list" "SECCOMP_SYSCALL_ALLOW=$list" "$line"
line=$("$CJS" discover --emit env-late -- bash -c 'ls / >/dev/null; echo hi' 2>"$T/err")
pre "$line" -- bash -c 'ls / >/dev/null; echo hi'
if [ "$RC" -eq 0 ] && [ "$OUT" = hi ]; then
	t_ok "discover --emit env-late's list for bash and its child ls is enough"
else
	t_fail "discover --emit env-late's list for bash works" "$line; $(show)"
fi
if gcc -static -O2 -o "$T/myos-static" "$T/myos.c" 2>/dev/null; then
	"$CJS" discover --emit env-late -- "$T/myos-static" >"$T/out" 2>"$T/err"
	rc=$?
	if [ $rc -eq 69 ] && grep -q 'statically linked or setuid' "$T/err" && [ ! -s "$T/out" ]; then
		t_ok "discover --emit env-late says a static program cannot take the library (69)"
	else
		t_fail "discover --emit env-late on a static program" "status $rc: $(cat "$T/err")"
	fi
fi

# --------------------------------------------------------------- bad values
for bad in 'read::write|an element of the list is empty' 'exit_grop|unknown syscall .exit_grop.' \
	'|the list is empty'; do
	pre SECCOMP_SYSCALL_ALLOW="${bad%%|*}" -- "$T/myos"
	if [ "$RC" -eq 64 ] && [ -z "$OUT" ] && has "$ERR" "${bad#*|}" &&
		has "$ERR" 'never runs unprotected'; then
		t_ok "SECCOMP_SYSCALL_ALLOW='${bad%%|*}': exit 64 before main"
	else
		t_fail "SECCOMP_SYSCALL_ALLOW='${bad%%|*}' is refused" "$(show)"
	fi
done
pre SECCOMP_SYSCALL_ALLOW=read SECCOMP_SYSCALL_DENY=uname -- "$T/myos"
t_check "ALLOW with DENY is refused (64)" "$(show)" test "$RC" -eq 64
pre CAPEJAIL_POLICY=strict -- "$T/myos"
t_check "CAPEJAIL_POLICY=strict is refused (64)" "$(show)" test "$RC" -eq 64
pre CAPEJAIL_PROFILE="$T/missing.profile" -- "$T/myos"
if [ "$RC" -eq 65 ] && has "$ERR" 'missing.profile' && [ -z "$OUT" ]; then
	t_ok "a missing CAPEJAIL_PROFILE: exit 65 before main"
else
	t_fail "a missing CAPEJAIL_PROFILE is refused" "$(show)"
fi
printf 'deny uname\n' >"$T/p.profile"
pre CAPEJAIL_PROFILE="$T/p.profile" -- "$T/myos"
if [ "$RC" -eq 159 ] && has "$ERR" 'blocked syscall uname: blocked by CAPEJAIL_PROFILE'; then
	t_ok "CAPEJAIL_PROFILE with 'deny uname' kills uname"
else
	t_fail "CAPEJAIL_PROFILE applies" "$(show)"
fi

# ------------------------------------------------- the handler and the filter
pre SECCOMP_SYSCALL_DENY=uname -- "$T/ownsig"
if [ "$RC" -eq 159 ] && [ "$OUT" = "own handler: refused" ] && has "$ERR" 'blocked syscall uname'; then
	t_ok "a SIGSYS handler of the program's own is refused; the kill still happens"
else
	t_fail "a SIGSYS handler of the program's own" "$(show)"
fi
# control: without the library the same program installs it and survives
"$T/ownsig" >"$T/out" 2>&1
t_eq "control: unprotected, the handler installs" "own handler: installed" "$(head -n1 "$T/out")"

pre SECCOMP_SYSCALL_DENY=uname -- env -u LD_PRELOAD -u SECCOMP_SYSCALL_DENY "$T/myos"
if [ "$RC" -eq 159 ] && [ -z "$OUT" ]; then
	t_ok "the filter is inherited across fork and exec, even with the variables removed"
else
	t_fail "the filter is inherited" "$(show)"
fi

# ------------------------------------------------------ the documented limits
if gcc -static -O2 -o "$T/myos-static" "$T/myos.c" 2>/dev/null; then
	pre SECCOMP_SYSCALL_DENY=uname -- "$T/myos-static"
	t_eq "a static program ignores LD_PRELOAD: it runs unprotected (documented)" "My OS is Linux!" "$OUT"
else
	t_skip "a static program ignores LD_PRELOAD" "gcc -static failed (no static libc here)"
fi
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null; then
	cp "$T/myos" "$T/myos-suid" && chmod 4755 "$T/myos-suid"
	# the library is given to the setuid program only (given to setpriv,
	# its filter and no_new_privs would be inherited by the program)
	OUT=$(setpriv --reuid=65534 --regid=65534 --clear-groups \
		env LD_PRELOAD="$LIB" SECCOMP_SYSCALL_DENY=uname "$T/myos-suid" 2>&1)
	t_eq "a setuid program ignores a LD_PRELOAD path (documented)" "My OS is Linux!" "$OUT"
else
	t_skip "a setuid program ignores LD_PRELOAD" "needs root and setpriv"
fi
t_done
