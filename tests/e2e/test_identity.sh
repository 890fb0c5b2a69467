#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# The jail's identity, end to end (docs/architecture.md, "The jail's
# identity"): inside, the user of the jail's passwd (whoami, id, HOME);
# on the host, an id of capejail's range (2000000000-2000065535) that is
# no host account and no other running jail's, mapped by a user namespace
# that maps nothing else; -u 0 is not host root.
#
# Safety: every capejail runs under timeout(1) and every jailed program is
# bounded in time; only processes this file started are signalled, by pid;
# nothing is written outside a mktemp directory and the jails' own tmpfs.
# Needs root.
#
# Helpers run through t_check and t_cleanup (SC2317).
# shellcheck disable=SC2317
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

readonly SYS_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export PATH=$SYS_PATH:$PATH
readonly E2E_TIMEOUT=${E2E_TIMEOUT:-30}
readonly ID_FIRST=2000000000 ID_LAST=2000065535

T=
ROOT=
e2e_setup identity "the jail's identity"

in_range() { [ "$1" -ge $ID_FIRST ] && [ "$1" -le $ID_LAST ]; } # ID
no_account() { ! getent passwd "$1" >/dev/null && ! getent group "$1" >/dev/null; } # ID
status_ids() { # PID: "UID GID" (real ids, as the host sees them)
	awk '/^Uid:/ { u = $2 } /^Gid:/ { g = $2 } END { print u, g }' "/proc/$1/status"
}

# ---------------------------------------------------------------- inside
jail -- /bin/sh -c 'echo "$(whoami) $(id -u) $(id -g) $HOME"'
expect "-u jailuser: whoami, id and HOME from the jail's passwd" 0 '^jailuser 1000 1000 /home/jailuser$'
cj -r "$ROOT" -- /bin/sh -c 'echo "$(whoami) $(id -u) $(id -g)"'
expect "no -u: nobody of the jail's passwd" 0 '^nobody 65534 65534$'

jail -- /bin/sh -c 'cat /proc/self/uid_map /proc/self/gid_map'
read -r a1 h1 n1 a2 h2 n2 <<<"$(tr '\n' ' ' <<<"$OUT")"
if [ "$RC" -eq 0 ] && [ "${a1-}" = 1000 ] && [ "${n1-}" = 1 ] && [ "${a2-}" = 1000 ] &&
	[ "${n2-}" = 1 ] && [ "$(grep -c . <<<"$OUT")" = 2 ] && in_range "$h1" && [ "$h1" = "$h2" ]; then
	t_ok "uid_map and gid_map map only the jail's ids (1000 -> $h1), host root unmapped"
else
	t_fail "uid_map and gid_map map only the jail's ids" "$(show)"
fi

jail -- /bin/sh -c 'grep -E "^(CapInh|CapPrm|CapEff|CapBnd|CapAmb|NoNewPrivs)" /proc/self/status | tr -s "\t" " "'
if [ "$RC" -eq 0 ] && [ "$(grep -c ' 0000000000000000$' <<<"$OUT")" = 5 ] && grep -q '^NoNewPrivs: 1$' <<<"$OUT"; then
	t_ok "inside its user namespace the program has no capability and no_new_privs"
else
	t_fail "no capability inside the user namespace" "$(show)"
fi

# A caller with supplementary groups (CI's usually has none, where a
# skipped setgroups would go unseen): the program keeps none of them.
GROUPS_CMD=(sh -c 'grep "^Groups:" /proc/self/status | tr -s " \t" " "')
CTL=$(setpriv --groups 4,24,27 "${GROUPS_CMD[@]}" 2>&1)
if [ "$CTL" != "Groups: 4 24 27 " ]; then
	t_skip "the caller's supplementary groups stay outside" "setpriv --groups did not give the control groups 4 24 27: $CTL"
else
	CJ_WRAP=(setpriv --groups 4,24,27)
	jail -- "${GROUPS_CMD[@]}"
	CJ_WRAP=()
	expect "a caller in groups 4 24 27 (control: $CTL): the program is in none" 0 '^Groups: ?$'
fi

# ---------------------------------------------------- seen from the host
# Two jails at once, each until its marker file appears: their programs'
# host ids.
bg() { # N ARGS...
	local n=$1
	shift
	{ timeout -k 5 "$E2E_TIMEOUT" /bin/sh -c 'echo $$ >"$1"; shift; exec "$@"' \
		sh "$T/bg$n.pid" "$CAPEJAIL" "$@" >"$T/bg$n.out" 2>"$T/bg$n.err" </dev/null; } 2>/dev/null &
	BGJOB[n]=$!
	t_cleanup kill_job "${BGJOB[n]}"
}
declare -a BGJOB=()
prog_pid() { # N: the host pid of slot N's sleeping program
	local i p cj
	for ((i = 0; i < 1000; i++)); do
		cj=$(cat "$T/bg$1.pid" 2>/dev/null)
		if [ -n "$cj" ]; then
			for p in $(descendants "$cj"); do
				[ "$(cat "/proc/$p/comm" 2>/dev/null)" = sleep ] && { echo "$p"; return 0; }
			done
		fi
		sleep 0.02
	done
	return 1
}

