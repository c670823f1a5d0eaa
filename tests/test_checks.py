"""The data-quality gate: real GX validations over small real DuckDB warehouses built through
the load API (fast; the snapshot runs are in tests/test_gate_snapshot.py)."""
from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime

import pytest

from plangap.checks.gate import SuiteError, load_suites, run_gate
from plangap.extract.page import FetchedPage, SourcePage
from plangap.transform.records import Fact, Target
from plangap.warehouse.db import connect
from plangap.warehouse.load import finish_run, load_facts, load_pages, load_targets, start_run
from plangap.warehouse.mart import build_gap_mart

pytestmark = pytest.mark.slow  # starts GX

PLAN, BULLETIN = "http://a/plan", "http://a/bulletin"


def _page(url: str, body: bytes, kind: str, day: int = 1) -> FetchedPage:
    return FetchedPage(source=SourcePage(url=url, kind=kind, region="某市", period="2020"), url=url, status=200,
                       fetched_at=datetime(2026, 1, day, tzinfo=UTC), content=body,
                       content_type="text/html; charset=utf-8", etag=None, last_modified=None)


def _target(**kw) -> Target:
    base = dict(clause="新增就业9.1万人", indicator="城镇新增就业", indicator_id=None, value=9.1, value_max=None,
                unit="万人", value_normalized=91000.0, unit_normalized="人", comparator="=", modifier=None,
                kind="count", section=None, year=2020, start=0, end=8)
    return Target(**{**base, **kw})


def _fact(**kw) -> Fact:
    base = dict(clause="地区生产总值7805.3亿元", indicator="地区生产总值", indicator_id=None, value=7805.3, unit="亿元",
                value_normalized=7.8053e11, unit_normalized="元", measure="level", period="2020",
                publication="2020年统计公报", published=None, start=0, end=15)
    return Fact(**{**base, **kw})


def _load(conn, day: int, plan_body: bytes, targets: list[Target], facts: list[Fact]) -> dict[str, int]:
    ids = load_pages(conn, [_page(PLAN, plan_body, "plan", day), _page(BULLETIN, b"bulletin", "bulletin", day)])
    load_targets(conn, ids[PLAN], "某市", targets)
    load_facts(conn, ids[BULLETIN], "某市", facts)
    build_gap_mart(conn, date(2026, 1, 1))
    return ids


@pytest.fixture
def warehouse(tmp_path):
    conn = connect(tmp_path / "w.duckdb")
    yield conn
    conn.close()


def _good_run(conn, targets: list[Target]) -> None:
    """A successful run on 2 January 2026 that read `targets` from the plan."""
    _load(conn, 1, b"plan v1", targets, [_fact()])
    start_run(conn, "good", started_at=datetime(2026, 1, 1, 23))
    finish_run(conn, "good", "success", ended_at=datetime(2026, 1, 2))


