#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# tools/capejail-mkroot: builds a root in a scratch directory and uses it
# with a plain chroot(8), as root and as uid 1000. Needs root.
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

readonly SYS_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export PATH=$SYS_PATH:$PATH
ME=capejail-mkroot

# Scratch space next to the build (not /tmp: it may be mounted noexec/nodev).
scratch=
make_scratch() {
	if ! mkdir -p "$E2E_REPO/build" || ! scratch=$(mktemp -d "$E2E_REPO/build/mkroot-test.XXXXXX"); then
		t_fail "scratch directory" "cannot create one under $E2E_REPO/build"
		t_done
	fi
	t_cleanup rm -rf --one-file-system -- "$scratch"
}

# mkroot ARGS...: run the script; sets RC, OUT, ERR.
RC=0 OUT='' ERR=''
mkroot() {
	printf -v CMD '%q ' capejail-mkroot "$@"
	MS=''
	OUT=$("$E2E_MKROOT" "$@" 2>"$scratch/err")
	RC=$?
	ERR=$(cat "$scratch/err")
}

# in_root DIR [chroot options] -- COMMAND...: run with a clean environment.
in_root() {
	local dir=$1
	shift
	local opts=()
	while [ "$1" != -- ]; do
		opts+=("$1")
		shift
	done
	shift
	env -i PATH=/usr/local/bin:/usr/bin:/bin HOME=/ "$CHROOT" "${opts[@]}" "$dir" "$@"
}

# An error exit: status, an "error:" line and a "hint:" line on stderr.
expect_error() { # NAME STATUS
	local name=$1 want=$2
	if [ "$RC" -ne "$want" ]; then
		t_fail "$name" "$(printf 'expected exit status %s\n%s' "$want" "$(show)")"
	elif ! grep -q "^$ME: error: " <<<"$ERR" || ! grep -q "^$ME: hint: " <<<"$ERR"; then
		t_fail "$name" "$(printf 'expected \"%s: error:\" and \"%s: hint:\" lines\n%s' "$ME" "$ME" "$(show)")"
	else
		t_ok "$name (exit $want: ${ERR%%$'\n'*})"
	fi
}

check_build() { # DIR
	local dir=$1 t0 t1 secs
	t0=$(date +%s%N)
	mkroot "$dir"
	t1=$(date +%s%N)
	secs=$(((t1 - t0) / 1000000000))
	if [ "$RC" -ne 0 ]; then
		t_fail "build a root" "$(show)"
		t_done
	fi
	t_ok "build a root in ${secs}s"
	if [ "$(wc -l <<<"$OUT")" -eq 1 ] && [[ $OUT =~ ^$ME:\ .*:\ [0-9.,]+[KMG]?,\ [0-9]+\ files ]]; then
		t_ok "one-line summary ($OUT)"
	else
		t_fail "one-line summary" "$(show)"
	fi
	t_check "fast (${secs}s <= 30s)" "took ${secs}s" [ "$secs" -le 30 ]
}

check_layout() { # DIR
	local dir=$1 d want have bad=
	for d in bin sbin lib lib32 lib64 libx32; do
		[ -L "/$d" ] || continue
		want=$(readlink "/$d")
		have=$(readlink "$dir/$d" 2>/dev/null)
		[ "$have" = "$want" ] || bad+="/$d: host -> $want, root -> ${have:-(not a symlink)}"$'\n'
	done
	t_check "usr-merge symlinks as on the host" "$bad" [ -z "$bad" ]
	t_check "dynamic loader present" "$dir/lib64/ld-linux-x86-64.so.2 missing" \
		test -e "$dir/lib64/ld-linux-x86-64.so.2"
	t_check "marker file" "$dir/.capejail-root missing" test -f "$dir/.capejail-root"
}

