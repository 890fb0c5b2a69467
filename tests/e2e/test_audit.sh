#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# capejail --audit (a complain mode): the whole jail, but a call the policy
# blocks is recorded and allowed; the report lists each such syscall with
# its count and first caller, and the status object has them with their
# rationale. The control: the same program without --audit is killed at
# the first of them.
#
# Safety: every capejail runs under timeout(1); the calls audited here are
# refused by the kernel anyway (the jail holds no capability), so nothing
# they could do happens. Needs root.
#
# shellcheck disable=SC2317
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

readonly SYS_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export PATH=$SYS_PATH:$PATH
readonly E2E_TIMEOUT=${E2E_TIMEOUT:-60}

T=
ROOT=
e2e_setup audit "capejail --audit"

# chroot three times, then umount2 once: each refused by the kernel (EPERM).
readonly PROG='
import ctypes, os
for i in range(3):
    try:
        os.chroot("/tmp")
    except OSError as e:
        print("chroot", e.errno)
libc = ctypes.CDLL(None, use_errno=True)
print("umount2", libc.umount2(b"/tmp", 0), ctypes.get_errno())
'

# The control: the policy kills at the first chroot.
jail -- /usr/bin/python3 -c "$PROG"
expect "control: without --audit, chroot kills (159)" 159 '' "killed: blocked syscall chroot"

rm -f -- "$T/status.json"
jail --audit --status-file "$T/status.json" -- /usr/bin/python3 -c "$PROG"
expect "--audit: the program runs to its end (exit 0)" 0 '^umount2 -1 1$'
t_eq "--audit: the kernel still refuses each call (EPERM: no capability)" "chroot 1 chroot 1 chroot 1" \
	"$(grep ^chroot <<<"$OUT" | tr '\n' ' ' | sed 's/ $//')"
t_check "--audit: warns that the filter protects nothing" "$(show)" \
	grep -q '^capejail: warning: --audit: a call the policy blocks is recorded and ALLOWED' <<<"$ERR"
t_check "--audit: the report says how many" "$(show)" \
	grep -q "^capejail: warning: audit: 2 syscalls the policy blocks, allowed by --audit:$" <<<"$ERR"
t_check "--audit: chroot's line: count, first caller, why" "$(show)" \
	grep -q "^capejail: audit: chroot (161) x3, first by 'python3' (pid 2): Changes the process root directory" <<<"$ERR"
t_check "--audit: umount2's line" "$(show)" \
	grep -q "^capejail: audit: umount2 (166) x1, first by 'python3' (pid 2): " <<<"$ERR"
t_check "--audit: the hint says where to read more" "$(show)" \
	grep -q '^capejail: hint: more: .*capejail-syscalls explain NAME' <<<"$ERR"
e2e_status "--audit: the status object lists them, valid against the schema" \
	ending='"exited"' exit_status=0 audit.0.name='"chroot"' audit.0.number=161 \
	audit.0.count=3 audit.0.first_comm='"python3"' audit.1.name='"umount2"' audit.1.count=1 \
	audit_unlisted_calls=0

# A program that makes no such call: said so, and an empty list.
rm -f -- "$T/status.json"
jail --audit -q --status-file "$T/status.json" -- /bin/true
expect "--audit, nothing blocked: exit 0" 0
e2e_status "--audit, nothing blocked: an empty list" ending='"exited"' audit='[]'
jail --audit -- /bin/true
t_check "--audit, nothing blocked: the report says so" "$(show)" \
	grep -q '^capejail: audit: the program made no call the policy blocks$' <<<"$ERR"

# Without --audit the status object has no audit key at all.
rm -f -- "$T/status.json"
jail -q --status-file "$T/status.json" -- /bin/true
e2e_status "without --audit: no audit key" audit=null

# Every other layer holds: the root stays read-only, the network private.
jail --audit -q -- /bin/sh -c 'touch /etc/x 2>/dev/null && echo WRITABLE; cat /proc/net/dev | grep -c :'
expect "--audit: the root stays read-only, only loopback" 0 '^1$'

jail --audit -I -- /bin/true
expect "--audit with -I: a usage error" 64 '' '^capejail: error: --audit records what the filter blocks'

t_done
