"""Loads: idempotent, transactional, versioned pages, vintages kept, provenance."""
from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from plangap import warehouse
from plangap.extract.page import FetchedPage, SourcePage
from plangap.transform.records import Fact, Target

REGION = "常州市"
URL = "http://tjj.changzhou.gov.cn/html/tjj/2022/a.html"
PLAN = "http://www.changzhou.gov.cn/plan.html"


def page(url: str, content: bytes, day: int = 5, not_modified: bool = False) -> FetchedPage:
    return FetchedPage(SourcePage(url, "bulletin", REGION, "2021"), url, 304 if not_modified else 200,
                       datetime(2026, 1, day, tzinfo=UTC), content, "text/html; charset=utf-8",
                       '"e1"', "Mon, 05 Jan 2026 00:00:00 GMT", not_modified)


def fact(value: float, published: str = "2022-02-01", publication: str = "统计公报") -> Fact:
    return Fact(f"地区生产总值增长{value}%", "地区生产总值", "gdp", value, "%", value, "%", "growth_pct",
                "2021", publication, published, None, 10, 20)


def target(value: float = 6.5) -> Target:
    return Target(f"地区生产总值增长{value}%左右", "地区生产总值", "gdp", value, None, "%", value, "%",
                  "=", "左右", "rate", "一、主要目标", 2021, 3, 15)


@pytest.fixture
def conn(tmp_path):
    c = warehouse.connect(tmp_path / "w.duckdb")
    yield c
    c.close()


def snapshot(conn) -> dict[str, list[tuple]]:
    return {t: conn.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall()
            for t in ("raw_pages", "stg_targets", "stg_facts", "dim_indicator", "mart_gap")}


def load_all(conn, content: bytes = b"<p>GDP</p>", facts: list[Fact] | None = None) -> dict[str, int]:
    ids = warehouse.load_pages(conn, [page(URL, content), page(PLAN, b"<p>plan</p>")], {URL: "utf-8"})
    warehouse.load_facts(conn, ids[URL], REGION, facts if facts is not None else [fact(9.1)])
    warehouse.load_targets(conn, ids[PLAN], REGION, [target()])
    warehouse.load_indicators(conn, [{"id": "gdp", "name": "地区生产总值", "synonyms": ["GDP"]}], "v1")
    warehouse.build_gap_mart(conn, date(2026, 6, 1))
    return ids


def test_double_load_leaves_the_same_rows(conn):
    first_ids = load_all(conn)
    first = snapshot(conn)
    assert load_all(conn) == first_ids
    assert snapshot(conn) == first  # same counts, hashes and extracted_at
    assert {k: len(v) for k, v in first.items()} == {
        "raw_pages": 2, "stg_targets": 1, "stg_facts": 1, "dim_indicator": 1, "mart_gap": 1}


def test_raw_page_keeps_bytes_and_provenance(conn):
    ids = load_all(conn, b"\xb3\xa3\xd6\xdd")
    row = conn.execute("SELECT url, version, region, kind, period_hint, fetched_at, http_status, etag, last_modified,"
                       " sha256, encoding, bytes, size, content_type FROM raw_pages WHERE page_id = ?",
                       [ids[URL]]).fetchall()[0]
    assert row[:9] == (URL, 1, REGION, "bulletin", "2021", datetime(2026, 1, 5), 200, '"e1"',
                       "Mon, 05 Jan 2026 00:00:00 GMT")
    assert row[9] == page(URL, b"\xb3\xa3\xd6\xdd").sha256
    assert row[10:] == ("utf-8", b"\xb3\xa3\xd6\xdd", 4, "text/html; charset=utf-8")


def test_changed_page_adds_a_version_and_keeps_the_old(conn):
    old = load_all(conn, b"v1", [fact(8.9, "2022-01-20", "快报")])
    ids = warehouse.load_pages(conn, [page(URL, b"v2", day=9)])
    assert ids[URL] != old[URL]
    warehouse.load_facts(conn, ids[URL], REGION, [fact(9.1, "2022-01-20", "快报")])
    assert conn.execute("SELECT version, sha256 = ? FROM raw_pages WHERE url = ? ORDER BY version",
                        [page(URL, b"v2").sha256, URL]).fetchall() == [(1, False), (2, True)]
    facts = conn.execute("SELECT page_id, value, vintage, is_latest_vintage FROM facts ORDER BY vintage").fetchall()
    assert facts == [(old[URL], 8.9, 1, False), (ids[URL], 9.1, 2, True)]
    warehouse.build_gap_mart(conn, date(2026, 6, 1))
    assert warehouse.gap_rows(conn)[0]["actual_value"] == 9.1
    assert conn.execute("SELECT page_id FROM current_pages WHERE url = ?", [URL]).fetchall() == [(ids[URL],)]


def test_changed_plan_page_replaces_targets_in_the_views_only(conn):
    old = load_all(conn)
    ids = warehouse.load_pages(conn, [page(PLAN, b"<p>plan v2</p>", day=9)])
    warehouse.load_targets(conn, ids[PLAN], REGION, [target(7.0)])
    assert conn.execute("SELECT count(*) FROM stg_targets").fetchall() == [(2,)]
    assert conn.execute("SELECT value, page_id FROM targets").fetchall() == [(7.0, ids[PLAN])]
    warehouse.build_gap_mart(conn, date(2026, 6, 1))
    assert [(r["target_value"], r["status"]) for r in warehouse.gap_rows(conn)] == [(7.0, "achieved")]
    assert old[PLAN] != ids[PLAN]