check_etc() { # DIR
	local dir=$1
	t_eq "passwd: root" "root:x:0:0:root:/root:/bin/bash" "$(grep '^root:' "$dir/etc/passwd")"
	t_eq "passwd: nobody" "nobody:65534:65534" "$(awk -F: '$1 == "nobody" { print $1 ":" $3 ":" $4 }' "$dir/etc/passwd")"
	t_eq "passwd: jailuser" "jailuser:1000:1000:/home/jailuser:/bin/bash" \
		"$(awk -F: '$1 == "jailuser" { print $1 ":" $3 ":" $4 ":" $6 ":" $7 }' "$dir/etc/passwd")"
	t_eq "group: root nogroup jailuser" "root:0 nogroup:65534 jailuser:1000" \
		"$(awk -F: '{ printf "%s%s:%s", (NR > 1 ? " " : ""), $1, $3 }' "$dir/etc/group")"
	t_eq "/etc/hostname" capejail "$(cat "$dir/etc/hostname")"
	t_check "/etc/hosts has localhost" "$(cat "$dir/etc/hosts")" \
		grep -qE '^127\.0\.0\.1[[:space:]]+localhost' "$dir/etc/hosts"
	t_check "/etc/nsswitch.conf: files" "$(cat "$dir/etc/nsswitch.conf")" \
		grep -qE '^passwd:[[:space:]]+files$' "$dir/etc/nsswitch.conf"
	t_eq "/home/jailuser 1000:1000 0750" "1000:1000 750 directory" "$(stat -c '%u:%g %a %F' "$dir/home/jailuser")"
	t_eq "/tmp mode 1777" "1777 directory" "$(stat -c '%a %F' "$dir/tmp")"
	t_check "/proc exists" "missing" test -d "$dir/proc"
	t_check "no /sys" "$dir/sys exists" test ! -e "$dir/sys"
}

check_dev() { # DIR
	local dir=$1 n want have bad=
	t_eq "/dev holds exactly null random tty urandom zero" "null random tty urandom zero" \
		"$(find "$dir/dev" -mindepth 1 -printf '%f\n' | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//')"
	for n in null zero random urandom tty; do
		want="character special file $(stat -c '%t:%T' "/dev/$n") 666 0:0"
		have=$(stat -c '%F %t:%T %a %u:%g' "$dir/dev/$n" 2>&1)
		[ "$have" = "$want" ] || bad+="/dev/$n: want $want, have $have"$'\n'
	done
	t_check "device nodes: host numbers, mode 0666" "$bad" [ -z "$bad" ]
	t_eq "/dev/null and /dev/zero work in a chroot" 4 \
		"$(in_root "$dir" -- /bin/sh -c 'echo x >/dev/null && head -c 4 /dev/zero | wc -c' 2>&1)"
}

# The programs, as root and as uid 1000, with a plain chroot.
check_programs() { # DIR LABEL USERSPEC EXPECTED-UID
	local dir=$1 label=$2 spec=$3 uid=$4 out c line
	t_eq "$label: id -u" "$uid" "$(in_root "$dir" --userspec="$spec" -- /usr/bin/id -u 2>&1)"
	t_eq "$label: bash pipes and subshells" "$E2E_BASH_EXPECT" \
		"$(in_root "$dir" --userspec="$spec" -- /bin/bash -c "$E2E_BASH_SNIPPET" 2>&1)"
	t_eq "$label: coreutils" coreutils-ok \
		"$(in_root "$dir" --userspec="$spec" -- /bin/bash -c "$E2E_COREUTILS_SNIPPET" 2>&1)"
	out=$(in_root "$dir" --userspec="$spec" -- /usr/bin/python3 -c "$(e2e_py_script)" 2>&1)
	for c in $E2E_PY_CHECKS; do
		line=$(grep "^$c: " <<<"$out")
		t_check "$label: python3 $c" "${line:-$out}" [ "$line" = "$c: ok" ]
	done
}

check_idempotent() { # DIR
	local dir=$1 before after
	before=$(find "$dir" -xdev | LC_ALL=C sort | md5sum)
	mkroot "$dir"
	after=$(find "$dir" -xdev | LC_ALL=C sort | md5sum)
	if [ "$RC" -ne 0 ]; then
		t_fail "second run on the same DIR" "$(show)"
	elif [ "$before" != "$after" ]; then
		t_fail "second run on the same DIR" "the set of files changed"
	else
		t_ok "second run on the same DIR (same files)"
	fi
}

