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


_GUARDED = """
import subprocess, sys, time
from plangap.flows.reaper import guard_children
guard_children()
child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
print(child.pid, flush=True)
time.sleep(600)
"""


def test_what_a_killed_process_started_is_ended_by_its_watchdog():
    """The mechanism without Prefect: a guarded process starts a child, then dies by SIGKILL."""
    parent = subprocess.Popen([sys.executable, "-c", _GUARDED], stdout=subprocess.PIPE, text=True)
    grandchild = 0
    try:
        grandchild = int(parent.stdout.readline())
        assert _alive(grandchild)
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait(timeout=30)
        assert _left_alive([grandchild]) == []
    finally:
        if _alive(grandchild):
            os.kill(grandchild, signal.SIGKILL)
        if parent.poll() is None:
            parent.kill()
        parent.stdout.close()


@pytest.mark.slow  # starts Prefect
def test_a_run_killed_as_its_prefect_server_starts_leaves_no_server(tmp_path):
    db, reports = tmp_path / "w.duckdb", tmp_path / "reports"
    child = subprocess.Popen(_run_args(db, reports), env=_env(tmp_path, tmp_path / "latest.duckdb"),
                             cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    servers = _kill_when(child, lambda: _servers(child.pid))
    assert _left_alive(servers) == []


@pytest.mark.slow  # starts Prefect
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


# --- a full disk --------------------------------------------------------------------------
#
# The outputs (report, CSV, Parquet, the analysts' copy and its exports) live on a small tmpfs,
# mounted in a private mount namespace (`unshare -m`, or `unshare -rm` for a user who is not
# root) so that nothing is left mounted whatever happens; the warehouse stays on the ordinary
# disk. The tmpfs is filled so that the failing run runs out of space either while writing the
# report into its staging folder, or later, while writing the analysts' copy (the report
# already staged): in both cases nothing of the last good run may change.

_DRIVER = r"""
import hashlib, json, os, shutil, subprocess, sys
from pathlib import Path

a = json.loads(sys.argv[1])
disk, good = Path(a["disk"]), Path(a["good"])
disk.mkdir(parents=True)
mount = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(disk)], capture_output=True, text=True)
if mount.returncode:
    print(json.dumps({"skip": "cannot mount a tmpfs: " + mount.stderr.strip()}))
    sys.exit(0)
try:
    shutil.copytree(good, disk, dirs_exist_ok=True)
    free = shutil.disk_usage(disk).free
    with open(disk / "filler", "wb") as fh:
        fh.write(b"\0" * max(free - a["leave"], 0))
    def shas():
        return {str(p.relative_to(disk)): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(disk.rglob("*")) if p.is_file() and p.name != "filler"}
    before, left = shas(), shutil.disk_usage(disk).free
    env = dict(a["env"], PLANGAP_ANALYST_COPY=str(disk / "latest.duckdb"))
    done = subprocess.run(a["argv"] + ["--reports", str(disk / "reports")], capture_output=True, text=True,
                          env=env, cwd=a["cwd"], timeout=a["timeout"])
    print(json.dumps({"rc": done.returncode, "stdout": done.stdout, "stderr": done.stderr, "free": left,
                      "before": before, "after": shas(),
                      "names": sorted(p.name for p in disk.rglob("*"))}))
finally:
    subprocess.run(["umount", str(disk)])
"""


def _unshare() -> list[str] | None:
    """A private mount namespace to mount a tmpfs in, or None when this machine allows none."""
    import shutil as sh

    if not sh.which("unshare") or not sh.which("mount"):
        return None
    for prefix in (["unshare", "-m"], ["unshare", "-rm"]):
        try:
            if subprocess.run([*prefix, "true"], capture_output=True, timeout=30).returncode == 0:
                return prefix
        except (OSError, subprocess.TimeoutExpired):
            continue
    return None


@pytest.fixture(scope="module")
def good_run(tmp_path_factory):
    """One good run whose outputs the full-disk runs start from: (folder, warehouse file)."""
    base = tmp_path_factory.mktemp("good")
    good, db = base / "out", base / "w.duckdb"
    done = subprocess.run(_run_args(db, good / "reports"), env=_env(base, good / "latest.duckdb"), cwd=ROOT,
                          capture_output=True, text=True, timeout=PATIENCE * 2)
    assert done.returncode == 0, done.stderr
    return good, db


@pytest.mark.slow  # starts Prefect
@pytest.mark.parametrize("leave, where", [(32 * 1024, "report"), (1024 * 1024, "analysts' copy")])
def test_a_run_that_fails_on_a_full_disk_leaves_the_last_good_outputs(good_run, tmp_path, leave, where):
    import json
    import shutil

    prefix = _unshare()
    if prefix is None:
        pytest.skip("no private mount namespace here (unshare -m / -rm): cannot make a size-limited folder")
    good, good_db = good_run
    db, disk = tmp_path / "w.duckdb", tmp_path / "disk"
    shutil.copyfile(good_db, db)
    args = {"disk": str(disk), "good": str(good), "leave": leave, "env": _env(tmp_path, disk / "latest.duckdb"),
            "argv": _run_args(db, disk / "reports")[:-2], "cwd": str(ROOT), "timeout": PATIENCE * 2}
    driven = subprocess.run([*prefix, sys.executable, "-c", _DRIVER, json.dumps(args)], capture_output=True,
                            text=True, timeout=PATIENCE * 3)
    assert driven.returncode == 0, driven.stderr
    out = json.loads(driven.stdout)
    if "skip" in out:
        pytest.skip(out["skip"])
    assert out["free"] <= leave + 64 * 1024  # the folder was full, bar what the case leaves

    assert out["rc"] == 1, out["stderr"]
    assert out["stdout"] == ""
    lines = out["stderr"].strip().splitlines()
    assert len(lines) == 1, out["stderr"]
    assert lines[0].startswith(f"plangap run: failed: {disk}") and lines[0].endswith("No space left on device")
    if where == "analysts' copy":
        assert lines[0] == (f"plangap run: failed: {disk / 'latest.duckdb'}: cannot write the analysts' copy: "
                            "No space left on device")
    assert {"reports/gap-report.html", "reports/gap-report.csv", "reports/gap_report.parquet", "latest.duckdb",
            "gap_report.parquet"} <= set(out["before"])
    assert out["after"] == out["before"]  # report, CSV, Parquet, analysts' copy and its exports as they were
    assert [n for n in out["names"] if ".run-" in n or n.endswith(".tmp")] == []  # nothing half-written left

    with duckdb.connect(str(db), read_only=True) as conn:  # the warehouse is the last good one, the failure logged
        runs = conn.execute("SELECT result, error_message FROM run_log ORDER BY started_at").fetchall()
    assert [r[0] for r in runs] == ["success", "failed"]
    assert runs[-1][1] == lines[0].removeprefix("plangap run: failed: ")
    with duckdb.connect(str(good_db), read_only=True) as good_conn, duckdb.connect(str(db), read_only=True) as conn:
        q = "SELECT count(*), sum(hash(url, sha256)) FROM raw_pages"
        assert conn.execute(q).fetchall() == good_conn.execute(q).fetchall()