def test_not_modified_keeps_the_current_page(conn):
    ids = load_all(conn)
    again = warehouse.load_pages(conn, [page(URL, b"", day=20, not_modified=True)])
    assert again == {URL: ids[URL]}
    assert conn.execute("SELECT count(*) FROM raw_pages").fetchall() == [(2,)]
    with pytest.raises(warehouse.UnknownPageError):
        warehouse.load_pages(conn, [page("http://new/x.html", b"", not_modified=True)])


def test_reload_with_other_rows_replaces_that_page_only(conn):
    ids = load_all(conn)
    warehouse.load_facts(conn, ids[URL], REGION, [fact(9.1), fact(9.2)])
    assert conn.execute("SELECT row_no, value FROM stg_facts ORDER BY row_no").fetchall() == [(0, 9.1), (1, 9.2)]
    assert conn.execute("SELECT count(*) FROM stg_targets").fetchall() == [(1,)]


def test_failed_load_rolls_back(conn):
    ids = load_all(conn)
    bad = Fact(None, "x", None, 1.0, "%", 1.0, "%", "level", "2021", None, None)  # clause NOT NULL
    with pytest.raises(warehouse.LoadError):
        warehouse.load_facts(conn, ids[URL], REGION, [fact(1.0), bad])
    assert conn.execute("SELECT value FROM stg_facts").fetchall() == [(9.1,)]
    with pytest.raises(warehouse.UnknownPageError):
        warehouse.load_targets(conn, 999, REGION, [target()])


def test_provenance_traces_every_number(conn):
    ids = load_all(conn)
    rows = conn.execute("SELECT layer, value, url, page_version, sha256, clause, clause_start, clause_end"
                        " FROM provenance ORDER BY layer").fetchall()
    assert rows == [
        ("fact", 9.1, URL, 1, page(URL, b"<p>GDP</p>").sha256, "地区生产总值增长9.1%", 10, 20),
        ("target", 6.5, PLAN, 1, page(PLAN, b"<p>plan</p>").sha256, "地区生产总值增长6.5%左右", 3, 15),
    ]
    assert ids[URL] in [r[0] for r in conn.execute("SELECT page_id FROM provenance").fetchall()]


def test_indicators_keep_the_dictionary_version(conn):
    warehouse.load_indicators(conn, [{"id": "gdp", "name": "地区生产总值", "unit": "元", "kind": "flow",
                                      "direction": "higher", "accumulates": True, "exclude": ["人均"]}], "2026.11.1")
    assert conn.execute("SELECT indicator_id, exclude, accumulates, dictionary_version FROM dim_indicator").fetchall() \
        == [("gdp", ["人均"], True, "2026.11.1")]
    with pytest.raises(warehouse.LoadError):
        warehouse.load_indicators(conn, [{"name": "no id"}], "x")


def test_run_log_and_dq_results(conn):
    warehouse.start_run(conn, "r1", datetime(2026, 1, 1, 8, tzinfo=UTC))
    warehouse.finish_run(conn, "r1", "success", {"pages": 3, "facts": 10}, ended_at=datetime(2026, 1, 1, 9))
    assert conn.execute("SELECT result, pages, facts, targets, ended_at FROM run_log").fetchall() == [
        ("success", 3, 10, None, datetime(2026, 1, 1, 9))]
    with pytest.raises(warehouse.LoadError):
        warehouse.finish_run(conn, "r1", "success", {"bogus": 1})
    with pytest.raises(warehouse.LoadError):
        warehouse.finish_run(conn, "nope", "failed", error="boom")
    results = [{"suite": "stg_facts", "table": "stg_facts", "expectation": "expect_column_values_to_not_be_null",
                "column": "clause", "success": True, "observed_value": {"x": 1}, "unexpected_count": 0}]
    warehouse.record_dq_results(conn, "r1", results)
    warehouse.record_dq_results(conn, "r1", results)
    assert conn.execute("SELECT suite, column_name, success, observed_value, unexpected_count FROM dq_results").fetchall() \
        == [("stg_facts", "clause", True, '{"x": 1}', 0)]


def test_a_targets_qualifier_and_scope_reach_the_analysts_view(conn):
    from dataclasses import replace

    ids = warehouse.load_pages(conn, [page(PLAN, b"<p>plan</p>")])
    firms = replace(Target("营业收入超50亿元企业达到12家", "企业", None, 12, None, "家", 12, "家", "=", None, "count",
                           "一、主要目标", 2021, 0, 14), qualifier="营业收入超50亿元", scope="东岭县")
    warehouse.load_targets(conn, ids[PLAN], REGION, [firms, target()])
    rows = conn.execute("SELECT indicator, qualifier, scope FROM targets ORDER BY row_no").fetchall()
    assert rows == [("企业", "营业收入超50亿元", "东岭县"), ("地区生产总值", None, None)]