check_refusals() {
	local d=$scratch/foreign
	mkdir -p "$d" && echo keep >"$d/precious"
	mkroot "$d"
	expect_error "refuses a non-empty DIR it did not make" 66
	t_eq "refused DIR left untouched" precious "$(find "$d" -mindepth 1 -printf '%f\n')"

	mkroot /
	expect_error "refuses /" 66
	mkroot "$scratch/../../.././../../../../../../../../.."
	expect_error "refuses a DIR that resolves to /" 66
	mkroot --force /usr
	expect_error "refuses a system directory, even with --force" 66
	mkroot ""
	expect_error "refuses an empty DIR argument" 64
	mkroot
	expect_error "refuses a missing DIR argument" 64
	mkroot --bogus "$scratch/x"
	expect_error "refuses an unknown option" 64
	echo file >"$scratch/afile"
	mkroot "$scratch/afile"
	expect_error "refuses a DIR that is a regular file" 66
	mkroot --with no-such-program-e2e "$scratch/nowith"
	expect_error "--with an unknown program" 1
	t_check "--with checked before anything is written" "$scratch/nowith was created" \
		test ! -e "$scratch/nowith"
	mkroot --debootstrap
	expect_error "--debootstrap without a suite" 64
	mkroot --debootstrap bookworm --with strace "$scratch/deb"
	expect_error "--debootstrap with --with" 64
	mkroot --debootstrap bookworm --with-package gcc "$scratch/deb"
	expect_error "--debootstrap with --with-package" 64
	mkroot --with-package
	expect_error "--with-package without a name" 64
	mkroot --with-package no-such-package-e2e "$scratch/nopkg"
	expect_error "--with-package of a package the host lacks" 1
	t_check "--with-package checked before anything is written" "$scratch/nopkg was created" \
		test ! -e "$scratch/nopkg"

	# --force must still not write through a symlink leading out of DIR.
	mkdir -p "$scratch/evil" "$scratch/outside" && ln -s "$scratch/outside" "$scratch/evil/etc"
	mkroot --force "$scratch/evil"
	expect_error "--force: refuses a symlink out of DIR" 1
	t_eq "nothing written outside DIR" "" "$(find "$scratch/outside" -mindepth 1)"

	# Not root: --debootstrap is refused at once (a root from the host's
	# programs works as a user: test_rootless.sh).
	mkroot_nonroot "$scratch/nonroot"
}

mkroot_nonroot() { # DIR
	OUT=$(setpriv --reuid=65534 --regid=65534 --clear-groups "$E2E_MKROOT" --debootstrap bookworm "$1" 2>"$scratch/err")
	RC=$?
	ERR=$(cat "$scratch/err")
	expect_error "--debootstrap as non-root: refused" 77
	t_check "--debootstrap as non-root: the error says it needs root" "$ERR" \
		grep -q '^capejail-mkroot: error: --debootstrap must run as root' "$scratch/err"
}

check_force_with() {
	local d=$scratch/foreign prog
	prog=$(type -P strace || type -P ping)
	# gcc (the build needs it) comes without cc1 and its other support
	# files: mkroot must say so and name --with-package.
	if [ -z "$prog" ]; then
		mkroot --force --with gcc "$d"
		t_skip "--with PROG" "neither strace nor ping on the host"
	else
		mkroot --force --with "${prog##*/}" --with gcc "$d"
	fi
	if grep -qE "^$ME: warning: --with gcc: [0-9]+ support file\(s\) of its package are missing from the root \(e\.g\. /[^)]+\); gcc may not work there\. Use --with-package gcc" <<<"$ERR"; then
		t_ok "--with gcc warns that its support files are missing and names --with-package gcc"
	else
		t_fail "--with gcc warns that its support files are missing and names --with-package gcc" "$(show)"
	fi
	if [ "$RC" -ne 0 ]; then
		t_fail "--force builds on top of a foreign DIR" "$(show)"
		return
	fi
	t_check "--force builds on top of a foreign DIR, keeps its files" "$(ls -A "$d")" \
		test -f "$d/.capejail-root" -a -f "$d/precious"
	[ -n "$prog" ] || return
	case ${prog##*/} in
	strace) out=$(in_root "$d" -- strace -V 2>&1 | head -1) ;;
	*) out=$(in_root "$d" -- ping -V 2>&1 | head -1) ;;
	esac
	t_check "--with ${prog##*/} runs in a chroot ($out)" "$out" grep -qi version <<<"$out"
}

