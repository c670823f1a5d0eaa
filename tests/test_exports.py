"""Exports beside the report: CSV that Excel reads (BOM, plain numbers, no formulas), Parquet that
reads back as the warehouse's views; all outputs swapped in together."""
from __future__ import annotations

import csv
import io

import pyarrow.parquet as pq
import pytest
from report_builders import report_warehouse

from plangap.publish import exports
from plangap.publish.report import write_report
from plangap.warehouse.queries import gap_rows


@pytest.fixture
def written(tmp_path):
    conn = report_warehouse(tmp_path / "w.duckdb")
    write_report(conn, tmp_path / "reports", analyst_dir=tmp_path / "analysts")
    return conn, tmp_path


def test_csv_has_a_bom_and_numbers_that_parse(written):
    conn, tmp = written
    raw = (tmp / "reports" / "gap-report.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    jobs = next(r for r in rows if r["indicator_id"] == "new_jobs")
    assert float(jobs["target_value"]) == 9.0 and float(jobs["expected_value"]) == 6.75
    assert jobs["actual_value"] == "6" and float(jobs["gap"]) == -0.75
    for r in rows:
        for col in ("target_value", "actual_value", "gap", "attainment", "actual_value_normalized"):
            if r[col]:
                float(r[col])  # plain numbers: no thousands separators, no units
    assert {r["status"] for r in rows} == {"on_track", "behind", "no_data", "not_measurable"}


def test_cells_that_would_run_as_formulas_are_neutralised():
    assert exports.safe_cell("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert exports.safe_cell("+1 call") == "'+1 call" and exports.safe_cell("@SUM(A1)") == "'@SUM(A1)"
    assert exports.safe_cell(-4.9) == "-4.9" and exports.safe_cell("-4.9") == "-4.9"
    assert exports.safe_cell(5000.0) == "5000" and exports.safe_cell(None) == ""
    data = exports.render_csv([{"indicator": "-减少", "gap": -3.0}], ("indicator", "gap"))
    assert data.decode("utf-8-sig").splitlines()[1] == "'-减少,-3"


def test_parquet_reads_back_and_matches_gap_report(written):
    conn, tmp = written
    table = pq.read_table(tmp / "reports" / "gap_report.parquet")
    assert table.to_pylist() == gap_rows(conn)
    assert pq.read_table(tmp / "reports" / "targets.parquet").num_rows == 6
    assert pq.read_table(tmp / "reports" / "facts.parquet").num_rows == 5
    for name in ("gap-report.csv", "gap_report.parquet", "targets.parquet", "facts.parquet"):
        assert (tmp / "analysts" / name).read_bytes() == (tmp / "reports" / name).read_bytes()


def test_a_failed_write_leaves_the_previous_outputs_and_no_temporary_files(written, monkeypatch):
    conn, tmp = written
    before = {p.name: p.read_bytes() for p in (tmp / "reports").iterdir()}

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device", "gap_report.parquet")

    monkeypatch.setattr(exports.os, "replace", broken)
    with pytest.raises(exports.ExportError, match="No space left"):
        write_report(conn, tmp / "reports")
    assert {p.name: p.read_bytes() for p in (tmp / "reports").iterdir()} == before
