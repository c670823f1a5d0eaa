"""A failed run ends in exactly one line however loaded the machine: two processes burn the CPU
(on a 2-core machine, every core) while `plangap run` fails on an undecodable page.

Bounded: the burners are killed in a `finally`, the run by a subprocess timeout."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # starts Prefect

ROOT = Path(__file__).resolve().parent.parent
BURNERS = 2
PAGE = "www.changzhou.gov.cn/gi_news/651622008585614.html"


def test_a_failed_run_on_a_busy_cpu_prints_exactly_one_line(tmp_path, snapshot_copy):
    (snapshot_copy / PAGE).write_bytes(b"<html><head><meta charset='utf-8'></head><body><p>\xff\xfe</p></body></html>")
    env = {k: v for k, v in os.environ.items() if k not in ("PREFECT_LOGGING_LEVEL", "PREFECT_API_URL")}
    env.update(PREFECT_HOME=str(tmp_path / "prefect"), PLANGAP_ANALYST_COPY=str(tmp_path / "latest.duckdb"),
               # with every core busy Prefect's temporary server took more than the CLI's 90 s to start
               PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS="600")
    burners = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(BURNERS)]
    try:
        assert all(b.poll() is None for b in burners)
        done = subprocess.run([sys.executable, "-m", "plangap.cli", "run", "--snapshot", str(snapshot_copy),
                               "--db", str(tmp_path / "w.duckdb"), "--reports", str(tmp_path / "reports")],
                              capture_output=True, text=True, timeout=900, env=env, cwd=ROOT)
        assert all(b.poll() is None for b in burners)  # the CPU was busy until the run ended
    finally:
        for b in burners:
            b.kill()
            b.wait()
    assert done.returncode == 1, done.stderr
    assert done.stdout == ""
    assert done.stderr.splitlines() == [
        "plangap run: failed: https://www.changzhou.gov.cn/gi_news/651622008585614: undecodable bytes at offset "
        "50 for the utf-8 encoding declared by the <meta charset>"]
    assert not (tmp_path / "reports" / "gap-report.html").exists()