def _sha(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def _failed(result) -> dict[str, str]:
    return {r["name"]: r["reason"] for r in result.failed}


def test_clean_warehouse_passes_and_docs_are_built(warehouse, tmp_path):
    _load(warehouse, 1, b"plan", [_target(), _target(kind="commitment", value=None, value_normalized=None, unit=None,
                                                     unit_normalized=None, comparator=None, clause="建成通车")],
          [_fact(), _fact(measure="growth_pct", value=4.5, unit="%", value_normalized=4.5, unit_normalized="%",
                          clause="增长4.5%")])
    result = run_gate(warehouse, docs_dir=tmp_path / "docs", run_id="r1")
    assert result.success, result.reasons
    assert result.summary() == f"passed ({len(result.results)} expectations)"
    assert {r["suite"] for r in result.results} >= {"raw_pages", "stg_pages", "stg_targets", "stg_facts", "mart_gap",
                                                    "stg_targets.target_pages", "stg_facts.current_facts"}
    assert result.docs_index == tmp_path / "docs" / "index.html" and result.docs_index.is_file()
    assert list((tmp_path / "docs" / "results").rglob("*.json"))  # the validation results the site is built from


def test_a_run_name_that_reads_as_a_date_does_not_break_the_gate(warehouse, tmp_path):
    # run ids are "<UTC time>Z-<6 hex>"; dateutil reads about 1 in 1,500 of them (this one among
    # them) as a date with an offset of days, which GX used as the run time when none was given
    run_id = "20261203T021029Z-5307ad"
    _load(warehouse, 1, b"plan", [_target()], [_fact()])
    result = run_gate(warehouse, docs_dir=tmp_path / "docs", run_id=run_id)
    assert result.success, result.reasons
    assert result.run_id == run_id
    assert list((tmp_path / "docs" / "results").rglob(f"*{run_id}*"))


def test_injected_defects_are_exactly_what_fails(warehouse, tmp_path):
    _load(warehouse, 1, b"plan", [
        _target(kind="wish"),                                  # kind outside the set
        _target(value_normalized=None, value=None, clause="新增就业若干"),  # a numeric target without a value
        _target(year=1066, clause="新增就业9.1万人以上"),         # implausible year (and far from the plan's)
        _target(clause="新增就业8万人"),                          # the clause does not state 9.1
        _target(unit_normalized="斤两", clause="新增就业9.1万人。"),  # a unit outside the unit table
    ], [
        _fact(measure="share_pct", value=184.7, unit="%", value_normalized=184.7, unit_normalized="%",
              clause="占比184.7%"),                            # share > 100
        _fact(period="2020年"),                                # period not in the contract's format
        _fact(period="2016", clause="2016年地区生产总值7805.3亿元"),  # a period years before the bulletin's
    ])
    result = run_gate(warehouse, docs_dir=tmp_path / "docs")
    assert not result.success
    assert set(_failed(result)) == {
        "kind_in_vocabulary", "quantitative_target_has_a_value", "year_plausible", "clause_states_the_number",
        "unit_in_unit_table", "share_within_0_100", "period_in_contract_format", "period_in_document_year",
    }
    assert {r["name"] for r in result.warnings} == {"target_year_within_plan_horizon"}
    reasons = _failed(result)
    assert reasons["share_within_0_100"] == ("stg_facts share_within_0_100 (expect_column_values_to_be_between on "
                                             f"current_facts): {BULLETIN}, row_no 0, clause 占比184.7%")
    assert reasons["clause_states_the_number"].startswith("stg_targets clause_states_the_number")
    assert "新增就业8万人" in reasons["clause_states_the_number"]
    assert result.summary().startswith("FAILED 8 of ") and ", 1 warning: " in result.summary()


def test_a_collapsed_page_with_new_content_is_named_against_the_last_good_run(warehouse, tmp_path):
    _good_run(warehouse, [_target(clause=f"新增就业{i}万人", value=float(i), value_normalized=i * 1e4)
                          for i in range(1, 9)])
    _load(warehouse, 3, b"plan v2", [_target(clause="新增就业3万人", value=3.0, value_normalized=3e4)], [_fact()])
    result = run_gate(warehouse, docs_dir=tmp_path / "docs")
    failed = _failed(result)
    assert set(failed) == {"plan_page_keeps_half_its_targets", "region_year_keeps_half_its_targets"}
    assert failed["plan_page_keeps_half_its_targets"] == (
        "stg_targets plan_page_keeps_half_its_targets (expect_column_values_to_be_between on target_pages): "
        f"{PLAN} yields 1 targets, the last good run read 8; the page's content changed since the last good run "
        f"(sha256 {_sha(b'plan v1')[:12]} -> {_sha(b'plan v2')[:12]})")
    assert failed["region_year_keeps_half_its_targets"].endswith("某市 2020: 1 targets, the last good run had 8")
    assert result.failed[0]["pages"] == [PLAN]


def test_a_new_plan_page_has_only_the_floor(warehouse, tmp_path):
    _load(warehouse, 1, b"plan", [], [_fact()])  # no successful run yet: no history
    result = run_gate(warehouse, docs_dir=tmp_path / "docs")
    assert set(_failed(result)) == {"plan_page_yields_targets"}
    assert f"{PLAN} yields 0 targets (last good run: none)" in result.summary()


def test_every_table_has_its_suite_and_frames_are_named_after_it():
    suites = load_suites()
    tables = {s.table for s in suites}
    assert {"raw_pages", "stg_pages", "stg_targets", "stg_facts", "mart_gap"} <= tables
    assert {s.name for s in suites if s.dataset == s.table} == tables
    assert all(s.name == f"{s.table}.{s.dataset}" for s in suites if s.dataset != s.table)


def test_a_broken_suite_file_is_a_typed_error(tmp_path):
    (tmp_path / "x.yaml").write_text("table: x\nexpectations: {}\n", encoding="utf-8")
    with pytest.raises(SuiteError, match="x.yaml"):
        load_suites(tmp_path)
    (tmp_path / "x.yaml").write_text("table: x\nexpectations:\n  - {type: t, severity: loud}\n", encoding="utf-8")
    with pytest.raises(SuiteError, match="severity"):
        load_suites(tmp_path)
    (tmp_path / "x.yaml").write_text("table: x\nexpectations:\n  - {type: t, kwargs: {value_set: $NOPE}}\n",
                                     encoding="utf-8")
    with pytest.raises(SuiteError, match=r"\$NOPE"):
        load_suites(tmp_path)
