#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# --connect HOST:PORT: a jail with a network of its own reaches one listed
# host address, through the supervisor (broker_connect.c), and nothing
# else of the host's. A loopback server on the host (started here, ended
# by pid) says hello; the jail connects to it blocking and non-blocking,
# rootless too; an unlisted port of the same server is the jail's own
# loopback (refused), another address unreachable; the control without
# --connect cannot reach it.
#
# Safety: loopback only, every capejail under timeout(1), the server is
# this file's and ends with it. Needs root.
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
e2e_setup connect "--connect"

# The host's server: port 0 (the kernel picks), written to a file.
python3 -c '
import socket, sys
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(16)
open(sys.argv[1], "w").write(str(s.getsockname()[1]))
s.settimeout(60)
while True:
    try:
        c, _ = s.accept()
    except OSError:
        break
    c.sendall(b"hello-from-host\n")
    c.close()
' "$T/port" &
server=$!
t_cleanup kill_job "$server"
for _ in $(seq 50); do [ -s "$T/port" ] && break; sleep 0.1; done
PORT=$(cat "$T/port" 2>/dev/null)
if [ -z "$PORT" ]; then
	t_fail "host server" "no port after 5 s"
	t_done
fi
OTHER=$((PORT == 65535 ? PORT - 1 : PORT + 1))

readonly PROG='
import select, socket, sys
port, other = int(sys.argv[1]), int(sys.argv[2])
def hello(blocking):
    s = socket.socket()
    if blocking:
        s.settimeout(5)
        s.connect(("127.0.0.1", port))
    else:
        s.setblocking(False)
        try:
            s.connect(("127.0.0.1", port))
        except BlockingIOError:
            pass
        select.select([s], [], [], 5)
    return s.recv(100).decode().strip()
for blocking in (True, False):
    try:
        print("listed", blocking, hello(blocking))
    except OSError as e:
        print("listed", blocking, "errno", e.errno)
for addr in (("127.0.0.1", other), ("10.255.255.1", 80)):
    try:
        socket.create_connection(addr, timeout=3)
        print("unlisted", addr[1], "connected")
    except OSError as e:
        print("unlisted", addr[1], "errno", e.errno)
'

# The control: the jail's own network has no such server.
jail -q -- /usr/bin/python3 -c "$PROG" "$PORT" "$OTHER"
expect "control: without --connect the host's server is out of reach (ECONNREFUSED)" 0 '^listed True errno 111$'

for as in root rootless; do
	if [ $as = rootless ]; then
		read -r uid gid < <("$E2E_REPO/ci/rootless-user.sh")
		CJ_AS=(setpriv --reuid="$uid" --regid="$gid" --clear-groups --)
	fi
	jail -q --connect "127.0.0.1:$PORT" -- /usr/bin/python3 -c "$PROG" "$PORT" "$OTHER"
	expect "$as --connect: a blocking connect reaches the host's server" 0 '^listed True hello-from-host$'
	expect "$as --connect: a non-blocking one too" 0 '^listed False hello-from-host$'
	expect "$as --connect: another port is the jail's own loopback (ECONNREFUSED)" 0 "^unlisted $OTHER errno 111$"
	expect "$as --connect: another address is unreachable (ENETUNREACH)" 0 '^unlisted 80 errno 101$'
	CJ_AS=()
done

# What the broker did: in the status object and the --broker-log file.
jail -q --status-fd 3 --broker-log "$T/broker.log" --connect "127.0.0.1:$PORT" -- \
	/usr/bin/python3 -c "$PROG" "$PORT" "$OTHER" 3>"$T/status.json"
e2e_status "status object: the brokered connects, with the descriptor the program got" \
	'broker.0.op="connect"' "broker.0.target=\"127.0.0.1:$PORT\"" 'broker.0.error=null' \
	'broker.1.op="connect"' 'broker_unlisted_actions=0'
t_check "--broker-log: one line per brokered connect, none for unlisted ones" "$(cat "$T/broker.log" 2>&1)" \
	eval '[ "$(grep -c " connect 127.0.0.1:$PORT flags 0x0 -> fd [0-9]*\$" "$T/broker.log")" = 2 ] &&
		! grep -q ":$OTHER " "$T/broker.log"'

jail --connect "127.0.0.1:$PORT" --share-net -- /bin/true
expect "--connect with --share-net: a usage error" 64 '' '^capejail: error: --connect gives a jail'
jail --connect "example.org:80" -- /bin/true
expect "--connect with a name: a usage error (names are not looked up)" 64 '' "^capejail: error: --connect 'example.org:80': not an address"

t_done
