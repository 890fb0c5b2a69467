#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Run capejail with stderr on a pipe nobody reads for 2 s.

    full_stderr.py CAPEJAIL [CAPEJAIL-ARGS...] -- PROGRAM...

Prints, one per line: "rc N", "nonblock_after 0|1" (O_NONBLOCK on the
caller's pipe after capejail exited) and every line of capejail's stderr
that starts with "capejail:" (the program's filler is dropped).
"""
import fcntl
import os
import subprocess
import sys
import time


def drain(fd):
    """What the non-blocking FD holds now."""
    data = b""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except BlockingIOError:
            return data
        if not chunk:
            return data
        data += chunk


def main(argv):
    r, w = os.pipe()
    p = subprocess.Popen(argv[1:], stderr=w, stdin=subprocess.DEVNULL)
    time.sleep(2)  # the program fills the pipe meanwhile
    os.set_blocking(r, False)
    data = b""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        data += drain(r)
        if p.poll() is not None:
            # capejail may have written its last bytes between the drain
            # above and its exit: drain once more before stopping
            data += drain(r)
            break
        time.sleep(0.05)
    if p.poll() is None:
        p.kill()
        p.wait()
    # What capejail left on the caller's (shared) file description.
    nonblock = bool(fcntl.fcntl(w, fcntl.F_GETFL) & os.O_NONBLOCK)
    print("rc", p.returncode)
    print("nonblock_after", int(nonblock))
    for line in data.split(b"\n"):
        i = line.find(b"capejail:")
        if i >= 0:
            print(line[i:].decode("ascii", "backslashreplace"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
