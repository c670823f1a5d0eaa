"""The gap report: written from the warehouse, every row traceable to its sources."""
from __future__ import annotations

import csv
from datetime import date, datetime, timezone

from extract.page import FetchedPage, SourcePage
from plangap.cli import main
from publish.report import write_report
from transform.records import Fact, Target
from warehouse.db import connect
from warehouse.load import load_facts, load_indicators, load_pages, load_targets
from warehouse.mart import build_gap_mart

PLAN_URL, BULLETIN_URL = "http://gov.example/plan", "http://stats.example/bulletin"


def _page(url: str, kind: str) -> FetchedPage:
    return FetchedPage(source=SourcePage(url=url, kind=kind, region="某市"), url=url, status=200,
                       fetched_at=datetime(2026, 3, 1, tzinfo=timezone.utc), content=url.encode(),
                       content_type="text/html", etag=None, last_modified=None)


def _warehouse(path):
    conn = connect(path)
    load_indicators(conn, [{"id": "new_jobs", "name": "城镇新增就业", "unit": "人", "kind": "flow",
                            "direction": "higher", "accumulates": True}], "test-1")
    ids = load_pages(conn, [_page(PLAN_URL, "plan"), _page(BULLETIN_URL, "bulletin")])
    load_targets(conn, ids[PLAN_URL], "某市", [
        Target(clause="全年新增就业9.1万人", indicator="城镇新增就业", indicator_id="new_jobs", value=9.1,
               value_max=None, unit="万人", value_normalized=91000.0, unit_normalized="人", comparator="=",
               modifier=None, kind="count", section="九 民生", year=2020, start=0, end=10),
        Target(clause="建成投用文化广场", indicator="文化广场", indicator_id=None, value=None, value_max=None,
               unit=None, value_normalized=None, unit_normalized=None, comparator=None, modifier=None,
               kind="commitment", section="四 文旅", year=2020, start=20, end=28)])
    load_facts(conn, ids[BULLETIN_URL], "某市", [
        Fact(clause="全年城镇新增就业10.2万人", indicator="城镇新增就业", indicator_id="new_jobs", value=10.2,
             unit="万人", value_normalized=102000.0, unit_normalized="人", measure="level", period="2020",
             publication="2020年统计公报", published="2021-03-01", start=0, end=13)])
    build_gap_mart(conn, date(2021, 6, 1))
    return conn


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
