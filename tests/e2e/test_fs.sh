#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# The jail's file system, end to end (issue 13, the file-system half): the
# root is read-only and capejail's own; the writable places are bounded
# tmpfs that vanish; --overlay and --writable-root; --bind, --ro-bind and
# --tmpfs, with the README's python example; symlinks in ROOT never point a
# mount at the host; ROOT is opened once and checked; each bad input has
# its message and exit status.
#
# Roots that a check changes are hard-linked copies of the shared test root
# under build/ (mktemp), where every ancestor is root's and not writable by
# others: entries are replaced, never written through, so the shared root is
# left as it was. Bombs are bounded (a 1 MiB tmpfs, at most 5000 files).
# Needs root.
#
# shellcheck disable=SC2317
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

readonly E2E_TIMEOUT=${E2E_TIMEOUT:-60}
T=
ROOT=
B= # scratch directory under build/ (trusted ancestors)

# A copy of the shared root under $B: hard links, new entries only.
copy_root() { # NAME -> prints the path
	local r=$B/$1
	cp -al -- "$ROOT" "$r" && chmod 0755 "$r" && printf '%s\n' "$r"
}

# Newer than the stamp, anywhere in DIR: what a run left on the host.
left_on_host() { # DIR STAMP
	find "$1" -xdev -newer "$2" -print 2>/dev/null
}

check_readonly_root() {
	local stamp=$T/stamp out
	touch "$stamp"
	sleep 1
	jail -q -- sh -c 'for d in / /etc /usr /root; do touch "$d/cj-w" 2>/dev/null && echo "wrote $d"; done
		for d in /tmp /var/tmp /dev/shm "$HOME"; do touch "$d/cj-w" && echo "ok $d"; done'
	expect "read-only root: nothing written outside the tmpfs" 0 '' ''
	t_check "read-only root: / /etc /usr /root refused, /tmp /var/tmp /dev/shm HOME written" "$(show)" \
		eval '! grep -q wrote <<<"$OUT" && [ "$(grep -c "^ok " <<<"$OUT")" = 4 ]'
	out=$(left_on_host "$ROOT" "$stamp")
	t_eq "read-only root: nothing new in ROOT on the host" "" "$out"
	jail -q -- cat /proc/self/mountinfo
	t_check "every writable mount is a nosuid,nodev tmpfs" "$(show)" \
		eval '! awk '"'"'$6 ~ /^rw/ && $5 !~ /^\/(proc|dev\/(null|zero|full|random|urandom|tty))$/ && ($6 !~ /nosuid/ || $6 !~ /nodev/) { bad = 1 } END { exit !bad }'"'"' <<<"$OUT"'
	# No setuid bit can be set at all (argrules.def: EPERM), and /tmp is
	# nosuid anyway.
	jail -q -- sh -c 'cp /bin/true /tmp/t && { chmod 4755 /tmp/t || echo chmod-refused; } && stat -c %A /tmp/t && grep " /tmp " /proc/self/mountinfo'
	expect "chmod 4755 in the jail's /tmp is refused, the file keeps no setuid bit" 0 '^chmod-refused' 'Operation not permitted'
	expect "... and /tmp is a nosuid mount that vanishes with the jail" 0 ' /tmp rw,nosuid' ''
	t_check "... the file's mode has no s" "$(show)" eval '! grep -q "^-..s" <<<"$OUT"'
}

check_host_root() {
	cj -q -- sh -c 'touch /etc/cj-x 2>&1; touch /tmp/cj-x && echo tmp-ok'
	expect "no -r: the host's root, read-only, /tmp writable" 0 'tmp-ok' ''
	t_check "no -r: /etc/cj-x was not created on the host" "$(show)" test ! -e /etc/cj-x
}

check_tmpfs_bounds() {
	local py
	py='import ctypes, os, errno
libc = ctypes.CDLL(None, use_errno=True)
fd = os.open("/tmp/f", os.O_CREAT | os.O_WRONLY)
r = libc.fallocate(fd, 1, ctypes.c_long(0), ctypes.c_long(4 << 20))
print("fallocate-keep-size", "refused" if r else "allowed", errno.errorcode.get(ctypes.get_errno(), ""))
n = 0
try:
    for n in range(5000):
        open("/tmp/n%d" % n, "w").close()
    print("inodes unbounded")
except OSError as e:
    print("inodes stopped at", n, errno.errorcode[e.errno])
try:
    with open("/tmp/big", "wb") as f:
        for i in range(4):
            f.write(b"x" * (1 << 20))
    print("space unbounded")
except OSError as e:
    print("space stopped", errno.errorcode[e.errno])'
	# Unjailed control: the same fallocate on a host directory succeeds.
	if python3 -c 'import ctypes,os,sys; l=ctypes.CDLL(None); fd=os.open(sys.argv[1], os.O_CREAT|os.O_WRONLY); sys.exit(l.fallocate(fd,1,ctypes.c_long(0),ctypes.c_long(4<<20)) != 0)' "$T/falloc" 2>/dev/null; then
		t_ok "control: fallocate(KEEP_SIZE) of 4 MiB succeeds unjailed"
	else
		t_skip "tmpfs bounds" "fallocate(KEEP_SIZE) does not work on the host's $T"
		return
	fi
	jail -q --tmp-size 1M -- python3 -c "$py"
	expect "--tmp-size 1M: fallocate(KEEP_SIZE) of 4 MiB refused" 0 'fallocate-keep-size refused ENOSPC' ''
	expect "--tmp-size 1M: inode exhaustion stops at the tmpfs limit" 0 'inodes stopped at [0-9]+ ENOSPC' ''
	expect "--tmp-size 1M: space exhaustion stops at the tmpfs limit" 0 'space stopped ENOSPC' ''
}

