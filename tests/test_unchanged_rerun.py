"""A rerun that reads what the last good run read keeps that run's gap mart, gate and report;
anything that changes the judgement (a page, the as-of date) runs them again. Real Prefect flow
runs over the loopback snapshot server into real DuckDB files."""
from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import duckdb
import pytest

from plangap.flows.records import RunOptions

pytestmark = pytest.mark.slow  # starts Prefect and GX

AS_OF = date(2026, 11, 27)


def _run(settings, snapshot=None, as_of=AS_OF):
    from plangap.flows.nightly import nightly

    return nightly(RunOptions(settings=settings, snapshot=snapshot, as_of=as_of))


def _runs(settings) -> list[tuple]:
    with duckdb.connect(str(settings.db), read_only=True) as conn:
        return conn.execute("SELECT run_id, result, inputs_key FROM run_log ORDER BY started_at").fetchall()


def _dq_rows(settings, run_id: str) -> int:
    with duckdb.connect(str(settings.db), read_only=True) as conn:
        return conn.execute("SELECT count(*) FROM dq_results WHERE run_id = ?", [run_id]).fetchone()[0]


def test_an_unchanged_rerun_keeps_the_mart_gate_and_report(prefect_harness, settings):
    first = _run(settings)
    report = Path(first.report)
    before = report.read_bytes()
    second = _run(settings)

    assert first.unchanged_since is None and second.unchanged_since == first.run_id
    assert second.data_quality.startswith(f"passed at run {first.run_id}")
    assert second.statuses == first.statuses and second.matched == first.matched
    assert report.read_bytes() == before  # the report is the one the first run wrote
    (a_id, a_result, a_key), (b_id, b_result, b_key) = _runs(settings)
    assert (a_result, b_result) == ("success", "success") and a_key == b_key and a_key
    assert _dq_rows(settings, a_id) > 0 and _dq_rows(settings, b_id) == 0  # the gate ran once


def test_a_new_as_of_date_judges_again(prefect_harness, settings):
    first = _run(settings)
    second = _run(settings, as_of=date(2026, 11, 28))
    assert second.unchanged_since is None
    assert second.data_quality.startswith("passed (")
    keys = [key for _, _, key in _runs(settings)]
    assert keys[0] != keys[1]
    assert _dq_rows(settings, second.run_id) > 0 and first.run_id != second.run_id


def test_a_changed_page_judges_again(prefect_harness, settings, snapshot_copy):
    first = _run(settings, snapshot=snapshot_copy)
    page = next(p for p in sorted(snapshot_copy.rglob("*.htm*")) if "统计" in p.read_text("utf-8", errors="replace"))
    page.write_bytes(page.read_bytes().replace(b"</body>", b"<p>\xe9\x99\x84\xe6\xb3\xa8</p></body>", 1))
    second = _run(settings, snapshot=snapshot_copy)
    assert second.pages_new >= 1 and second.unchanged_since is None
    assert second.data_quality.startswith("passed (") and _dq_rows(settings, second.run_id) > 0
    assert first.run_id != second.run_id


def test_a_missing_report_is_written_again(prefect_harness, settings):
    first = _run(settings)
    shutil.rmtree(Path(first.report).parent)
    second = _run(settings)
    assert second.unchanged_since is None and Path(second.report).is_file()
