#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# capejail --filter-only end to end, as an ordinary user (setpriv to
# nobody): no root needed; the default policy kills and names; a static
# program is covered; the caller's directory and environment are kept;
# nothing of the program outlives capejail (background children, a
# grandchild's blocked call); options that configure a jail are refused;
# and the seed's measurement: a filter loaded before exec must allow the
# program's whole start-up, the preload library's late one only main's.
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
readonly E2E_TIMEOUT=${E2E_TIMEOUT:-30}
LIB=${CAPEJAIL_PRELOAD:-$E2E_REPO/build/libcapejail-preload.so}
T=$(mktemp -d)
chmod 755 "$T"
t_cleanup rm -rf --one-file-system "$T"
has() { grep -qE -- "$2" <<<"$1"; }

# fo ARGS...: capejail --filter-only ARGS as nobody, from $T; sets RC OUT ERR.
fo() {
	printf -v CMD '%q ' capejail --filter-only "$@"
	MS=''
	(cd "$T" && exec timeout -k 5 "$E2E_TIMEOUT" setpriv --reuid=65534 --regid=65534 \
		--clear-groups "$CAPEJAIL" --filter-only "$@") >"$T/out" 2>"$T/err" </dev/null
	RC=$?
	OUT=$(cat "$T/out")
	ERR=$(cat "$T/err")
}

if [ ! -x "$CAPEJAIL" ]; then
	t_fail "capejail is built" "$CAPEJAIL is missing: run make"
	t_done
fi
e2e_need_root "--filter-only as an ordinary user (setpriv needs root to switch)" || t_done
cp "$E2E_REPO/tests/fixtures/programs/myos.c" "$T/myos.c"
if ! gcc -O2 -o "$T/myos" "$T/myos.c"; then
	t_fail "the test program builds" "gcc failed"
	t_done
fi

fo -- "$T/myos"
t_eq "as nobody, the program runs" "My OS is Linux!" "$OUT"
fo -- id -u
t_eq "it keeps the caller's uid" "65534" "$OUT"
fo -- python3 -c 'import os; os.chroot("/")'
if [ "$RC" -eq 159 ] && has "$ERR" "^capejail: 'python3' \(pid [0-9]+\) killed: blocked syscall chroot"; then
	t_ok "chroot is killed and named by the supervisor (159)"
else
	t_fail "chroot is killed and named" "$(show)"
fi
fo --deny uname -- "$T/myos"
if [ "$RC" -eq 159 ] && has "$ERR" 'blocked syscall uname' && [ -z "$OUT" ]; then
	t_ok "--deny uname kills the program"
else
	t_fail "--deny uname kills the program" "$(show)"
fi
if gcc -static -O2 -o "$T/myos-static" "$T/myos.c" 2>/dev/null; then
	fo --deny uname -- "$T/myos-static"
	if [ "$RC" -eq 159 ] && has "$ERR" 'blocked syscall uname'; then
		t_ok "a static program is covered (the preload library cannot be)"
	else
		t_fail "a static program is covered" "$(show)"
	fi
else
	t_skip "a static program is covered" "gcc -static failed (no static libc here)"
fi
fo -e CJ_E2E=added -- sh -c 'echo "$(pwd) $CJ_E2E $PATH"'
t_eq "the caller's directory and environment, -e added" "$T added $PATH" "$OUT"
fo --time-limit 1s -- sleep 20
if [ "$RC" -eq 124 ] && has "$ERR" 'time limit'; then
	t_ok "--time-limit ends it (124)"
else
	t_fail "--time-limit ends it" "$(show)"
fi

# nothing outlives capejail: a background child, a grandchild's blocked
# call. Each sleeper has a duration of its own, its name in pgrep; the
# control shows the sleeper does outlive a plain shell.
bg=$((3000 + RANDOM)).$$
sh -c "sleep $bg & echo started" >/dev/null
sleep 0.3
if pgrep -f "^sleep $bg\$" >/dev/null; then
	t_ok "control: unjailed, the background child outlives its shell"
	pkill -KILL -f "^sleep $bg\$"
