"""`plangap run` killed with SIGKILL, and run on a full disk: real processes, a real temporary
Prefect server, a real size-limited folder.

A killed run leaves no Prefect server behind (flows/reaper.py), and the next run records it in
run_log and removes what it left; a run that fails on a full disk leaves the last good report,
CSV, Parquet and analysts' copy as they were, prints one line naming the path and exits 1."""
from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

pytestmark = pytest.mark.slow  # starts Prefect

ROOT = Path(__file__).resolve().parent.parent
PATIENCE = 240.0  # seconds: how long a step may take on a loaded machine (a bound, not a measure)


def _env(home: Path, analyst_copy: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PREFECT_LOGGING_LEVEL", "PREFECT_API_URL")}
    env.update(PREFECT_HOME=str(home / "prefect"), PLANGAP_ANALYST_COPY=str(analyst_copy))
    return env


def _run_args(db: Path, reports: Path) -> list[str]:
    return [sys.executable, "-m", "plangap.cli", "run", "--db", str(db), "--reports", str(reports)]


def _children(pid: int) -> list[int]:
    """Every live descendant of `pid` (read from /proc)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, frontier = [], [pid]
    while frontier:
        kids = [c for c, p in parents.items() if p in frontier]
        found += kids
        frontier = kids
    return found


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def _alive(pid: int) -> bool:
    """Running or sleeping (a zombie waiting for its reaper is dead)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


def _servers(pid: int) -> list[int]:
    return [c for c in _children(pid) if "prefect.server.api.server" in _cmdline(c)]


def _wait_for(what, timeout: float = PATIENCE, step: float = 0.2):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = what()
        if value:
            return value
        time.sleep(step)
    return what()


def _kill_when(child: subprocess.Popen, ready) -> list[int]:
    """SIGKILL `child` once `ready()` holds; return the Prefect servers it had started."""
    try:
        assert _wait_for(lambda: ready() or child.poll() is not None), "the run never got there"
        assert child.poll() is None, f"the run ended before it could be killed: {child.communicate()}"
        servers = _servers(child.pid)
        assert servers, "no Prefect server among the run's children"
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
        return servers
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()


def _left_alive(servers: list[int]) -> list[str]:
    still = _wait_for(lambda: not any(_alive(p) for p in servers), timeout=60)
    return [] if still else [f"{p}: {_cmdline(p)}" for p in servers if _alive(p)]


def test_a_run_killed_as_its_prefect_server_starts_leaves_no_server(tmp_path):
    db, reports = tmp_path / "w.duckdb", tmp_path / "reports"
    child = subprocess.Popen(_run_args(db, reports), env=_env(tmp_path, tmp_path / "latest.duckdb"),
                             cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    servers = _kill_when(child, lambda: _servers(child.pid))
    assert _left_alive(servers) == []


def test_a_run_killed_during_load_leaves_no_server_and_the_next_run_records_it(tmp_path):
    db, reports, copy = tmp_path / "w.duckdb", tmp_path / "reports", tmp_path / "latest.duckdb"
    child = subprocess.Popen(_run_args(db, reports), env=_env(tmp_path, copy), cwd=ROOT,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    servers = _kill_when(child, lambda: any(tmp_path.glob("w.duckdb.run-*")))
    assert _left_alive(servers) == []
    killed_id = (tmp_path / "w.duckdb.lock").read_text().strip()
    assert killed_id and any(tmp_path.glob("w.duckdb.run-*"))  # what the kill left behind

    done = subprocess.run(_run_args(db, reports), env=_env(tmp_path, copy), cwd=ROOT, capture_output=True,
                          text=True, timeout=PATIENCE * 2)
    assert done.returncode == 0, done.stderr
    leftovers = [p.name for p in tmp_path.iterdir() if ".run-" in p.name or p.name.endswith(".tmp")]
    assert leftovers == []
    with duckdb.connect(str(db), read_only=True) as conn:
        rows = conn.execute("SELECT run_id, result, error_message FROM run_log ORDER BY started_at").fetchall()
    assert [(r[0], r[1]) for r in rows] == [(killed_id, "failed"), (rows[1][0], "success")]
    assert "died before it finished" in rows[0][2]


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
