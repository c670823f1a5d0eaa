"""Tables as tables (issue 10): HTML spans (rowspan, colspan), multi-row headers, a title row
with the table's unit, a rank column, and tables whose rows are places (a county's row in its
prefecture's bulletin is that county's figure, not the city's and not an indicator called by the
county's name). The HTML page and the text table are written for these tests."""
from __future__ import annotations

from pathlib import Path

import pytest

from plangap.transform.document import load_document
from plangap.transform.facts import extract_facts
from plangap.transform.records import Document

PAGE = Path(__file__).parent / "fixtures" / "tables" / "county_table.html"


@pytest.fixture(scope="module")
def page_facts():
    doc = load_document(PAGE.read_bytes(), "http://tjj.example.gov.cn/2026/gb.html")
    return doc, extract_facts(doc)


def _rows(facts):
    return {(f.scope, f.indicator, f.measure, f.value_normalized, f.period) for f in facts}


def test_spans_are_expanded_and_header_rows_merged(page_facts):
    doc, _ = page_facts
    table = doc.tables[0]
    assert table.header == ["地区", "地区生产总值 绝对值", "地区生产总值 比上年增长（%）",
                            "一般公共预算收入 绝对值", "一般公共预算收入 比上年增长（%）"]
    assert table.unit == "亿元" and "各县" in (table.caption or "")
    assert [r[0] for r in doc.tables[1].rows] == ["粮食", "粮食"]  # rowspan repeated


def test_rows_of_places_are_figures_of_their_scope(page_facts):
    _, facts = page_facts
    rows = _rows(facts)
    assert ("东岭县", "地区生产总值", "level", 61230000000.0, "2025") in rows
    assert ("东岭县", "地区生产总值", "growth_pct", 6.1, "2025") in rows
    assert ("西岙市", "一般公共预算收入", "level", 5170000000.0, "2025") in rows
    assert ("青禾高新区", "一般公共预算收入", "growth_pct", 6.5, "2025") in rows
    assert not any(f.indicator in ("东岭县", "西岙市", "青禾高新区") for f in facts)


def test_the_whole_regions_row_has_no_scope(page_facts):
    _, facts = page_facts
    assert (None, "一般公共预算收入", "level", 40250000000.0, "2025") in _rows(facts)


def test_a_unit_per_row_and_no_rank_figures(page_facts):
    _, facts = page_facts
    grain = [(f.value_normalized, f.unit_normalized) for f in facts if f.indicator == "粮食" and f.measure == "level"]
    assert grain == [(1205000.0, "吨"), (9800000.0, "亩")]
    assert not any(f.value in (3, 5) and f.indicator == "粮食" for f in facts)


def test_a_text_table_of_places_with_growth_beside_its_level():
    text = ("2025年青禾市国民经济和社会发展统计公报\n表3 2025年各县（市、区）主要指标\n"
            "县（市、区） | 地区生产总值（亿元） | 比上年增长（%） | 位次\n"
            "全市 | 5230.6 | 5.6 | —\n东岭县 | 612.3 | 6.1 | 2\n西岙市 | 845.0 | 5.2 | 5\n")
    doc = Document(text=text, title="2025年青禾市国民经济和社会发展统计公报", year=2025)
    rows = _rows(extract_facts(doc))
    assert rows == {
        (None, "地区生产总值", "level", 523060000000.0, "2025"), (None, "地区生产总值", "growth_pct", 5.6, "2025"),
        ("东岭县", "地区生产总值", "level", 61230000000.0, "2025"), ("东岭县", "地区生产总值", "growth_pct", 6.1, "2025"),
        ("西岙市", "地区生产总值", "level", 84500000000.0, "2025"), ("西岙市", "地区生产总值", "growth_pct", 5.2, "2025"),
    }


def test_a_table_of_indicators_is_not_read_by_places():
    text = ("2025年青禾市国民经济和社会发展统计公报\n指标 | 2025年 | 比上年增长（%）\n"
            "地区生产总值（亿元） | 5230.6 | 5.6\n城镇居民人均可支配收入（元） | 56120 | 4.5\n")
    doc = Document(text=text, title="2025年青禾市国民经济和社会发展统计公报", year=2025)
    facts = extract_facts(doc)
    assert facts and all(f.scope is None for f in facts)
    assert {f.indicator for f in facts} == {"地区生产总值", "城镇居民人均可支配收入"}
