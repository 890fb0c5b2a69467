#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Drive an interactive program on a pseudo-terminal, as a person would.

    pty_session.py SCRIPT -- COMMAND...

SCRIPT is a file of steps, one per line: "send TEXT" (Python escapes:
\\n, \\x1a for ^Z, \\x03 for ^C), "expect REGEX" (wait up to 20 s for it in
the output seen since the last expect), "sleep SECONDS". The command runs
with the pty as its controlling terminal. Prints "ok" or "FAIL: which step"
and the output tail, then "rc N" (the command's exit status); exit 0 only
when every step passed.
"""
import codecs
import fcntl
import os
import pty
import re
import select
import sys
import termios
import time


def main(argv):
    i = argv.index("--")
    steps = open(argv[1]).read().splitlines()
    master, slave = pty.openpty()
    pid = os.fork()
    if pid == 0:
        os.close(master)
        os.setsid()
        fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
        for fd in (0, 1, 2):
            os.dup2(slave, fd)
        os.execvp(argv[i + 1], argv[i + 1:])
    os.close(slave)
    seen = b""

    def read_some(timeout):
        nonlocal seen
        r, _, _ = select.select([master], [], [], timeout)
        if r:
            try:
                seen += os.read(master, 65536)
            except OSError:
                return False
        return True

    failed = None
    for step in steps:
        if not step.strip() or step.startswith("#"):
            continue
        verb, _, arg = step.partition(" ")
        if verb == "send":
            os.write(master, codecs.decode(arg, "unicode_escape").encode())
        elif verb == "sleep":
            end = time.monotonic() + float(arg)
            while time.monotonic() < end:
                read_some(0.05)
        elif verb == "expect":
            end = time.monotonic() + 20
            while not re.search(arg.encode(), seen):
                if time.monotonic() > end or not read_some(0.1):
                    break
            m = re.search(arg.encode(), seen)
            if not m:
                failed = step
                break
            seen = seen[m.end():]
    end = time.monotonic() + 20
    status = None
    while time.monotonic() < end:
        read_some(0.05)
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
    else:
        os.kill(pid, 9)
        _, status = os.waitpid(pid, 0)
    if failed:
        print("FAIL: " + failed)
        print(seen[-600:].decode("ascii", "backslashreplace"))
    else:
        print("ok")
    print("rc", os.waitstatus_to_exitcode(status))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
