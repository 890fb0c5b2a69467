#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# Rootless capejail, end to end (docs/rootless.md): run by an unprivileged
# account (ci/rootless-user.sh creates it) through setpriv, it builds the
# jail in a user namespace of its own; what it can do there, what differs
# from the root jail, and its own exit status (77) naming the setting when
# the kernel refuses it a user namespace. The launcher, limits and
# real-program files run rootless too (tests/e2e/run.sh --rootless).
#
# Safety: every capejail runs under timeout(1); only processes this file
# started are signalled; nothing is written outside a mktemp directory and
# the jails' own tmpfs; user.max_user_namespaces is set to 0 only inside a
# user namespace of the test's own (never the host's sysctl).
# Needs root (to create the account and look at the host).
#
# shellcheck disable=SC2317
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

readonly SYS_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export PATH=$SYS_PATH:$PATH
readonly E2E_TIMEOUT=${E2E_TIMEOUT:-60}

not_grep() { ! grep -q "$1" <<<"$OUT"; } # WORD: not in the last stdout

T=
ROOT=
e2e_setup rootless "rootless capejail"
read -r RL_UID RL_GID < <("$E2E_REPO/ci/rootless-user.sh") || {
	t_fail "rootless account" "ci/rootless-user.sh failed"
	t_done
}
chown "$RL_UID:$RL_GID" "$T"
AS=(setpriv --reuid="$RL_UID" --regid="$RL_GID" --clear-groups --inh-caps=-all --)
CJ_AS=("${AS[@]}")

# ------------------------------------------------------- positive control
if ! why=$("${AS[@]}" unshare --user true 2>&1); then
	t_skip "rootless capejail" "uid $RL_UID cannot make a user namespace on this host: $why"
	t_done
fi
t_ok "control: uid $RL_UID makes a user namespace (unshare --user, no capejail)"

# ----------------------------------------------------------- the jail
jail -v -- /bin/sh -c 'id -u; id -g; cat /proc/self/uid_map /proc/self/gid_map; stat -c %u /etc/passwd
	touch /etc/x 2>/dev/null && echo ROOT-WRITABLE; echo hi >/tmp/t && cat /tmp/t; grep ^Cap /proc/self/status'
expect "rootless: the jail runs" 0 '^hi$' "^capejail: rootless: capejail runs as uid $RL_UID, in a user namespace of its own"
t_eq "rootless: the jail's user is jailuser (1000:1000)" "1000 1000" "$(sed -n '1,2p' <<<"$OUT" | tr '\n' ' ' | sed 's/ $//')"
t_eq "rootless: the jail's ids map to capejail's 0 (the caller), nothing else" \
	"1000 0 1 1000 0 1" "$(sed -n '3,4p' <<<"$OUT" | tr -s ' \n' ' ' | sed 's/^ //; s/ $//')"
t_eq "rootless: the root's files (host root's) are nobody's in the jail" 65534 "$(sed -n 5p <<<"$OUT")"
t_check "rootless: the root is read-only" "$(show)" not_grep ROOT-WRITABLE
t_eq "rootless: every capability set empty" \
	"CapInh: 0000000000000000 CapPrm: 0000000000000000 CapEff: 0000000000000000 CapBnd: 0000000000000000 CapAmb: 0000000000000000" \
	"$(grep ^Cap <<<"$OUT" | tr -s '\t\n' '  ' | sed 's/ $//')"
t_check "rootless: -v says the jail's user is the caller on the host" "$(show)" \
	grep -q "^capejail: user jailuser (uid 1000, gid 1000 in the jail) is you (uid $RL_UID, gid $RL_GID) on the host" <<<"$ERR"
t_check "rootless: -v names RLIMIT_DATA for memory" "$(show)" \
	grep -q '^capejail: limit: memory: [0-9]* bytes (rlimit RLIMIT_DATA' <<<"$ERR"

# What the jail writes through --bind is the caller's on the host.
mkdir "$T/results" && chown "$RL_UID:$RL_GID" "$T/results"
jail --bind "$T/results:/out" -- /bin/sh -c 'echo result >/out/r; stat -c %u /out/r'
expect "rootless --bind: the jail writes" 0 '^1000$'
t_eq "rootless --bind: the file is the caller's on the host" "$RL_UID:$RL_GID" "$(stat -c %u:%g "$T/results/r" 2>&1)"