# --with-package: one root with gcc (and libc6-dev, which gcc only
# recommends but needs to link), perl and git, built once; each program is
# then run jailed by capejail, working in /tmp with HOME=/tmp (the jail's
# root may be read-only).
check_packages() {
	local d=$scratch/pkgroot want t0 secs
	if ! command -v dpkg-query >/dev/null; then
		t_skip "--with-package" "not a Debian host (no dpkg-query)"
		return
	fi
	for want in gcc libc6-dev perl git; do
		if [ "$(dpkg-query -W -f='${Status}' "$want" 2>/dev/null)" != "install ok installed" ]; then
			t_fail "--with-package $want" "the host lacks package $want (ci/deps.sh installs it)"
			return
		fi
	done
	if [ ! -x "$CAPEJAIL" ]; then
		t_fail "--with-package roots run jailed" "$CAPEJAIL is missing: run 'make' first"
		return
	fi
	t0=$(date +%s)
	mkroot --with-package gcc --with-package libc6-dev --with-package perl --with-package git "$d"
	secs=$(($(date +%s) - t0))
	if [ "$RC" -ne 0 ]; then
		t_fail "a root with --with-package gcc, libc6-dev, perl, git" "$(show)"
		return
	fi
	t_ok "a root with --with-package gcc, libc6-dev, perl, git in ${secs}s ($OUT)"

	# shellcheck disable=SC2016 # expanded by the jail's shell
	jailed "$d" -e "CSRC=$(printf '%s\n' '#include <math.h>' '#include <stdio.h>' \
		'int main(void) { printf("c-ok %d\n", (int)sqrt(49.0)); return 0; }')" -- \
		sh -c 'cd /tmp && printf "%s\n" "$CSRC" >cj-e2e.c && gcc -O2 -Wall -o cj-e2e cj-e2e.c -lm && ./cj-e2e'
	expect "gcc compiles and links a C program in the jail, which runs" 0 '^c-ok 7$'

	# shellcheck disable=SC2016 # perl's variables
	jailed "$d" perl -MList::Util=sum -MPOSIX=floor -MFile::Temp=tempdir -e \
		'my $d = tempdir(DIR => "/tmp", CLEANUP => 1); print "perl-ok ", sum(1..10), " ", floor(2.5), "\n"'
	expect "perl runs a script using core modules (List::Util, POSIX, File::Temp)" 0 '^perl-ok 55 2$'

	jailed "$d" sh -c 'cd /tmp && git init -q cj-e2e-repo && cd cj-e2e-repo && echo hi >f && git add f &&
		git -c user.name=jail -c user.email=jail@example.invalid commit -q -m first &&
		git log --format=%s && test -f .git/description'
	expect "git init and commit in the jail (templates present)" 0 '^first$'
}

# jailed DIR [CAPEJAIL-OPTIONS... --] COMMAND...: run COMMAND in root DIR
# as jailuser, in /tmp with HOME=/tmp; sets RC OUT ERR CMD.
jailed() {
	local dir=$1 opts=()
	shift
	if [ "${1-}" = -e ]; then
		while [ "$1" != -- ]; do
			opts+=("$1")
			shift
		done
		shift
	fi
	printf -v CMD '%q ' capejail -r "$dir" -u jailuser -e HOME=/tmp -d /tmp "${opts[@]}" -- "$@"
	MS=''
	OUT=$(timeout -k 5 300 "$CAPEJAIL" -r "$dir" -u jailuser -e HOME=/tmp -d /tmp "${opts[@]}" -- "$@" 2>"$scratch/err" </dev/null)
	RC=$?
	ERR=$(cat "$scratch/err")
}

main() {
	e2e_need_root "capejail-mkroot" || t_done
	CHROOT=$(type -P chroot) || {
		t_fail "chroot(8) available" "not found"
		t_done
	}
	make_scratch
	local dir=$scratch/root
	check_build "$dir"
	check_layout "$dir"
	check_etc "$dir"
	check_dev "$dir"
	check_programs "$dir" root 0:0 0
	check_programs "$dir" "uid 1000" 1000:1000 1000
	check_idempotent "$dir"
	check_refusals
	check_force_with
	check_packages
	t_done
}

main "$@"