check_overlay() {
	local stamp=$T/stamp2
	touch "$stamp"
	sleep 1
	jail -u 0 --overlay -- sh -c 'echo hi >/etc/cj-overlay && cat /etc/cj-overlay && rm /etc/hostname 2>/dev/null; echo done'
	expect "--overlay: / is writable in the jail" 0 '^hi' ''
	t_eq "--overlay: the changes are gone after exit" "" "$(left_on_host "$ROOT" "$stamp")"
	t_check "--overlay: ROOT/etc/cj-overlay does not exist" "$(show)" test ! -e "$ROOT/etc/cj-overlay"
	jail -q --overlay -- cat /etc/cj-overlay
	expect "--overlay: a second run does not see the first one's file" 1 '' 'No such file'
}

check_writable_root() {
	local r
	r=$(copy_root writable) || return
	# -u 0 is root of the jail's user namespace only: the root's own
	# directories stay closed to it; a world-writable one takes the write,
	# as the jail's host id
	mkdir -m 1777 "$r/shared"
	cj -r "$r" -u 0 --writable-root -- sh -c 'echo kept >/shared/cj-kept; echo no >/cj-root 2>/dev/null; true'
	expect "--writable-root: warns that writes persist on the host" 0 '' 'warning: --writable-root: .*persist.*shared between runs'
	t_eq "--writable-root: the write persists on the host" kept "$(cat "$r/shared/cj-kept" 2>/dev/null)"
	t_check "--writable-root -u 0: the root's own / is not writable (not host root)" "$(show)" test ! -e "$r/cj-root"
	cj -q -r "$r" -u jailuser --writable-root -- true
	t_eq "--writable-root -q: no warning" "" "$ERR"
	rm -rf -- "$r/shared" "$r/cj-root"
}

check_binds() {
	local d=$B/job
	mkdir -p "$d/out" && chmod 0777 "$d/out"
	printf 'import sys\nprint("script ran")\nopen("/out/result.txt", "w").write("42\\n")\n' >"$d/script.py"
	pushd "$d" >/dev/null || return
	cj -q -r "$ROOT" -u jailuser --ro-bind ./script.py:/job/script.py --bind ./out:/out -- python3 /job/script.py
	popd >/dev/null || return
	expect "README: the script comes in through --ro-bind" 0 '^script ran$' ''
	t_eq "README: the result comes out through --bind" 42 "$(cat "$d/out/result.txt" 2>/dev/null)"
	jail -q --ro-bind "$d:/in" -- sh -c 'echo x >/in/w'
	expect "a write through --ro-bind fails" 2 '' 'Read-only file system'
	t_check "the --ro-bind source is unchanged" "$(show)" test ! -e "$d/w"
	jail -q --bind "$d/out" -- sh -c "echo y >'$d/out/default-dest'"
	expect "--bind SRC: DEST defaults to SRC's path" 0
	t_check "--bind SRC: the write reached SRC" "$(show)" test -f "$d/out/default-dest"
	jail -q --tmpfs /scratch:64K -- sh -c 'head -c 200000 /dev/zero >/scratch/f; echo $?; grep " /scratch " /proc/self/mountinfo'
	expect "--tmpfs DEST:SIZE: bounded, nosuid, nodev" 0 'size=64k' ''
	jail -q --tmpfs /a --ro-bind "$d:/a/b" -- sh -c 'ls -d /a/b/out'
	expect "binds apply in command-line order (a bind inside a --tmpfs)" 0 'out' ''
	jail -q --bind "$d/out:/a" --ro-bind "$d:/a/new" -- true
	expect "a missing DEST inside a --bind is not made on the host" 72 '' '/a/new is missing'
	t_check "... and nothing was created in the bind's source" "$(show)" test ! -e "$d/out/new"
}

