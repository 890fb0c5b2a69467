#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# The jail's network (issue 22): a private network namespace by default,
# where servers work; -n still accepted; --share-net a client of the host's
# network that cannot take the host's ports or abstract names;
# --allow-bind opening exactly the port it names. Every host port is
# ephemeral (others run tests at the same time).
set -u
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

readonly HOST_PYTHON=/usr/bin/python3
readonly E2E_TIMEOUT=${E2E_TIMEOUT:-60}

T=
ROOT=

# A free TCP and UDP port on the host's loopback, picked by the kernel.
free_port() {
	"$HOST_PYTHON" -c '
import socket
while True:
    t = socket.socket(); t.bind(("127.0.0.1", 0)); p = t.getsockname()[1]
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        u.bind(("127.0.0.1", p))
    except OSError:
        continue
    print(p); break'
}

# A python http.server and its client, both in the default jail, on a
# fixed port: the jail's loopback is its own, nobody else's.
check_http_server() {
	jail -- /bin/sh -c '
/usr/bin/python3 -m http.server --bind 127.0.0.1 8000 --directory /etc >/dev/null 2>&1 &
/usr/bin/python3 -c "
import time, urllib.request
for i in range(200):
    try:
        r = urllib.request.urlopen(\"http://127.0.0.1:8000/passwd\", timeout=5)
        print(\"status\", r.status, \"jailuser\" in r.read().decode()); break
    except OSError:
        time.sleep(0.1)
else:
    print(\"no answer\")
"
kill $!'
	expect "default jail: python http.server answers its client on 127.0.0.1:8000" 0 '^status 200 True$'
}

# -n is accepted and changes nothing: the same private network.
check_n_accepted() {
	jail -n -- /usr/bin/python3 -c '
import socket
s = socket.socket(); s.bind(("127.0.0.1", 8000)); s.listen(1)
print(sorted(l.split(":")[0].strip() for l in open("/proc/net/dev").readlines()[2:]))'
	expect "-n: accepted; a private network (only lo) where listen works" 0 "^\\['lo'\\]$"
}

# --share-net: connect to a host loopback listener, connect only.
check_share_net_client() {
	local port
	"$HOST_PYTHON" -c '
import socket, sys, os
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(4)
with open(sys.argv[1] + ".tmp", "w") as f: f.write(str(s.getsockname()[1]))
os.rename(sys.argv[1] + ".tmp", sys.argv[1])
s.settimeout(50)
c, _ = s.accept(); c.sendall(b"hello-from-host\n"); c.close()' "$T/lport" </dev/null >/dev/null 2>"$T/l.err" &
	local lpid=$!
	t_cleanup kill_job "$lpid"
	for ((i = 0; i < 400; i++)); do [ -s "$T/lport" ] && break; sleep 0.025; done
	port=$(cat "$T/lport" 2>/dev/null)
	if [ -z "$port" ]; then
		t_fail "host loopback listener" "did not start: $(cat "$T/l.err")"
		return
	fi
	jail -- /usr/bin/python3 -c "
import socket
try:
    socket.create_connection(('127.0.0.1', $port), timeout=5); print('connected')
except OSError as e:
    print('refused', e.errno)"
	expect "default: the host's loopback listener is unreachable" 0 '^refused'
	jail --share-net -- /usr/bin/python3 -c "
import socket
s = socket.create_connection(('127.0.0.1', $port), timeout=10)
print(s.recv(64).decode().strip())"
	expect "--share-net: connects to the host's loopback listener" 0 '^hello-from-host$' \
		'warning: --share-net: the jail shares the host'
	jail -q --share-net -- /bin/true
	expect "--share-net -q: no warning" 0 '' '^$'
	[ -z "$ERR" ] || t_fail "--share-net -q: stderr is empty" "$(show)"
}

# --share-net: binding the host's TCP/UDP ports and abstract names fails.
check_no_squatting() {
	local p
	p=$(free_port)
	jail --share-net -q -- /usr/bin/python3 -c "
import errno, socket
def t(fam, typ, addr):
    s = socket.socket(fam, typ)
    try:
        s.bind(addr); return 'bound'
    except OSError as e:
        return errno.errorcode[e.errno]
print(t(socket.AF_INET, socket.SOCK_STREAM, ('127.0.0.1', $p)),
      t(socket.AF_INET, socket.SOCK_DGRAM, ('127.0.0.1', $p)),
      t(socket.AF_INET6, socket.SOCK_DGRAM, ('::1', $p)),
      t(socket.AF_UNIX, socket.SOCK_STREAM, '\0capejail-e2e-$p'))
s = socket.socket(); 
try:
    s.listen(1); print('listening')
except OSError as e:
    print('listen', errno.errorcode[e.errno])"
	expect "--share-net: TCP, UDP (v4, v6) bind of host port $p and an abstract name refused" 0 \
		'^EACCES EACCES (EACCES|EADDRNOTAVAIL) EACCES$'
	expect "--share-net: listen on an unbound socket (an ephemeral host port) refused" 0 '^listen EACCES$'
}

# --allow-bind P: P, TCP and UDP, binds and serves the host; Q does not.
check_allow_bind() {
	local p q i
	p=$(free_port)
	q=$(free_port)
	[ "$q" != "$p" ] || q=$(free_port)
	timeout -k 5 "$E2E_TIMEOUT" "$CAPEJAIL" -q -r "$ROOT" -u jailuser --share-net --allow-bind "$p" \
		--broker-log "$T/ab.log" -- /usr/bin/python3 -c "
import errno, socket, sys
def bind(typ, port):
    s = socket.socket(socket.AF_INET, typ)
    try:
        s.bind(('127.0.0.1', port)); return s
    except OSError as e:
        print('bind', port, errno.errorcode[e.errno]); return None
bind(socket.SOCK_STREAM, $q); bind(socket.SOCK_DGRAM, $q)
u = bind(socket.SOCK_DGRAM, $p)
s = bind(socket.SOCK_STREAM, $p)
s.listen(1); print('listening', $p, u is not None); sys.stdout.flush()
s.settimeout(40)
c, _ = s.accept(); c.sendall(b'hello-from-jail\n'); c.close()" </dev/null >"$T/ab.out" 2>"$T/ab.err" &
	local jpid=$!
	t_cleanup kill_job "$jpid"
	for ((i = 0; i < 800; i++)); do grep -q '^listening' "$T/ab.out" 2>/dev/null && break; sleep 0.05; done
	OUT=$("$HOST_PYTHON" -c "
import socket
s = socket.create_connection(('127.0.0.1', $p), timeout=10)
print(s.recv(64).decode().strip())" 2>&1)
	wait "$jpid"
	RC=$?
	CMD="capejail --share-net --allow-bind $p -- python3 (bind $q, bind/listen $p)"
	if [ "$RC" -eq 0 ] && [ "$OUT" = hello-from-jail ] &&
		grep -q "^bind $q EACCES" "$T/ab.out" && [ "$(grep -c "^bind $q EACCES" "$T/ab.out")" -eq 2 ] &&
		grep -q "^listening $p True" "$T/ab.out"; then
		t_ok "--allow-bind $p: TCP and UDP $p bind, the host connects to $p; TCP and UDP $q refused"
	else
		t_fail "--allow-bind $p: exactly that port" \
			"$(printf 'exit %s\nhost client: %s\njail stdout: %s\njail stderr: %s' "$RC" "$OUT" "$(cat "$T/ab.out")" "$(cat "$T/ab.err")")"
	fi
	if [ "$(grep -c " bind 127.0.0.1:$q flags 0x0 -> EACCES\$" "$T/ab.log")" = 2 ] &&
		grep -q " bind 127.0.0.1:$p flags 0x0 -> fd [0-9]*\$" "$T/ab.log" &&
		grep -q " listen 127.0.0.1:$p flags 0x0 -> fd [0-9]*\$" "$T/ab.log"; then
		t_ok "--broker-log: each bind and listen the broker decided, with its answer"
	else
		t_fail "--broker-log: each bind and listen the broker decided, with its answer" "$(cat "$T/ab.log" 2>&1)"
	fi
	cj --allow-bind "$p" -- /bin/true
	expect "--allow-bind without --share-net: a usage error" 64 '' 'needs --share-net'
}

main() {
	T=$(mktemp -d /tmp/capejail-e2e-net.XXXXXX) || {
		t_fail "scratch directory" "mktemp failed"
		t_done
	}
	t_cleanup rm -rf -- "$T"
	if [ ! -x "$CAPEJAIL" ]; then
		t_fail "capejail binary" "$CAPEJAIL is missing: run 'make' first"
		t_done
	fi
	e2e_need_root "network checks" || t_done
	e2e_rootfs || t_done
	ROOT=$E2E_ROOTFS
	check_http_server
	check_n_accepted
	check_share_net_client
	check_no_squatting
	check_allow_bind
	t_done
}

main "$@"