# The caller's supplementary groups stay (setgroups needs root), unmapped.
CJ_AS=(setpriv --reuid="$RL_UID" --regid="$RL_GID" --groups=4 --inh-caps=-all --)
jail -v -- /bin/sh -c 'id -G'
CJ_AS=("${AS[@]}")
expect "rootless with a supplementary group: runs" 0 '^1000 65534$' \
	'^capejail: rootless: your 1 supplementary groups stay with the jail, shown as gid 65534'

# --no-new-code: no executable memfd (the filter's rule: MFD_NOEXEC_SEAL).
jail --no-new-code -- /usr/bin/python3 -c '
import os
try:
    os.memfd_create("x", 1)
    print("plain memfd made")
except OSError as e:
    print("plain memfd:", e.errno)
os.memfd_create("x", 1 | 8)
print("sealed memfd made")'
expect "rootless --no-new-code: memfd without MFD_NOEXEC_SEAL refused (EACCES)" 0 '^plain memfd: 13$'
expect "rootless --no-new-code: memfd with MFD_NOEXEC_SEAL made" 0 '^sealed memfd made$'

# Root of a user namespace that is not the host's (unshare -r, a rootless
# container) has no host ids either: rootless too. Host root is unmapped
# there, so no directory is provably root's: --untrusted-root.
CJ_AS=("${AS[@]}" unshare --user --map-root-user)
jail -v --untrusted-root -- /bin/sh -c 'id -u; cat /proc/self/uid_map'
CJ_AS=("${AS[@]}")
expect "root of a user namespace (unshare -r): runs rootless" 0 '^1000$' \
	'^capejail: rootless: capejail runs as uid 0, in a user namespace of its own'

# --------------------------------------------------------------- --subids
if ! command -v newuidmap >/dev/null; then
	t_skip "--subids" "newuidmap is not installed (Debian: uidmap)"
else
	read -r SUB_UID _ < <(awk -F: -v u=capejail-rl '$1 == u { print $2, $3; exit }' /etc/subuid)
	CJ_AS=(setpriv --reuid="$RL_UID" --regid="$RL_GID" --groups=4 --inh-caps=-all --)
	mkdir -m 1777 "$T/drop"
	jail -v --subids --bind "$T/drop:/drop" -- /bin/sh -c 'id -G; echo r >/drop/f; cat /proc/self/uid_map'
	CJ_AS=("${AS[@]}")
	expect "--subids: runs, the caller's supplementary group dropped" 0 '^1000$' \
		"^capejail: user jailuser \(uid 1000, gid 1000 in the jail\) is your subordinate uid $SUB_UID, gid [0-9]+ on the host"
	t_eq "--subids: what the jail writes is the subordinate uid's on the host" "$SUB_UID" \
		"$(stat -c %u "$T/drop/f" 2>&1)"
	# Two jails at once: two subordinate ids.
	timeout -k 5 20 "${AS[@]}" "$CAPEJAIL" -v --subids -r "$ROOT" -u jailuser -- \
		/bin/sleep 3 >/dev/null 2>"$T/first.err" &
	first=$!
	sleep 1
	jail -v --subids -- /bin/true
	second=$(grep -o 'is your subordinate uid [0-9]*' <<<"$ERR")
	wait "$first"
	t_check "--subids: the first jail has the first id" "$(cat "$T/first.err")" \
		grep -q "is your subordinate uid $SUB_UID," "$T/first.err"
	t_check "--subids: a second jail at once gets another id ($second)" "$(show)" \
		test -n "$second" -a "$second" != "is your subordinate uid $SUB_UID"
	# An account without a range (nobody): exit 77, the file named.
	CJ_AS=(setpriv --reuid=65534 --regid=65534 --clear-groups --)
	jail --subids -- /bin/true
	CJ_AS=("${AS[@]}")
	expect "--subids without a range: exit 77" 77 '' '^capejail: error: --subids: /etc/subuid: no range for you'
