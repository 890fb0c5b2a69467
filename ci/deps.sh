#!/usr/bin/env bash
# Check what capejail needs to build and test; as root, install what is
# missing with apt-get; otherwise print the exact command and fail (69).
set -u
pkgs=()
# libFuzzer's runtime, for make fuzz / fuzz-smoke.
has_fuzzer_runtime() {
	compgen -G '/usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a' >/dev/null
}
need() { # need PACKAGE CHECK-COMMAND...
	local pkg=$1; shift
	"$@" >/dev/null 2>&1 || pkgs+=("$pkg")
}
need pkg-config       command -v pkg-config
need libseccomp-dev   pkg-config --exists libseccomp
need libcmocka-dev    pkg-config --exists cmocka
need libjansson-dev   pkg-config --exists jansson
need strace           command -v strace
need make             command -v make
need gcc              command -v gcc
need clang-format     command -v clang-format
need busybox-static   test -x /bin/busybox
need python3          test -x /usr/bin/python3
need iputils-ping     test -x /usr/bin/ping
need iproute2         command -v ip
need runc             command -v runc
need bubblewrap       command -v bwrap
need procps           command -v ps
need util-linux       command -v unshare
need file             command -v file
need clang            command -v clang
need libclang-rt-14-dev has_fuzzer_runtime
[ ${#pkgs[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
	echo "capejail: error: missing packages: ${pkgs[*]}" >&2
	echo "capejail: hint: run: sudo apt-get update && sudo apt-get install -y ${pkgs[*]}" >&2
	exit 69
fi
echo "capejail: installing missing packages: ${pkgs[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends "${pkgs[@]}" >/dev/null \
	|| { echo "capejail: error: apt-get install ${pkgs[*]} failed" >&2; exit 69; }
