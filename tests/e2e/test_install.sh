#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# After `make install DESTDIR=...`: with only the installed files on PATH,
# the source tree hidden (a tmpfs over it, in a private mount namespace)
# and the working directory elsewhere, follow every hint the programs print
# and check that each one works: the missing root, a blocked syscall
# (dangerous and not), an unknown syscall name or number, a working
# directory the user cannot enter, discover's suggested command lines.
# Also: the docs are installed, -v prints the step table, a permissive
# --seccomp-profile warns. Needs root (capejail, mount namespaces).
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

readonly SYS_PATH=/usr/sbin:/usr/bin:/sbin:/bin
E2E_TIMEOUT=${E2E_TIMEOUT:-600}

e2e_need_root "installed capejail" || t_done
for tool in unshare mount strace; do
	command -v "$tool" >/dev/null || {
		t_fail "$tool is installed" "this test needs $tool (ci/deps.sh)"
		t_done
	}
done

# Outside the source tree: the staging directory and the work directory.
D=$(mktemp -d /tmp/capejail-e2e-install.XXXXXX) || {
	t_fail "scratch directory" "mktemp failed"
	t_done
}
t_cleanup rm -rf --one-file-system -- "$D"
W=$D/work
mkdir -p "$W"
T=$D/t
mkdir -p "$T"
BIN=$D/usr/local/bin
DOC=$D/usr/local/share/doc/capejail

if ! out=$(make -C "$E2E_REPO" -s install DESTDIR="$D" 2>&1); then
	t_fail "make install DESTDIR=$D" "$out"
	t_done
fi
t_ok "make install DESTDIR=$D"
for f in "$BIN/capejail" "$BIN/capejail-syscalls" "$BIN/capejail-mkroot" \
	"$D/usr/local/share/man/man1/capejail.1" "$D/usr/local/share/man/man1/capejail-syscalls.1" \
	"$DOC/SYSCALLS.md" "$DOC/README.md" "$DOC/docs/allowing-a-syscall.md"; do
	t_check "installed: ${f#"$D"}" "missing" test -f "$f"
done

# inst COMMAND...: run an installed command as a user would: PATH holds the
# installed bin directory and the system's, the working directory is W, and
# the source tree is hidden under an empty tmpfs. Sets RC OUT ERR CMD.
inst() {
	printf -v CMD '%q ' "$@"
	# (env by its path: PATH may point into the hidden tree, as make check's does)
	# shellcheck disable=SC2016 # expanded by the inner shell
	timeout -k 5 "$E2E_TIMEOUT" unshare -m --propagation private sh -c '
		mount -t tmpfs -o size=1m,mode=0755 capejail-e2e-hidden "$1" || exit 90
		cd "$2" || exit 91
		shift 2
		exec /usr/bin/env -i PATH="$PATH_INST" HOME=/root "$@"' \
		sh "$E2E_REPO" "$W" "$@" >"$T/out" 2>"$T/err" </dev/null
	RC=$?
	OUT=$(cat "$T/out")
	ERR=$(cat "$T/err")
}
export PATH_INST=$BIN:$SYS_PATH
# sh_inst 'LINE': a command line as printed by a program, run by sh.
sh_inst() { inst sh -c "$1"; }

# The hidden tree really is hidden.
inst ls -A "$E2E_REPO"
t_eq "the source tree is out of reach" "" "$OUT"

hint_of() { # the text after "PROG: hint: " in ERR
	sed -n "s/^$1: hint: //p" <<<"$ERR" | head -1
}