fi

# --------------------------------------------- mkroot and discover as a user
"${AS[@]}" timeout 300 "$E2E_MKROOT" "$T/root" >"$T/mkroot.log" 2>&1
RC=$?
t_eq "capejail-mkroot as an ordinary user" 0 "$RC"
t_eq "capejail-mkroot as a user: the root is the user's" "$RL_UID" "$(stat -c %u "$T/root/etc/passwd" 2>&1)"
cj -r "$T/root" -u jailuser -- /usr/bin/python3 -c 'print(6 * 7)'
expect "rootless capejail in the user's own root: python3 runs" 0 '^42$'
"${AS[@]}" timeout 60 "${CAPEJAIL%/*}/capejail-syscalls" discover -r "$ROOT" -- \
	/usr/bin/python3 -c 'import os; os.chroot("/")' >"$T/discover" 2>&1
RC=$?
OUT=$(cat "$T/discover")
t_check "capejail-syscalls discover as a user: finds chroot" "$OUT" grep -q '^  chroot ' "$T/discover"
# both engines, as a user: the notify engine (the default) and strace
for engine in notify strace; do
	"${AS[@]}" timeout 60 "${CAPEJAIL%/*}/capejail-syscalls" discover --engine "$engine" --emit allow -- \
		/usr/bin/python3 -c 'import ctypes; ctypes.CDLL(None).syscall(323, 1)' >"$T/discover" 2>"$T/discover.err"
	RC=$?
	OUT=$(cat "$T/discover" "$T/discover.err")
	t_check "discover --engine $engine as a user on the host: userfaultfd, exit 1" "$OUT" \
		eval '[ "$RC" -eq 1 ] && grep -qx userfaultfd "$T/discover"'
done

# ----------------------------------------------------------- refusals
# user.max_user_namespaces = 0, set in a user namespace of the test's own
# (the account keeps its capabilities there): capejail cannot nest its own.
# Host root is unmapped in that namespace, so no directory is provably
# root's: --untrusted-root (a warning) lets the run get to the namespace.
cj_refused() { # LIMIT: the account, in a user namespace with that limit
	CJ_AS=("${AS[@]}" unshare --user --map-user="$RL_UID" --map-group="$RL_GID" --keep-caps
		/bin/sh -c "echo $1 >/proc/sys/user/max_user_namespaces && exec \"\$@\"" sh)
	jail --untrusted-root -- /bin/echo ran
	CJ_AS=("${AS[@]}")
}
cj_refused 10
expect "control: the same wrapper with a limit of 10 runs the jail" 0 '^ran$'
cj_refused 0
expect "user.max_user_namespaces = 0: exit 77, the setting named" 77 '' \
	'^capejail: error: capejail is not root, and the kernel refused it a user namespace: .*user.max_user_namespaces is 0'
t_check "user.max_user_namespaces = 0: the hint says what to do" "$(show)" \
	grep -q '^capejail: hint: .*sysctl -w user.max_user_namespaces=' <<<"$ERR"

# A setgid capejail is refused (exit 77) before anything is built. The
# control: the bit takes effect where the copy lies (no nosuid mount).
cp "$CAPEJAIL" "$T/cj-setgid" && cp /usr/bin/id "$T/id-setgid" &&
	chgrp nogroup "$T/cj-setgid" "$T/id-setgid" && chmod 2755 "$T/cj-setgid" "$T/id-setgid"
if [ "$("${AS[@]}" "$T/id-setgid" -g 2>&1)" != "$(getent group nogroup | cut -d: -f3)" ]; then
	t_skip "a setgid capejail is refused" "setgid bits have no effect in $T (mounted nosuid?)"
else
	t_ok "control: a setgid copy of id runs with the group nogroup"
	CAPEJAIL_SAVED=$CAPEJAIL CAPEJAIL=$T/cj-setgid
	jail -- /bin/echo ran
	CAPEJAIL=$CAPEJAIL_SAVED
	expect "a setgid capejail is refused: exit 77" 77 '' '^capejail: error: capejail is installed setuid or setgid'
fi
rm -f -- "$T/cj-setgid" "$T/id-setgid"

t_done
