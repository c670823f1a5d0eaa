"""The gap report: written from the warehouse, every row traceable to its sources."""
from __future__ import annotations

import csv

from builders import BULLETIN_URL, PLAN_URL, small_gap_warehouse as _warehouse
from plangap.cli import main
from plangap.publish.report import write_report


def test_report_shows_status_actual_and_both_sources(tmp_path):
    conn = _warehouse(tmp_path / "w.duckdb")
    path = write_report(conn, tmp_path / "reports")
    html = path.read_text(encoding="utf-8")
    assert "达成 achieved" in html and "不可量化 not measurable" in html
    assert f'href="{PLAN_URL}"' in html and f'href="{BULLETIN_URL}"' in html
    assert "全年城镇新增就业10.2万人" in html and "2020年统计公报" in html
    with (tmp_path / "reports" / "gap-report.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["indicator"], r["status"], r["actual_value"]) for r in rows] == [
        ("城镇新增就业", "achieved", "10.2"), ("文化广场", "not_measurable", "")]
    assert sorted(p.name for p in (tmp_path / "reports").iterdir()) == ["gap-report.csv", "gap-report.html"]


def test_report_command_reads_the_warehouse_read_only(tmp_path, capsys):
    _warehouse(tmp_path / "w.duckdb").close()
    code = main(["report", "--db", str(tmp_path / "w.duckdb"), "--reports", str(tmp_path / "out")])
    assert code == 0
    assert (tmp_path / "out" / "gap-report.html").is_file()
    assert capsys.readouterr().out.strip() == f"report: {tmp_path / 'out' / 'gap-report.html'}"
