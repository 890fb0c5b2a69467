#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# Real programs run unchanged under the default jail, with no profile: the
# host's root (read-only, no -r), the default user nobody, the jail's own
# /tmp. Each check skips, saying why, only when its program is not
# installed (ci/deps.sh installs them all).
#
# The servers (python http.server, node and perl servers, multiprocessing's
# spawn and forkserver, which talk over a listening Unix socket) need listen
# and accept, which this policy still kills; the private-network listen
# rows come with issue 22. Until then they skip, saying so, and run by
# themselves as soon as the policy lets listen through.
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:$PATH
readonly E2E_TIMEOUT=${E2E_TIMEOUT:-60}
e2e_need_root "real programs in the jail" || t_done
T=$(mktemp -d)
t_cleanup rm -rf --one-file-system "$T"
e2e_scratch_for_rootless "$T"
RC=0 OUT='' ERR=''

PY=/usr/bin/python3
NODE=$(type -P node || true)
PERL=$(type -P perl || true)

# have NAME PATH...: 0 when every PATH is an executable; else skip NAME.
have() {
	local name=$1 p
	shift
	for p in "$@"; do
		if [ -z "$p" ] || [ ! -x "$p" ]; then
			t_skip "$name" "${p:-a program} is not installed (ci/deps.sh installs it)"
			return 1
		fi
	done
}

# Does the default policy let a server listen? (issue 22)
LISTEN=0
if have "listen probe" "$PY"; then
	cj -- "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(1); print("listening")'
	[ "$RC" -eq 0 ] && LISTEN=1
fi
# server NAME: 0 when servers can run; else skip NAME, saying why.
server() {
	[ "$LISTEN" -eq 1 ] && return 0
	t_skip "$1" "listen is killed by this policy: servers in the jail come with issue 22 (private-network listen)"
	return 1
}

# python3: threads, subprocess, sqlite3, ssl, asyncio in one run.
if have "python3 threads, subprocess, sqlite3, ssl, asyncio" "$PY"; then
	cj -d /tmp -- "$PY" -c '
import asyncio, sqlite3, ssl, subprocess, threading
out = []
ts = [threading.Thread(target=out.append, args=(i,)) for i in range(8)]
[t.start() for t in ts]; [t.join() for t in ts]
assert sorted(out) == list(range(8))
assert subprocess.run(["/bin/echo", "sub"], capture_output=True, text=True).stdout == "sub\n"
db = sqlite3.connect("/tmp/t.db")
db.execute("create table t (x)"); db.executemany("insert into t values (?)", [(i,) for i in range(10)])
assert db.execute("select sum(x) from t").fetchone()[0] == 45
ctx = ssl.create_default_context()
assert ctx.verify_mode == ssl.CERT_REQUIRED
async def main():
    p = await asyncio.create_subprocess_exec("/bin/echo", "async", stdout=asyncio.subprocess.PIPE)
    out, _ = await p.communicate()
    await asyncio.gather(*(asyncio.sleep(0.01) for _ in range(5)))
    return out.decode().strip()
print("python-ok", asyncio.run(main()))'
	expect "python3: threads, subprocess, sqlite3, ssl, asyncio" 0 '^python-ok async$'
fi

# multiprocessing, every start method (fork needs nothing; spawn and
# forkserver start their children through a listening Unix socket).
MP_PY='import multiprocessing as mp, sys
def sq(x): return x * x
if __name__ == "__main__":
    mp.set_start_method(sys.argv[1])
    with mp.Pool(2) as p: print(sys.argv[1], sum(p.map(sq, range(10))))'
if have "python3 multiprocessing" "$PY"; then
	# The script must be a file for spawn; bound in read-only (the jail's /tmp is its own).
	MP=$(mktemp -d -p "$E2E_REPO/build" programs.XXXXXX)
	t_cleanup rm -rf --one-file-system "$MP"
	chmod 755 "$MP"
	printf '%s\n' "$MP_PY" >"$MP/mp.py"
	chmod 644 "$MP/mp.py"
	for method in fork spawn forkserver; do
		if [ "$method" != fork ] && ! server "python3 multiprocessing $method"; then
			continue
		fi
		cj -d /tmp --ro-bind "$MP/mp.py:/job/mp.py" -- "$PY" /job/mp.py "$method"
		expect "python3 multiprocessing $method: a pool of 2 maps" 0 "^$method 285$"
	done
fi

# http.server with a client on loopback (port 0: the kernel picks one).
if have "python3 http.server" "$PY" && server "python3 http.server + urllib client"; then
	cj -d /tmp -- "$PY" -c '
import http.server, threading, urllib.request
srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), http.server.SimpleHTTPRequestHandler)
threading.Thread(target=srv.serve_forever, daemon=True).start()
with urllib.request.urlopen("http://127.0.0.1:%d/" % srv.server_address[1]) as r:
    print("status", r.status)
srv.shutdown()'
	expect "python3 http.server + urllib client" 0 '^status 200$'
fi

# node: worker_threads, fs.watch, file I/O with io_uring on (it answers
# ENOSYS in the jail: libuv falls back).
if have "node" "$NODE"; then
	cj -d /tmp -e UV_USE_IO_URING=1 -- "$NODE" -e '
