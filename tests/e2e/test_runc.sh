#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# capejail's policy enforced by a real OCI runtime: 'capejail-syscalls
# export --format oci' goes into linux.seccomp of a tiny bundle (a static
# busybox), and runc runs it. An allowed program runs; a syscall capejail
# blocks kills the container process (exit status 159 = 128 + SIGSYS),
# while the same bundle without the profile only gets EPERM from the
# missing capability. Needs root, runc, a static busybox and python3.
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

readonly SYS_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export PATH=$SYS_PATH:$PATH
CJS=${CAPEJAIL_SYSCALLS:-$E2E_REPO/build/capejail-syscalls}
readonly RUNC_TIMEOUT=${RUNC_TIMEOUT:-60}
readonly BUSYBOX=${BUSYBOX:-/bin/busybox}

B=      # the bundle
N=0     # containers started
RC=0 OUT='' ERR='' CMD=''

# Every container this file starts is deleted, even after a failure.
# shellcheck disable=SC2317 # called by t_cleanup at exit
cleanup_containers() {
	local i
	for ((i = 1; i <= N; i++)); do
		timeout 30 runc delete -f "cj-e2e-$$-$i" >/dev/null 2>&1
	done
	return 0
}

# Edit the bundle's config.json: PROFILE ('' to drop linux.seccomp), ARGS...
configure() {
	local profile=$1
	shift
	python3 - "$B/config.json" "$profile" "$@" <<'EOF'
import json, sys
path, profile, args = sys.argv[1], sys.argv[2], sys.argv[3:]
with open(path) as f:
    config = json.load(f)
config["process"]["args"] = args
config["process"]["terminal"] = False
if profile:
    with open(profile) as f:
        config["linux"]["seccomp"] = json.load(f)
else:
    config["linux"].pop("seccomp", None)
with open(path, "w") as f:
    json.dump(config, f, indent=1)
EOF
}

# run NAME: runc run the bundle; sets RC, OUT, ERR.
run() {
	N=$((N + 1))
	local id=cj-e2e-$$-$N
	CMD="runc run --bundle $B $id  # args: $*"
	timeout -k 5 "$RUNC_TIMEOUT" runc run --bundle "$B" "$id" >"$B/out" 2>"$B/err" </dev/null
	RC=$?
	OUT=$(cat "$B/out")
	ERR=$(cat "$B/err")
	timeout 30 runc delete -f "$id" >/dev/null 2>&1
}

make_bundle() {
	local a
	B=$(mktemp -d "$E2E_REPO/build/runc-bundle.XXXXXX") || return 1
	t_cleanup rm -rf --one-file-system -- "$B"
	mkdir -p "$B/rootfs/bin" "$B/rootfs/proc" "$B/rootfs/dev" "$B/rootfs/tmp" &&
		cp "$BUSYBOX" "$B/rootfs/bin/busybox" || return 1
	for a in sh echo chroot unshare true cat; do
		ln -s busybox "$B/rootfs/bin/$a" || return 1
	done
	(cd "$B" && runc spec) >/dev/null 2>&1
}

# export NAME FILE OPTIONS...: write capejail's policy as OCI JSON.
export_profile() {
	local name=$1 file=$2
	shift 2
	if ! out=$("$CJS" export --format oci -o "$file" "$@" 2>&1); then
		t_fail "$name" "$(printf '$ %s export --format oci -o %s %s\n%s\n(is export wired into capejail-syscalls?)' \
			"$CJS" "$file" "$*" "$out")"
		return 1
	fi
	if python3 -c 'import json, sys
p = json.load(open(sys.argv[1]))
assert p["defaultAction"] == "SCMP_ACT_KILL_PROCESS", p["defaultAction"]
assert p["architectures"] == ["SCMP_ARCH_X86_64"], p["architectures"]
assert any("read" in s["names"] for s in p["syscalls"])' "$file" 2>"$B/py.err"; then
		t_ok "$name"
	else
		t_fail "$name" "$(cat "$B/py.err")"
		return 1
	fi
}

main() {
	local tool
	e2e_need_root "runc" || t_done
	for tool in runc python3 timeout; do
		command -v "$tool" >/dev/null || {
			t_fail "$tool available" "not found: install it (ci/deps.sh)"
			t_done
		}
	done
	if ! file -L "$BUSYBOX" 2>/dev/null | grep -q 'statically linked'; then
		t_fail "static busybox" "$BUSYBOX is missing or not static (apt-get install busybox-static)"
		t_done
	fi
	[ -x "$CJS" ] || {
		t_fail "capejail-syscalls binary" "$CJS is missing: run 'make' first"
		t_done
	}
	t_cleanup cleanup_containers
	make_bundle || {
		t_fail "OCI bundle" "could not build one under $E2E_REPO/build"
		t_done
	}
	t_ok "bundle: static busybox and 'runc spec'"

	export_profile "export --format oci: valid JSON, KILL_PROCESS default, x86_64" \
		"$B/default.json" || t_done
	configure "$B/default.json" sh -c 'echo ok'
	run sh -c 'echo ok'
	expect "runc + capejail's policy: sh -c 'echo ok' runs" 0 '^ok$'

	configure "$B/default.json" chroot / true
	run chroot / true
	expect "runc + capejail's policy: chroot is killed (159 = 128 + SIGSYS)" 159

	configure "$B/default.json" unshare -U true
	run unshare -U true
	expect "runc + capejail's policy: unshare is killed (159)" 159

	# Control: without the profile the kernel refuses chroot for lack of
	# CAP_SYS_CHROOT (an error, exit 1): the kill above is the filter's.
	configure "" chroot / true
	run chroot / true
	expect "control: no profile, chroot fails with EPERM instead (exit 1)" 1
	if grep -q 'Operation not permitted' <<<"$ERR$OUT"; then
		t_ok "control: busybox reports 'Operation not permitted'"
	else
		t_fail "control: busybox reports 'Operation not permitted'" "$(show)"
	fi

	# Edits travel with the export: --allow chroot gives back the EPERM.
	export_profile "export --format oci --allow chroot" "$B/edited.json" --allow chroot || t_done
	configure "$B/edited.json" chroot / true
	run chroot / true
	expect "runc + exported '--allow chroot': chroot reaches the kernel (EPERM, exit 1)" 1
	t_done
}

main "$@"