else
	t_fail "control: unjailed, the background child outlives its shell" "no 'sleep $bg' found"
fi
bg=$((3000 + RANDOM)).$$
fo -- sh -c "sleep $bg & echo started"
sleep 0.3
if [ "$OUT" = started ] && ! pgrep -f "^sleep $bg\$" >/dev/null; then
	t_ok "a background child is gone when capejail returns"
else
	t_fail "a background child is gone" "$(show; pgrep -af "sleep $bg" || true)"
	pkill -KILL -f "^sleep $bg\$"
fi
bg=$((3000 + RANDOM)).$$
fo -- sh -c "sleep $bg & (sleep 0.2; exec python3 -c 'import os; os.chroot(\"/\")'); wait"
sleep 0.3
if [ "$RC" -eq 159 ] && has "$ERR" 'blocked syscall chroot' && ! pgrep -f "^sleep $bg\$" >/dev/null; then
	t_ok "a grandchild's blocked call ends the whole tree"
else
	t_fail "a grandchild's blocked call ends the whole tree" "$(show; pgrep -af "sleep $bg" || true)"
	pkill -KILL -f "^sleep $bg\$"
fi

for opt in '-r /' '-u nobody' '-n' '--memory 1G' '--pids 10' '--tmp-size 1M' '--hostname x' '-I'; do
	# shellcheck disable=SC2086
	fo $opt -- true
	if [ "$RC" -eq 64 ] && has "$ERR" "--filter-only builds no jail: ${opt%% *}"; then
		t_ok "--filter-only $opt is refused (64)"
	else
		t_fail "--filter-only $opt is refused" "$(show)"
	fi
done

# ---------------- before exec vs after start-up: the seed's measurement
if command -v strace >/dev/null && [ -e "$LIB" ]; then
	strace -f -qq -o "$T/plain" "$T/myos" >"$T/o" 2>&1
	strace -f -qq -o "$T/late" env LD_PRELOAD="$LIB" CAPEJAIL_POLICY=default "$T/myos" >"$T/o" 2>&1
	names() { awk '/^[0-9]+ +[a-z_0-9]+\(/ { sub(/^[0-9]+ +/, ""); sub(/\(.*/, ""); print }' | sort -u | paste -sd,; }
	whole=$(names <"$T/plain")
	late=$(awk '/seccomp\(SECCOMP_SET_MODE_FILTER, [^,]*, \{/ { on = 1; next } on' "$T/late" | names)
	# capejail's own calls between loading the filter and the exec
	own=sendmsg,close,close_range,execve
	printf 'base empty\nallow %s,%s\n' "$whole" "$own" >"$T/before.policy"
	printf 'base empty\nallow %s,%s\n' "$late" "$own" >"$T/late.policy"
	nb=$(tr , '\n' <<<"$whole,$own" | sort -u | wc -l)
	nl=$(tr , '\n' <<<"$late" | sort -u | wc -l)
	echo "# before exec: $nb syscalls ($whole + capejail's $own); late (preload): $nl ($late)"
	fo --profile "$T/before.policy" -- "$T/myos"
	t_eq "--filter-only with the program's whole set ($nb syscalls) works" "My OS is Linux!" "$OUT"
	fo --profile "$T/late.policy" -- "$T/myos"
	if [ "$RC" -eq 159 ] && has "$ERR" 'blocked syscall'; then
		t_ok "--filter-only with the preload's late list ($nl syscalls) kills it: start-up needs the rest"
	else
		t_fail "--filter-only with the late list kills start-up" "$(show)"
	fi
	OUT=$(env LD_PRELOAD="$LIB" SECCOMP_SYSCALL_ALLOW="${late//,/:}" "$T/myos" 2>&1)
	t_eq "the preload library needs only the late $nl" "My OS is Linux!" "$OUT"
else
	t_skip "the before-exec and late allow-lists compared" "needs strace and the preload library"
fi
t_done
