"""What `plangap run` shows of its stages (issue 12), and a bad manifest refused before Prefect
starts (issue 13).

Off a terminal: exactly one line per stage on stderr, in a fixed order, once the run succeeded
(a failed run still ends in its one line: tests/test_cli_run.py). On a terminal the same lines
appear as each stage completes (rich)."""
from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SNAPSHOT

from plangap.extract.sources import FetchOutcome
from plangap.flows import progress
from plangap.flows.records import Archived, GapOutcome, GateOutcome, Loaded, RunSummary
from plangap.output import RUN_STAGES, RunProgress
from plangap.transform.page import ExtractedPage

ROOT = Path(__file__).resolve().parent.parent


def _plangap(*args: str, home: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_LOGGING_LEVEL"}  # the CLI's own default
    env.update(PREFECT_HOME=str(home / "prefect"), PLANGAP_ANALYST_COPY=str(home / "latest.duckdb"))
    return subprocess.run([sys.executable, "-m", "plangap.cli", *args], capture_output=True, text=True,
                          timeout=300, env=env, cwd=ROOT)


@pytest.mark.slow  # starts Prefect and GX
def test_a_run_off_a_terminal_prints_one_line_per_stage_in_order(tmp_path):
    db, reports = tmp_path / "w.duckdb", tmp_path / "reports"
    done = _plangap("run", "--db", str(db), "--reports", str(reports), home=tmp_path)
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    assert [line.split(":")[0] for line in lines] == list(RUN_STAGES) == ["fetch", "extract", "load", "gate", "publish"]
    fetch, extract, load, gate, publish = lines
    assert fetch == "fetch: 15 pages (15 new or changed, 0 unchanged, 0 failed)"
    assert re.fullmatch(r"extract: 15 pages read \(0 unchanged, not read again; 0 failed\): \d+ targets / \d+ facts",
                        extract)
    m = re.fullmatch(r"load: (\d+) targets / (\d+) facts in the warehouse; gap mart: (\d+) targets judged, "
                     r"(\d+) with a figure", load)
    assert m, load
    out = done.stdout.splitlines()  # the summary on stdout says the same
    assert f"targets: {m.group(1)}" in out and f"facts: {m.group(2)}" in out
    assert out[4].startswith(f"matched targets: {m.group(4)} (")
    assert re.fullmatch(r"gate: passed \(\d+ expectations.*\)", gate)
    assert publish == (f"publish: {reports / 'gap-report.html'} (analyst copy: {tmp_path / 'latest.duckdb'}; "
                       "status changes: 0)")
    assert (reports / "gap-report.html").is_file()


def _broken(tmp_path: Path, manifest: str) -> Path:
    folder = tmp_path / "snap"
    folder.mkdir()
    (folder / "manifest.json").write_text(manifest, encoding="utf-8")
    return folder


@pytest.mark.parametrize("manifest, says", [
    ("[{\"url\": ", "manifest.json: not valid JSON"),
    (json.dumps([{"url": "https://a.example/x", "file": "../secret.html", "kind": "plan"}]),
     "entry 0 (https://a.example/x): file '../secret.html' has a '..' part"),
    (json.dumps([{"url": "https://a.example/x", "file": "/etc/passwd", "kind": "plan"}]),
     "file '/etc/passwd' is an absolute path"),
    (json.dumps([{"url": "https://a.example/x", "file": "a.example/x.html", "kind": "plan"}]),
     "entry 0 names a missing file a.example/x.html"),
])
def test_a_bad_manifest_exits_2_with_one_line_before_prefect_starts(tmp_path, manifest, says):
    folder = _broken(tmp_path, manifest)
    db = tmp_path / "w.duckdb"
    done = _plangap("run", "--snapshot", str(folder), "--db", str(db), home=tmp_path)
    assert done.returncode == 2
    assert done.stdout == ""
    [line] = done.stderr.splitlines()
    assert says in line and str(folder) in line
    assert not (tmp_path / "prefect").exists()  # Prefect never started: no home, no server, no log
    assert not db.with_name(db.name + ".prefect.log").exists() and not db.exists()


def test_a_region_with_no_sources_exits_2_before_prefect_starts(tmp_path):
    done = _plangap("run", "--snapshot", str(SNAPSHOT), "--region", "无此市", "--db", str(tmp_path / "w.duckdb"),
                    home=tmp_path)
    assert done.returncode == 2
    assert done.stderr.splitlines() == ["no sources in the registry for region=无此市 year=any"]
    assert not (tmp_path / "prefect").exists()


def _records():
    fetched = FetchOutcome(pages=(), errors=())
    page = ExtractedPage(page_id=1, url="https://a.example/p", kind="plan", region="某市")
    return [("fetch", fetched), ("archive", Archived(pages=(), new=3, kept=2)), ("extract", (page, page)),
            ("load", Loaded(targets=7, facts=9, failed=0)), ("gap", GapOutcome(rows=7, statuses=(), matched=2)),
            ("gate", GateOutcome(summary="passed (53 expectations)", failed=0))]


def test_on_a_terminal_each_line_appears_as_its_stage_completes():
    stream = io.StringIO()
    with RunProgress(stream, live=True) as shown, progress.listening(shown.stage):
        seen = []
        for stage, record in _records():
            progress.done(stage, record)  # as flows/stages.py reports each stage
            seen.append(stream.getvalue())
        shown.finish(RunSummary(run_id="r", report="/r/gap-report.html", analyst_copy="/a/latest.duckdb"))
    assert "✓ fetch: 0 pages (3 new or changed, 0 unchanged, 0 failed)" in seen[1]  # shown before extraction
    assert "extract:" not in seen[1] and "✓ extract: 2 pages read (2 unchanged" in seen[2]
    assert "✓ load: 7 targets / 9 facts in the warehouse; gap mart: 7 targets judged, 2 with a figure" in seen[4]
    assert "✓ gate: passed (53 expectations)" in seen[5]
    text = stream.getvalue()
    assert text.index("✓ publish: /r/gap-report.html") > text.index("✓ gate")
    assert [line.split(":")[0] for line in shown.lines] == list(RUN_STAGES)


def test_off_a_terminal_nothing_is_printed_until_the_run_succeeds():
    stream = io.StringIO()
    with RunProgress(stream, live=False) as shown, progress.listening(shown.stage):
        for stage, record in _records()[:3]:
            progress.done(stage, record)
    assert stream.getvalue() == ""  # the run failed after extraction: only its failure line will follow
    progress.done("gate", GateOutcome(summary="passed", failed=0))  # nobody listens any more
    assert shown.lines[-1].startswith("extract:")


def test_a_listener_that_fails_never_fails_the_run():
    def broken(stage, record):
        raise RuntimeError("display gone")

    with progress.listening(broken):
        progress.done("fetch", FetchOutcome())  # no exception
