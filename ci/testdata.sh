#!/usr/bin/env bash
# Test data that comes from a real package rather than from this
# repository: the containers/podman default seccomp profile, as Debian's
# golang-github-containers-common installs it at
# /usr/share/containers/seccomp.json. Only the .deb is downloaded and the
# one file extracted (installing the package would pull in container
# networking). Writes build/testdata/containers-seccomp.json; exit 69 with
# the command to run when it cannot be had.
set -u
cd "$(dirname "$0")/.."
PKG=golang-github-containers-common
OUT=build/testdata/containers-seccomp.json
[ -s "$OUT" ] && exit 0
if [ -r /usr/share/containers/seccomp.json ] && dpkg -S /usr/share/containers/seccomp.json >/dev/null 2>&1; then
	mkdir -p "${OUT%/*}" && cp /usr/share/containers/seccomp.json "$OUT" && exit 0
fi
tmp=$(mktemp -d) || exit 70
trap 'rm -rf -- "$tmp"' EXIT
fetch() { (cd "$tmp" && apt-get download -q "$PKG" >"$tmp/log" 2>&1); }
if ! fetch && [ "$(id -u)" -eq 0 ]; then
	apt-get update -q >/dev/null 2>&1 # the package lists may be missing on a new machine
	fetch
fi
deb=$(find "$tmp" -maxdepth 1 -name "${PKG}_*.deb" | head -n 1)
if [ -z "$deb" ] || ! dpkg-deb -x "$deb" "$tmp/x" || [ ! -s "$tmp/x/usr/share/containers/seccomp.json" ]; then
	echo "capejail: error: cannot get the containers/podman seccomp profile (Debian package $PKG) for the tests" >&2
	sed 's/^/capejail:   /' "$tmp/log" >&2 2>/dev/null
	echo "capejail: hint: run: apt-get update && (cd build/testdata && apt-get download $PKG), or set CAPEJAIL_CONTAINERS_PROFILE to a copy of /usr/share/containers/seccomp.json" >&2
	exit 69
fi
mkdir -p "${OUT%/*}" && cp "$tmp/x/usr/share/containers/seccomp.json" "$OUT"
echo "capejail: test data: $OUT from $(basename "$deb")"
