"""What a run starts never outlives it: a watchdog for the run's child processes.

Prefect starts its temporary local server (prefect.server.api.server.SubprocessASGIServer) as a
child process and stops it from an atexit hook; a run killed with SIGKILL runs no hook, and the
server (about 190 MB) was orphaned for good. `guard_children()` is called once per process before
Prefect starts anything: it marks the process's environment with a token (every child inherits
it, the server included, since Prefect passes os.environ to it) and starts this module as a
small watchdog holding the read end of a pipe. The kernel closes the write end when the run's
process ends, however it ends; the watchdog then reads EOF and terminates (SIGTERM, then SIGKILL
after a grace period) every process still carrying the token.

Run as a script (`python -I -S reaper.py TOKEN FD`), it imports only the standard library.
"""
from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

GUARD_ENV = "PLANGAP_RUN_GUARD"  # the token a run's children carry in their environment
GRACE = 5.0  # seconds between SIGTERM and SIGKILL

_guarded_pid: int | None = None  # the process whose watchdog is running (a fork starts its own)
_keep: list[int] = []  # the write end of the watchdog's pipe, open until the process ends


def guard_children() -> str:
    """Start the watchdog of this process (once) and return the token its children carry."""
    global _guarded_pid
    if _guarded_pid == os.getpid():
        return os.environ[GUARD_ENV]
    token = f"{os.getpid()}-{uuid.uuid4().hex[:12]}"
    read_fd, write_fd = os.pipe()  # both ends non-inheritable: only the watchdog gets the read end
    env = {k: v for k, v in os.environ.items() if k != GUARD_ENV}
    subprocess.Popen([sys.executable, "-I", "-S", str(Path(__file__).resolve()), token, str(read_fd)],
                     pass_fds=(read_fd,), env=env, start_new_session=True,  # no terminal signals
                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(read_fd)
    _keep.append(write_fd)  # held open until the process ends: its closing is the signal
    os.environ[GUARD_ENV] = token
    _guarded_pid = os.getpid()
    return token


def marked(token: str, proc: Path = Path("/proc")) -> list[int]:
    """The live processes whose environment carries `token` (this one excepted)."""
    needle = f"{GUARD_ENV}={token}".encode()
    found = []
    for entry in proc.iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            environ = (entry / "environ").read_bytes()
        except OSError:  # gone, or not ours
            continue
        if needle in environ.split(b"\0"):
            found.append(int(entry.name))
    return found


def reap(token: str, grace: float = GRACE) -> list[int]:
    """Terminate every process carrying `token`: SIGTERM, then SIGKILL for those left after
    `grace` seconds; return the pids signalled."""
    victims = marked(token)
    for pid in victims:
        _signal(pid, signal.SIGTERM)
    end = time.monotonic() + grace
    while time.monotonic() < end and marked(token):
        time.sleep(0.1)
    for pid in marked(token):
        _signal(pid, signal.SIGKILL)
    return victims


def _signal(pid: int, sig: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.kill(pid, sig)


def _watch(token: str, fd: int) -> None:
    """Block until the run's process has closed its end of the pipe, then reap its children."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while True:
        try:
            if not os.read(fd, 1):
                break
        except InterruptedError:
            continue
        except OSError:
            break
    reap(token)


if __name__ == "__main__":
    _watch(sys.argv[1], int(sys.argv[2]))