# ------------------------------------------------------------ missing root
ROOT=$W/root
inst capejail -r "$ROOT" -u jailuser -- true
hint=$(hint_of capejail)
expect "missing root: exit 66 with a hint" 66 "" "hint: build one"
cmd=${hint#*with: }
if [ "$cmd" = "capejail-mkroot $ROOT" ]; then
	t_ok "the hint names the installed capejail-mkroot ($cmd)"
else
	t_fail "the hint names the installed capejail-mkroot" "$(show)"
fi
sh_inst "${cmd:-false}"
expect "following it builds the root" 0 "capejail-mkroot: $ROOT"
inst capejail -r "$ROOT" -u jailuser -- id -un
expect "and capejail runs in it" 0 '^jailuser$'

# --------------------------------------------------------- blocked syscalls
inst capejail -r "$ROOT" -u jailuser -- python3 -c 'import os; os.chroot("/")'
expect "chroot: killed, 159" 159 "" "See: capejail-syscalls explain chroot$"
cmd=$(grep -o 'See: capejail-syscalls explain chroot$' <<<"$ERR" | sed 's/^See: //')
sh_inst "$cmd"
expect "following 'See:' explains chroot" 0 "verdict: +killed"
see=$(sed -n 's/^  see: *//p' <<<"$OUT")
t_check "explain's 'see:' is the installed SYSCALLS.md ($see)" "$see" \
	test "${see%%#*}" = /usr/local/share/doc/capejail/SYSCALLS.md
t_check "... and its anchor is a section there" "no '## chroot' heading in $DOC/SYSCALLS.md" \
	grep -q '^#.*\bchroot\b' "$DOC/SYSCALLS.md"

inst capejail -r "$ROOT" -u jailuser -- python3 -c 'import os; os.sync(); print("synced")'
expect "sync: killed, 159, with the --allow hint" 159 "" "hint: if the program needs it: capejail --allow sync "
hint=$(hint_of capejail)
cmd=$(sed -n "s/^if the program needs it: \(capejail --allow sync\) .*/\1/p" <<<"$hint")
explain=$(grep -o "capejail-syscalls explain sync" <<<"$hint")
# shellcheck disable=SC2086 # the hint's words, as a user types them
inst $cmd -r "$ROOT" -u jailuser -- python3 -c 'import os; os.sync(); print("synced")'
expect "following it ($cmd) runs the program" 0 '^synced$'
sh_inst "${explain:-false no explain command in the hint}"
expect "and its review command works ($explain)" 0 "^sync$"

# ------------------------------------------------- unknown names, numbers
inst capejail --allow chrot -r "$ROOT" -- true
expect "--allow chrot: 65 with suggestions" 65 "" "hint: did you mean: chroot"
first=$(hint_of capejail | sed 's/^did you mean: //; s/[,?].*//')
inst capejail --allow "$first" -r "$ROOT" -- true
expect "the first suggestion ($first) is accepted" 0 "" "allowing dangerous syscall chroot"
inst capejail --allow 161 -r "$ROOT" -- true
expect "--allow 161 is chroot" 0 "" "allowing dangerous syscall chroot"
inst capejail --allow 99999 -r "$ROOT" -- true
expect "--allow 99999: 65, no syscall has that number" 65 "" "no syscall of this architecture has number 99999"
cmd=$(hint_of capejail | grep -o "capejail-syscalls explain NAME" | sed 's/NAME/chroot/')
sh_inst "$cmd"
expect "its hint ($cmd) shows the number" 0 "number: +161"
inst capejail-syscalls explain chrot
expect "explain chrot: 65 with suggestions" 65 "" "hint: did you mean: chroot"
inst capejail-syscalls explain 161
expect "explain 161" 0 "^chroot$"

# ------------------------------------------------------ working directory
inst capejail -r "$ROOT" -u jailuser -d /root -- true
expect "-d /root as jailuser: 68 naming user and directory" 68 "" \
	"error: working directory '/root' .*cannot be entered by the jail's user 'jailuser' \(uid 1000"
if grep -q "with -d (e.g. /tmp)" <<<"$(hint_of capejail)"; then
	inst capejail -r "$ROOT" -u jailuser -d /tmp -- pwd
	expect "following the hint (-d /tmp) works" 0 '^/tmp$'
else
	t_fail "-d's hint suggests a directory" "$(show)"
fi

# ------------------------------------------------------------ discover
inst capejail-syscalls discover -r "$ROOT" -u jailuser -- python3 -c 'import os; os.sync(); print("synced")'
expect "discover: sync would be blocked (exit 1)" 1 "^  sync "
line=$(grep -A1 '^To allow the blocked syscalls' <<<"$OUT" | sed -n '2s/^ *//p')
emit=$(grep '^ *capejail-syscalls discover .*--emit profile' <<<"$OUT" | sed 's/^ *//')
useit=$(grep '^ *capejail .*--profile ' <<<"$OUT" | sed 's/^ *//')
case $line in
capejail\ *) t_ok "the suggestion names the installed capejail ($line)" ;;
*) t_fail "the suggestion names the installed capejail" "$(show)" ;;
esac
sh_inst "${line:-false no --allow suggestion}"
expect "following the --allow suggestion runs the program" 0 '^synced$'
sh_inst "${emit:-false no --emit profile suggestion}"
expect "following the --emit profile suggestion ($emit) writes the profile" 1
t_check "... python3.profile allows sync" "$(cat "$W/python3.profile" 2>&1)" \
	grep -qx 'allow sync' "$W/python3.profile"
sh_inst "${useit:-false no --profile suggestion}"
expect "and the suggested --profile run works" 0 '^synced$'

# ----------------------------------------------------- -v and permissive OCI
inst capejail -v -r "$ROOT" -u jailuser -- true
expect "-v prints the step table as it runs" 0 "" "step 3/[0-9]+, by the jail's init: set up mounts"
printf '{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[]}\n' >"$W/allow.json"
inst capejail --seccomp-profile allow.json -r "$ROOT" -u jailuser -- true
expect "a defaultAction ALLOW profile warns with what it opens" 0 "" \
	"warning: --seccomp-profile allow.json: defaultAction allows every syscall.*io_uring_setup"

t_done
