#!/usr/bin/env bash
# What capejail needs to build and test, one package a line with the check
# that proves it is there. As root, install what is missing with apt-get;
# otherwise print the exact command and fail (69).
#
#   ci/deps.sh                 check everything; install as root
#   ci/deps.sh --build         the same for what `make` (the build) needs
#   ci/deps.sh --missing       print the missing packages (build and test), install nothing
#   ci/deps.sh --build --missing
#   ci/deps.sh --list          every package this file manages, one a line
#
# `make check` runs with a PATH holding only the commands of a fresh
# machine's packages and of the packages below (ci/toolpath.sh): a command
# that a target calls and that is not listed here fails `make check`.
set -u
cd "$(dirname "$0")/.."

# libFuzzer's runtime, for make fuzz / fuzz-smoke.
has_fuzzer_runtime() {
	compgen -G '/usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a' >/dev/null
}

# The perl package (perl-base alone, always there, has no core modules).
has_perl_package() {
	[ "$(dpkg-query -W -f='${Status}' perl 2>/dev/null)" = "install ok installed" ]
}

# PACKAGE  CHECK (a shell command)  — build dependencies first.
BUILD_DEPS='
gcc               command -v gcc
make              command -v make
pkg-config        command -v pkg-config
libseccomp-dev    pkg-config --exists libseccomp
libjansson-dev    pkg-config --exists jansson
'
TEST_DEPS='
libcmocka-dev     pkg-config --exists cmocka
strace            command -v strace
clang-format      command -v clang-format
cppcheck          command -v cppcheck
busybox-static    test -x /bin/busybox
python3           test -x /usr/bin/python3
iputils-ping      test -x /usr/bin/ping
nodejs            command -v node
perl              command -v perl
sqlite3           command -v sqlite3
git               command -v git
iproute2          command -v ip
runc              command -v runc
bubblewrap        command -v bwrap
procps            command -v ps
util-linux        command -v unshare
uidmap            command -v newuidmap
file              command -v file
clang             command -v clang
libclang-rt-14-dev has_fuzzer_runtime
systemd           command -v systemd-analyze
perl              has_perl_package
git               command -v git
libc6-dev         test -e /usr/include/stdio.h
'

build_only=0 missing_only=0
for a in "$@"; do
	case $a in
	--build) build_only=1 ;;
	--missing) missing_only=1 ;;
	--list) printf '%s\n%s\n' "$BUILD_DEPS" "$TEST_DEPS" | awk 'NF { print $1 }'; exit 0 ;;
	*) echo "capejail: error: ci/deps.sh: unknown option '$a'" >&2; exit 64 ;;
	esac
done
table=$BUILD_DEPS
[ "$build_only" -eq 1 ] || table+=$TEST_DEPS

pkgs=()
while read -r pkg check; do
	[ -n "$pkg" ] || continue
	eval "$check" >/dev/null 2>&1 || pkgs+=("$pkg")
done <<<"$table"

if [ "$missing_only" -eq 1 ]; then
	[ ${#pkgs[@]} -eq 0 ] || echo "${pkgs[*]}"
	exit 0
fi
if [ ${#pkgs[@]} -gt 0 ]; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "capejail: error: missing packages: ${pkgs[*]}" >&2
		echo "capejail: hint: as root, run: apt-get update && apt-get install -y ${pkgs[*]}" >&2
		exit 69
	fi
	echo "capejail: installing missing packages: ${pkgs[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends "${pkgs[@]}" >/dev/null ||
		{ echo "capejail: error: apt-get install ${pkgs[*]} failed" >&2; exit 69; }
fi
[ "$build_only" -eq 1 ] || exec ci/testdata.sh