const { Worker } = require("worker_threads");
const fs = require("fs");
const w = new Worker("require(\"worker_threads\").parentPort.postMessage(6 * 7)", { eval: true });
w.on("message", (n) => {
  fs.mkdirSync("/tmp/w");
  const watcher = fs.watch("/tmp/w", () => {
    watcher.close();
    fs.readFile("/tmp/w/f", "utf8", (e, d) => console.log("node-ok", n, e ? e.message : d));
  });
  fs.writeFileSync("/tmp/w/f", "watched");
});'
	expect "node: worker_threads, fs.watch, fs with io_uring on" 0 '^node-ok 42 watched$'
	if server "node http server + client"; then
		cj -- "$NODE" -e '
const http = require("http");
const srv = http.createServer((q, r) => r.end("hi")).listen(0, "127.0.0.1", () => {
  http.get({ port: srv.address().port, host: "127.0.0.1" }, (r) => {
    let b = ""; r.on("data", (c) => (b += c)); r.on("end", () => { console.log("node-http", r.statusCode, b); srv.close(); });
  });
});'
		expect "node http server + client" 0 '^node-http 200 hi$'
	fi
fi

# perl: fork and a socketpair; a server with a client.
if have "perl" "$PERL"; then
	cj -- "$PERL" -e '
use Socket;
socketpair(my $a, my $b, AF_UNIX, SOCK_STREAM, 0) or die "socketpair: $!";
my $pid = fork() // die "fork: $!";
if (!$pid) { close $a; print $b "from-child\n"; exit 0 }
close $b; my $l = <$a>; waitpid($pid, 0); print "perl-ok $l";'
	expect "perl: fork, socketpair" 0 '^perl-ok from-child$'
	if server "perl IO::Socket server + client"; then
		cj -- "$PERL" -MIO::Socket::INET -e '
my $s = IO::Socket::INET->new(Listen => 5, LocalAddr => "127.0.0.1", LocalPort => 0, ReuseAddr => 1) or die $!;
my $pid = fork() // die;
if (!$pid) { my $c = IO::Socket::INET->new(PeerAddr => "127.0.0.1", PeerPort => $s->sockport) or die $!; print $c "hello\n"; exit 0 }
my $c = $s->accept; my $l = <$c>; waitpid($pid, 0); print "perl-server $l";'
		expect "perl IO::Socket server + client" 0 '^perl-server hello$'
	fi
fi

# gcc + make build a C program in the jail's /tmp and run it (make's
# posix_spawn resets ids to its own: setresuid(-1, uid, -1)).
if have "gcc + make" "$(type -P gcc)" "$(type -P make)"; then
	cj -d /tmp -- /bin/sh -c 'printf "#include <stdio.h>\nint main(void) { puts(\"hello\"); return 0; }\n" >hello.c
printf "hello: hello.c\n\tgcc -O2 -o hello hello.c\n" >Makefile
make -s && ./hello'
	expect "gcc + make: build and run a C program" 0 '^hello$'
fi

# git: a repository made, committed to and read back.
if have "git" "$(type -P git)"; then
	cj -d /tmp -e HOME=/tmp -- /bin/sh -c 'set -e
git init -q r && cd r && echo one >f && git add f
git -c user.name=t -c user.email=t@e commit -qm first && git log --oneline | wc -l'
	expect "git: init, add, commit, log" 0 '^1$'
fi

# busybox-static applets as a non-root user (they setgid/setuid to their
# own ids).
if have "busybox-static" /bin/busybox; then
	cj -u 1000 -d /tmp -- /bin/busybox sh -c 'set -e
busybox id -u; echo b | busybox sed s/b/B/; busybox seq 3 | busybox awk "{s+=\$1} END {print s}"
busybox mkdir d && busybox touch d/x && busybox ls d'
	expect "busybox-static applets as uid 1000" 0 '^x$'
	t_eq "busybox-static applets as uid 1000: their output" $'1000\nB\n6\nx' "$OUT"
fi

# coreutils, grep, sed, awk in a pipeline.
cj -d /tmp -- /bin/sh -c 'seq 1 100 | grep 7 | sed s/7/seven/ | awk "{n++} END {print n}" | tr -d " " | sort | head -1'
expect "coreutils | grep | sed | awk pipeline" 0 '^19$'

# tar + gzip round trip.
if have "tar + gzip" "$(type -P tar)" "$(type -P gzip)"; then
	cj -d /tmp -- /bin/sh -c 'set -e; mkdir a; echo data >a/f
tar czf a.tgz a && rm -r a && tar xzf a.tgz && cat a/f'
	expect "tar + gzip: create and extract" 0 '^data$'
fi

# sqlite3 command line.
if have "sqlite3" "$(type -P sqlite3)"; then
	cj -d /tmp -- sqlite3 /tmp/db 'create table t (x); insert into t values (1), (2), (39); select sum(x) from t;'
	expect "sqlite3: create, insert, select" 0 '^42$'
fi

# ping in the jail's own network (-n): an ICMP echo socket for its group.
if have "ping" /usr/bin/ping; then
	cj -n -- /usr/bin/ping -c 1 -W 5 127.0.0.1
	expect "ping -n 127.0.0.1: one reply" 0 ' 1 received'
fi

t_done