check_symlinks() {
	local r host=$B/host-target
	mkdir -p "$host"
	r=$(copy_root links) || return
	rm -rf -- "${r:?}/tmp" "$r/proc" "$r/dev" && ln -s "$host" "$r/tmp" && ln -s "$host" "$r/proc" && ln -s "$host" "$r/dev"
	ln -s "$host" "$r/data"
	# Control: the same symlink followed unjailed leads to the host's directory.
	t_check "control: ROOT/tmp is a symlink to a host directory" "" test "$(readlink -f "$r/tmp")" = "$host"
	cj -q -r "$r" -u jailuser -- sh -c 'touch /tmp/x && test -r /proc/self/status && test -c /dev/null && echo fine'
	expect "symlinks at /tmp, /proc, /dev in ROOT: capejail's own mounts still made" 0 '^fine$' ''
	t_eq "symlinks at /tmp, /proc, /dev: nothing reached the host's directory" "" "$(ls -A "$host")"
	cj -q -r "$r" -u jailuser --tmpfs /data/x -- true
	expect "a symlink in ROOT at a bind's DEST does not lead to the host" 72 '' 'symlink to a missing path'
	t_eq "the bind's DEST symlink: nothing reached the host's directory" "" "$(ls -A "$host")"
}

check_swap() {
	local a b
	a=$(copy_root swap-a) || return
	b=$(copy_root swap-b) || return
	echo A >"$a/marker"
	echo B >"$b/marker"
	timeout -k 5 "$E2E_TIMEOUT" "$CAPEJAIL" -q -r "$a" -u jailuser -- sh -c 'sleep 2; cat /marker' >"$T/swap.out" 2>&1 &
	local pid=$!
	sleep 1
	mv -- "$a" "$a.old" && mv -- "$b" "$a"
	wait "$pid"
	t_eq "swapping ROOT's path after start has no effect" A "$(cat "$T/swap.out")"
	rm -rf -- "$a" && mv -- "$a.old" "$a"
}

check_passwd() { # the root's /etc/passwd: FIFO, device, huge, symlink out
	local r kind ms
	r=$(copy_root passwd) || return
	for kind in fifo device huge symlink; do
		rm -f -- "$r/etc/passwd"
		case $kind in
		fifo) mkfifo "$r/etc/passwd" ;;
		device) mknod "$r/etc/passwd" c 1 3 ;;
		huge) head -c $((2 << 20)) /dev/zero >"$r/etc/passwd" ;;
		symlink) ln -s /etc/passwd "$r/etc/passwd" ;;
		esac
		cj -r "$r" -- true
		ms=$MS # capejail under timeout(1), as cj measured it
		expect "/etc/passwd is a $kind: an error naming the file" 66 '' "$r/etc/passwd (is a|is larger)"
		t_check "/etc/passwd is a $kind: the error comes within a second ($ms ms)" "$(show)" test "$ms" -lt 1000
	done
}

check_bad_input() {
	local r
	cj -r / -- true
	expect "-r /: says to omit -r" 64 '' 'omit -r'
	r=$(copy_root untrusted) || return
	chown 1000 "$r"
	cj -r "$r" -- true
	expect "a root not owned by root: refused, naming path and owner" 66 '' "'$r' is owned by uid 1000"
	cj -r "$r" --untrusted-root -- true
	expect "--untrusted-root: runs with a warning naming path and owner" 0 '' "warning: --untrusted-root: '$r' is owned by uid 1000"
	chown 0 "$r"
	chmod 0777 "$r"
	cj -r "$r" -- true
	expect "a root writable by others: refused" 66 '' 'writable by others \(mode 0777\)'
	chmod 0700 "$r"
	cj -r "$r" -u jailuser -- true
	expect "a root the user cannot enter: named, with the mode and the fix" 66 '' "root directory '$r' .*mode 0700.* cannot be entered by the jail's user 'jailuser'"
	chmod 0755 "$r"
	mkdir -m 0700 "$r/private"
	cj -r "$r" -u jailuser -d /private -- true
	expect "a working directory the user cannot enter: named, with the mode" 68 '' "working directory '/private' .*mode 0700.* cannot be entered"
	jail --bind "$B/nonexistent" -- true
	expect "--bind of a missing SRC" 72 '' "--bind '$B/nonexistent': No such file"
	jail --bind "$B:/etc/cj-new" -- true
	expect "--bind to a missing DEST in ROOT's own directory" 72 '' '/etc/cj-new is missing, and its directory is ROOT.s own'
	jail --tmpfs relative -- true
	expect "--tmpfs with a relative DEST" 64 '' 'absolute path'
	jail --tmpfs /x:unlimited -- true
	expect "--tmpfs with an unlimited size" 64 '' 'always bounded'
	jail --ro-bind "$B:/" -- true
	expect "--ro-bind over /" 64 '' "cannot mount over the jail's /"
	jail --overlay --writable-root -- true
	expect "--overlay with --writable-root" 64 '' 'exclude each other'
	cj --writable-root -- true
	expect "--writable-root without -r" 64 '' 'needs -r'
}

e2e_setup fs "the file-system checks need root (mounts, namespaces)"
B=$(mktemp -d "$E2E_REPO/build/e2e-fs.XXXXXX") || t_done
chmod 0755 "$B"
t_cleanup rm -rf --one-file-system -- "$B"
check_readonly_root
check_host_root
check_tmpfs_bounds
check_overlay
check_writable_root
check_binds
check_symlinks
check_swap
check_passwd
check_bad_input
t_done
