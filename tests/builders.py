"""Small real warehouses built through the load API, shared by the report and email tests."""
from __future__ import annotations

from datetime import UTC, date, datetime

from plangap.extract.page import FetchedPage, SourcePage
from plangap.transform.records import Fact, Target
from plangap.warehouse.db import connect
from plangap.warehouse.load import load_facts, load_indicators, load_pages, load_targets
from plangap.warehouse.mart import build_gap_mart

PLAN_URL, BULLETIN_URL = "http://gov.example/plan", "http://stats.example/bulletin"


def _page(url: str, kind: str) -> FetchedPage:
    return FetchedPage(source=SourcePage(url=url, kind=kind, region="某市"), url=url, status=200,
                       fetched_at=datetime(2026, 3, 1, tzinfo=UTC), content=url.encode(),
                       content_type="text/html", etag=None, last_modified=None)


def small_gap_warehouse(path):
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