bg 1 -r "$ROOT" -u jailuser -- /bin/sleep 20
bg 2 -r "$ROOT" -u jailuser -- /bin/sleep 20
p1=$(prog_pid 1)
p2=$(prog_pid 2)
if [ -n "$p1" ] && [ -n "$p2" ]; then
	read -r u1 g1 <<<"$(status_ids "$p1")"
	read -r u2 g2 <<<"$(status_ids "$p2")"
	t_check "two concurrent jails of -u jailuser: distinct host uids ($u1, $u2)" \
		"host ids: jail 1 $u1:$g1, jail 2 $u2:$g2" \
		eval '[ "$u1" != "$u2" ] && [ "$g1" != "$g2" ] && [ "$u1" = "$g1" ] && [ "$u2" = "$g2" ]'
	t_check "their host uids are in capejail's range, not 1000 (jailuser's in-jail uid)" \
		"host uids $u1 $u2, range $ID_FIRST-$ID_LAST" eval 'in_range "$u1" && in_range "$u2"'
	t_check "neither host uid is a host account (getent passwd, group)" \
		"$(getent passwd "$u1" "$u2"; getent group "$u1" "$u2")" eval 'no_account "$u1" && no_account "$u2"'
	t_check "each jail's lock file is held while it runs (/run/capejail)" \
		"$(ls -l /run/capejail 2>&1 | head -5)" \
		eval '[ -f "/run/capejail/$u1.lock" ] && ! flock -n "/run/capejail/$u1.lock" true'
else
	t_fail "two concurrent jails: host pids of their programs" \
		"$(printf 'jail 1: %s\njail 2: %s' "$(cat "$T/bg1.err")" "$(cat "$T/bg2.err")")"
fi
kill_job "${BGJOB[1]}" "${BGJOB[2]}"

st=$(stat -c '%U %a %F' /run/capejail 2>&1)
t_eq "the lock directory /run/capejail: root's, mode 0700" "root 700 directory" "$st"

# ------------------------------------------------------------------- -u 0
cj -r "$ROOT" -u 0 -- /bin/sh -c 'id -u; cat /proc/self/uid_map'
read -r inside _ host _ <<<"$(tr '\n' ' ' <<<"$OUT")"
if [ "$RC" -eq 0 ] && [ "${inside-}" = 0 ] && in_range "${host-0}"; then
	t_ok "-u 0: uid 0 in the jail is uid $host on the host"
else
	t_fail "-u 0: uid 0 in the jail is not host root" "$(show)"
fi
expect "-u 0 warns that it is not host root" 0 '' \
	"warning: running as uid 0 of the jail's own user namespace: not root on the host"

# ------------------------------------------------------- idmapped binds
# tests/helpers/idmap_check (built by make, never installed) idmaps DIR as
# --bind will (core/jail/idmap.c) and writes a file through it as a jail
# identity H: through the mount the file is H's, on disk DIR's owner's.
# Positive control first: a tmpfs (idmapped mounts since Linux 6.3) in a
# private mount namespace; without it the kernel cannot idmap at all.
IDMAP=$E2E_REPO/build/tests/idmap_check
DISK_UID=4242 DISK_GID=4343 # owner of the bind sources: no account needed
idmap_run() { # DIR: idmap_check on DIR; sets RC OUT ERR CMD
	chown "$DISK_UID:$DISK_GID" "$1" && chmod 755 "$1"
	CMD="$IDMAP $1 created"
	OUT=$("$IDMAP" "$1" created 2>"$T/idmap.err")
	RC=$?
	ERR=$(cat "$T/idmap.err")
}
idmap_ok() { # NAME: the last run's file is H's through the mount, DIR's owner's on disk
	local h seen disk
	h=$(sed -n 's/^host-id //p' <<<"$OUT")
	seen=$(sed -n 's/^seen-as //p' <<<"$OUT")
	disk=$(sed -n 's/^on-disk //p' <<<"$OUT")
	if [ "$RC" -eq 0 ] && in_range "${h:-0}" && [ "$seen" = "$h $h" ] &&
		[ "$disk" = "$DISK_UID $DISK_GID" ]; then
		t_ok "$1"
	else
		t_fail "$1" "$(printf 'expected: seen-as H H, on-disk %s %s\n%s' "$DISK_UID" "$DISK_GID" "$(show)")"
	fi
}
if [ ! -x "$IDMAP" ]; then
	t_fail "idmapped binds" "$IDMAP is missing: run 'make' first"
