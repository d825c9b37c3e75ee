#!/usr/bin/python3
"""Runs a command on a pseudo-terminal, as a person at a terminal would.

Usage: pty_drive.py OUT TIMEOUT STEP... -- CMD ARGS...
STEP is "send:TEXT" (typed into the terminal; \\n and \\r escapes allowed) or
"expect:REGEX" (wait until the terminal's output matches). After the steps the
output is read until the command ends. The command's stdin, stdout and stderr
are the terminal (canonical mode, echo on). Everything it printed goes to OUT;
the exit status is the command's, or 124 if it was still running after
TIMEOUT seconds (then it is killed). Standard library only.
"""
import codecs
import os
import pty
import re
import select
import signal
import sys
import time

out_path, timeout = sys.argv[1], float(sys.argv[2])
split = sys.argv.index("--")
steps, cmd = sys.argv[3:split], sys.argv[split + 1:]
deadline = time.monotonic() + timeout

pid, fd = pty.fork()
if pid == 0:
    os.execvp(cmd[0], cmd)

output = bytearray()


def read_some(wait):
    """Reads what the terminal has; False once the command has closed it."""
    ready, _, _ = select.select([fd], [], [], wait)
    if not ready:
        return True
    try:
        data = os.read(fd, 65536)
    except OSError:  # EIO: the command exited and the terminal is gone
        return False
    output.extend(data)
    return bool(data)


def finish(status):
    with open(out_path, "wb") as f:
        f.write(output)
    sys.exit(status)


def timed_out():
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    finish(124)


open_ = True
for step in steps:
    kind, _, arg = step.partition(":")
    if kind == "send":
        os.write(fd, codecs.decode(arg, "unicode_escape").encode("latin-1"))
    elif kind == "expect":
        pattern = re.compile(arg.encode(), re.M)
        while open_ and not pattern.search(output):
            if time.monotonic() > deadline:
                timed_out()
            open_ = read_some(0.05)
    else:
        sys.exit("pty_drive.py: bad step " + step)

while open_:
    if time.monotonic() > deadline:
        timed_out()
    open_ = read_some(0.05)
while True:
    done, status = os.waitpid(pid, os.WNOHANG)
    if done:
        finish(os.waitstatus_to_exitcode(status))
    if time.monotonic() > deadline:
        timed_out()
    time.sleep(0.01)
