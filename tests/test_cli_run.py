"""`plangap run` as a scheduler calls it: a real process, a real temporary Prefect server."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # starts Prefect or GX

ROOT = Path(__file__).resolve().parent.parent


def _plangap(*args: str, home: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_LOGGING_LEVEL"}  # the CLI's own default
    env.update(PREFECT_HOME=str(home), PLANGAP_ANALYST_COPY=str(home / "latest.duckdb"))
    return subprocess.run([sys.executable, "-m", "plangap.cli", *args], capture_output=True, text=True,
                          timeout=300, env=env, cwd=ROOT)


def test_run_prints_the_summary_then_a_failed_run_exits_1_with_one_line(tmp_path):
    db, reports = tmp_path / "w.duckdb", tmp_path / "reports"
    done = _plangap("run", "--db", str(db), "--reports", str(reports), home=tmp_path)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert [line.split(":")[0] for line in lines[1:] if not line.startswith("  ")] == [
        "pages fetched", "targets", "facts", "matched targets", "data quality", "discovered", "status changes",
        "report", "warehouse"]  # indented lines under discovered: one per page
    assert lines[1].startswith("pages fetched: 15 (15 new or changed, 0 unchanged, 0 failed; 0 not parsed again)")
    assert (reports / "gap-report.html").is_file()

    broken = tmp_path / "snapshot"
    shutil.copytree(ROOT / "snapshot", broken)
    page = broken / "www.changzhou.gov.cn/gi_news/651622008585614.html"
    page.chmod(0o644)
    page.write_bytes(b"<html><head><meta charset='utf-8'></head><body><p>\xff\xfe</p></body></html>")
    failed = _plangap("run", "--snapshot", str(broken), "--db", str(db), "--reports", str(reports), home=tmp_path)
    assert failed.returncode == 1
    assert failed.stdout == ""
    assert failed.stderr.strip().splitlines() == [
        "plangap run: failed: https://www.changzhou.gov.cn/gi_news/651622008585614: undecodable bytes at offset "
        "50 for the utf-8 encoding declared by the <meta charset>"]
