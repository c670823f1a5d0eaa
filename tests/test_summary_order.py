"""The email's "published this month" list comes from facts_published_between in a total order:
two regions' facts of one day, publication and indicator must not swap places from run to run
(issue 14 noticed the 2026-12 emails' list changing order between runs)."""
from __future__ import annotations

from datetime import UTC, datetime

from plangap.extract.page import FetchedPage, SourcePage
from plangap.transform.records import Fact
from plangap.warehouse.db import connect
from plangap.warehouse.load import load_facts, load_indicators, load_pages
from plangap.warehouse.summary import facts_published_between

INDICATORS = [{"id": "gdp", "name": "地区生产总值", "unit": "亿元", "kind": "flow", "direction": "higher",
               "accumulates": False}]
REGIONS = ["丁县", "丙县", "乙县", "甲县"]  # loaded in this order: not the order of their UTF-8 bytes


def _page(url: str, region: str) -> FetchedPage:
    return FetchedPage(source=SourcePage(url=url, kind="bulletin", region=region), url=url, status=200,
                       fetched_at=datetime(2026, 12, 1, 1, 0, tzinfo=UTC), content=url.encode(),
                       content_type="text/html", etag=None, last_modified=None)


def _fact(value: float, measure: str) -> Fact:
    return Fact(clause=f"地区生产总值{value}亿元", indicator="地区生产总值", indicator_id="gdp", value=value,
                unit="亿元", value_normalized=value, unit_normalized="亿元", measure=measure, period="2025",
                publication="2025年统计公报", published="2026-11-20")


def test_facts_of_one_day_publication_and_indicator_come_in_one_order(tmp_path):
    conn = connect(tmp_path / "w.duckdb")
    try:
        load_indicators(conn, INDICATORS, "t-1")
        urls = {region: f"http://stats.example/{i}" for i, region in enumerate(REGIONS)}
        ids = load_pages(conn, [_page(urls[r], r) for r in REGIONS])
        for i, region in enumerate(REGIONS):
            load_facts(conn, ids[urls[region]], region, [_fact(100.0 + i, "level"), _fact(5.0 + i, "growth_pct")])
        rows = facts_published_between(conn, "2026-11-01", "2026-12-01")
    finally:
        conn.close()
    assert len(rows) == 2 * len(REGIONS)
    keys = [(r["region"], r["measure"]) for r in rows]
    assert keys == sorted(keys, key=lambda k: (k[0].encode(), k[1].encode()))
    assert [r["region"] for r in rows][::2] == sorted(REGIONS, key=str.encode)
