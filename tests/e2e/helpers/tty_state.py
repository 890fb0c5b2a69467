#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Run a command on a fresh pseudo-terminal and compare the terminal's
state before and after it.

    tty_state.py COMMAND...

The command gets the pty's slave as stdin, stdout and stderr (and as its
controlling terminal). Prints "rc N", then one line per property that
differs after the command ended ("changed: NAME before -> after"), then
"same" when nothing did. Checked: the termios attributes (ECHO, ICANON,
ISIG...), O_NONBLOCK and O_APPEND on the slave's file description, and the
exclusive mode (TIOCGEXCL).
"""
import fcntl
import os
import pty
import select
import struct
import sys
import termios
import time

TIOCGEXCL = 0x80045440


def state(fd):
    excl = struct.unpack("i", fcntl.ioctl(fd, TIOCGEXCL, b"\0" * 4))[0]
    fl = fcntl.fcntl(fd, fcntl.F_GETFL) & (os.O_NONBLOCK | os.O_APPEND)
    return {"termios": termios.tcgetattr(fd), "flags": fl, "excl": excl}


def main(argv):
    master, slave = pty.openpty()
    before = state(slave)
    pid = os.fork()
    if pid == 0:
        os.close(master)
        os.setsid()
        fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
        for fd in (0, 1, 2):
            os.dup2(slave, fd)
        os.execvp(argv[1], argv[1:])
    deadline = time.monotonic() + 60
    status = None
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.1)
        if ready:
            try:
                os.read(master, 65536)  # drain the output
            except OSError:
                pass
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
    else:
        os.kill(pid, 9)
        _, status = os.waitpid(pid, 0)
    after = state(slave)
    print("rc", os.waitstatus_to_exitcode(status))
    diff = [k for k in before if before[k] != after[k]]
    for k in diff:
        print("changed: %s %r -> %r" % (k, before[k], after[k]))
    if not diff:
        print("same")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