else
	mkdir -m 755 "$T/tmpfs"
	CMD="unshare -m: mount -t tmpfs; $IDMAP $T/tmpfs created"
	OUT=$(unshare -m --propagation private /bin/sh -c \
		'mount -t tmpfs -o mode=755,size=1m capejail-idmap "$1" && chown "$2" "$1" && exec "$3" "$1" created' \
		sh "$T/tmpfs" "$DISK_UID:$DISK_GID" "$IDMAP" 2>"$T/idmap.err")
	RC=$?
	ERR=$(cat "$T/idmap.err")
	if [ "$RC" -eq 77 ]; then
		t_skip "idmapped binds" "the kernel cannot idmap even a tmpfs: $(grep '^SKIP' <<<"$OUT")"
	else
		idmap_ok "idmapped tmpfs (positive control): a file H writes is H's in the jail, the bind owner's on disk"
		mkdir -m 755 "$T/src"
		idmap_run "$T/src"
		if [ "$RC" -eq 77 ]; then
			t_skip "idmapped bind of a mktemp directory" "$(grep '^SKIP' <<<"$OUT")"
		else
			idmap_ok "idmapped bind of $(stat -f -c %T "$T/src") directory: the host sees the directory's owner as the file's owner"
			IDMAP_WORKS=1
		fi
	fi
fi

# capejail --bind itself: a source owned by a user is idmapped to it, one
# owned by root is not (the jail writes there as its own host id).
if [ "${IDMAP_WORKS:-0}" = 1 ]; then
	mkdir -m 755 "$T/out-user" && chown "$DISK_UID:$DISK_GID" "$T/out-user"
	jail --bind "$T/out-user:/out" -- /bin/sh -c 'stat -c "%u %g" /out && echo x >/out/made'
	if [ "$RC" -eq 0 ] && [ "$OUT" = "1000 1000" ] &&
		[ "$(stat -c '%u %g' "$T/out-user/made")" = "$DISK_UID $DISK_GID" ]; then
		t_ok "--bind of a user's directory: the jail's own in the jail, the file the user's on the host"
	else
		t_fail "--bind of a user's directory is idmapped" "$(show; stat -c '%u %g %n' "$T/out-user/made" 2>&1)"
	fi
	mkdir -m 777 "$T/out-root"
	jail --bind "$T/out-root:/out" -- /bin/sh -c 'echo x >/out/made'
	made=$(stat -c %u "$T/out-root/made" 2>/dev/null || echo none)
	if [ "$RC" -eq 0 ] && [ "$made" != none ] && in_range "$made"; then
		t_ok "--bind of a root-owned directory is not idmapped: the file is the jail's host id ($made), not root's"
	else
		t_fail "--bind of a root-owned directory: the file is the jail's host id" "$(show; echo "owner: $made")"
	fi
	# No setuid or setgid file reaches the host through a bind. Control:
	# unjailed, the same program plants both bits in that directory.
	mkdir -m 755 "$T/out-suid" && chown "$DISK_UID:$DISK_GID" "$T/out-suid"
	suid_py='import os, sys
d = sys.argv[1]
fd = os.open(d + "/f", os.O_CREAT | os.O_WRONLY, 0o644)
os.close(fd)
for what, call in (("chmod", lambda: os.chmod(d + "/f", 0o6755)),
                   ("open", lambda: os.close(os.open(d + "/g", os.O_CREAT | os.O_WRONLY, 0o4755)))):
    try:
        call()
        print(what, "planted")
    except OSError as e:
        print(what, "errno", e.errno)'
	python3 -c "$suid_py" "$T/out-suid" >/dev/null 2>&1
	if [ -u "$T/out-suid/f" ] && [ -u "$T/out-suid/g" ]; then
		t_ok "control: unjailed, the same program plants setuid files in the directory"
		rm -f -- "$T/out-suid/f" "$T/out-suid/g"
		jail --bind "$T/out-suid:/out" -- python3 -c "$suid_py" /out
		if [ "$RC" -eq 0 ] && [ "$OUT" = $'chmod errno 1\nopen errno 1' ] &&
			[ ! -u "$T/out-suid/f" ] && [ ! -g "$T/out-suid/f" ] && [ ! -e "$T/out-suid/g" ]; then
			t_ok "--bind: chmod 6755 and open(O_CREAT, 04755) fail with EPERM; nothing setuid on the host"
		else
			t_fail "--bind: no setuid file reaches the host" "$(show; ls -l "$T/out-suid")"
		fi
	else
		t_skip "setuid through a bind" "control failed: the directory's file system does not keep setuid bits"
	fi
else
	t_skip "capejail --bind idmapping" "idmapped mounts of a mktemp directory are not available here"
fi

t_done
