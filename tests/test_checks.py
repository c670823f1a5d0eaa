"""The data-quality gate: real GX validations over a real DuckDB warehouse."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from plangap.checks.gate import SuiteError, load_suites, run_gate
from plangap.extract.page import FetchedPage, SourcePage
from plangap.transform.records import Fact, Target
from plangap.warehouse.db import connect
from plangap.warehouse.load import load_facts, load_pages, load_targets
from plangap.warehouse.mart import build_gap_mart


def _page(url: str, body: bytes) -> FetchedPage:
    return FetchedPage(source=SourcePage(url=url, kind="bulletin", region="某市"), url=url, status=200,
                       fetched_at=datetime(2026, 1, 1, tzinfo=timezone.utc), content=body,
                       content_type="text/html; charset=utf-8", etag=None, last_modified=None)


def _target(**kw) -> Target:
    base = dict(clause="新增就业9.1万人", indicator="城镇新增就业", indicator_id=None, value=9.1, value_max=None,
                unit="万人", value_normalized=91000.0, unit_normalized="人", comparator="=", modifier=None,
                kind="count", section=None, year=2020, start=0, end=8)
    return Target(**{**base, **kw})


def _fact(**kw) -> Fact:
    base = dict(clause="地区生产总值7805.3亿元", indicator="地区生产总值", indicator_id=None, value=7805.3, unit="亿元",
                value_normalized=7.8053e11, unit_normalized="元", measure="level", period="2020",
                publication="公报", published=None, start=0, end=15)
    return Fact(**{**base, **kw})


@pytest.fixture
def warehouse(tmp_path):
    conn = connect(tmp_path / "w.duckdb")
    ids = load_pages(conn, [_page("http://a/plan", b"plan"), _page("http://a/bulletin", b"bulletin")])
    yield conn, ids
    conn.close()


def _failed(result) -> set[tuple[str, str, str | None]]:
    return {(r["table"], r["expectation"], r["column"]) for r in result.failed}


def test_clean_warehouse_passes_every_suite(warehouse):
    conn, ids = warehouse
    load_targets(conn, ids["http://a/plan"], "某市", [_target(), _target(kind="commitment", value=None,
                 value_normalized=None, unit=None, unit_normalized=None, comparator=None, clause="建成通车")])
    load_facts(conn, ids["http://a/bulletin"], "某市", [_fact(), _fact(measure="growth_pct", value=4.5, unit="%",
               value_normalized=4.5, unit_normalized="%")])
    build_gap_mart(conn, date(2026, 1, 1))
    result = run_gate(conn)
    assert result.success, result.failed
    assert {r["suite"] for r in result.results} == {"raw_pages", "stg_pages", "stg_targets", "stg_facts", "mart_gap"}
    assert result.summary().startswith("passed")


def test_injected_defects_are_exactly_what_fails(warehouse):
    conn, ids = warehouse
    load_targets(conn, ids["http://a/plan"], "某市", [
        _target(kind="wish"),                                  # kind outside the set
        _target(value_normalized=None, value=None),           # a numeric target without a value
        _target(year=1066),                                    # implausible year
    ])
    load_facts(conn, ids["http://a/bulletin"], "某市", [
        _fact(measure="share_pct", value=184.7, unit="%", value_normalized=184.7, unit_normalized="%"),  # share > 100
        _fact(period="2020年"),                                # period not in the contract's format
    ])
    result = run_gate(conn)
    assert not result.success
    assert _failed(result) == {
        ("stg_targets", "expect_column_values_to_be_in_set", "kind"),
        ("stg_targets", "expect_column_values_to_not_be_null", "value_normalized"),
        ("stg_targets", "expect_column_values_to_be_between", "year"),
        ("stg_facts", "expect_column_values_to_be_between", "value_normalized"),
        ("stg_facts", "expect_column_values_to_match_regex", "period"),
    }
    assert result.summary().startswith("FAILED 5 of")


def test_every_warehouse_table_has_a_suite_named_after_it():
    suites = load_suites()
    assert {s["name"] for s in suites} == {s["table"] for s in suites}
    assert {"raw_pages", "stg_pages", "stg_targets", "stg_facts", "mart_gap"} <= {s["table"] for s in suites}


def test_a_broken_suite_file_is_a_typed_error(tmp_path):
    (tmp_path / "x.yaml").write_text("table: x\nexpectations: {}\n", encoding="utf-8")
    with pytest.raises(SuiteError, match="x.yaml"):
        load_suites(tmp_path)
