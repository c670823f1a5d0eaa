"""A plan-execution report (计划执行情况与计划草案的报告): the execution part holds a table, the
table's notes (注：…) and then numbered sub-sections of prose. The notes end with their heading:
the sub-sections after them are still the review of the execution year (facts, no targets), and
a table row is read once, as a row. Text written for these tests."""
from __future__ import annotations

from plangap.transform.facts.review import review_facts
from plangap.transform.records import Document
from plangap.transform.targets import extract_targets

TITLE = "关于云溪市2024年国民经济和社会发展计划执行情况与2025年国民经济和社会发展计划草案的报告"
REPORT = TITLE + """
各位代表：
受市人民政府委托，现将计划执行情况与计划草案提请审议。
一、2024年国民经济和社会发展计划执行情况
2024年，全市经济运行稳中有进，主要指标完成情况见表1。
表1　2024年主要指标执行情况
指标 | 单位 | 年度目标 | 完成情况
地区生产总值增长 | % | 6左右 | 5.2
城镇新增就业 | 万人 | 5 | 5.6
注：地区生产总值增速按可比价格计算。
（一）产业转型步伐加快。规模以上工业增加值增长6.1%，新增高新技术企业210家。
（二）民生保障有力。城镇居民人均可支配收入达到5.2万元，新增养老床位860张。
二、2025年国民经济和社会发展计划草案
（一）主要预期目标
地区生产总值增长5.5%左右，城镇新增就业5万人以上。
（二）主要任务
新建5G基站1500个，新增养老床位900张。
"""


def _doc() -> Document:
    return Document(text=REPORT, title=TITLE, year=2025, published="2025-01-20")


def test_sub_sections_after_a_tables_notes_are_still_the_review():
    facts = review_facts(_doc())
    got = {(f.value_normalized, f.period) for f in facts}
    assert {(6.1, "2024"), (210, "2024"), (52000, "2024"), (860, "2024")} <= got
    notes = REPORT.index("注：")
    plan = REPORT.index("二、2025年")
    assert any(notes < f.start < plan for f in facts)


def test_a_table_row_gives_one_fact():
    facts = review_facts(_doc())
    row = REPORT.index("城镇新增就业 | 万人")
    in_row = [f for f in facts if row <= f.start < REPORT.index("\n", row)]
    assert [(f.value_normalized, f.period) for f in in_row] == [(56000, "2024")]


def test_the_review_after_the_notes_gives_no_targets():
    plan = REPORT.index("二、2025年")
    targets = extract_targets(_doc())
    assert targets and all(t.start < REPORT.index("注：") or t.start > plan for t in targets)
    assert {t.value for t in targets if t.start > plan} >= {5.5, 5, 1500, 900}


MIXED = """青禾县2026年国民经济和社会发展计划草案
一、2025年计划执行情况
表1 2025年主要指标完成情况
指标 | 单位 | 年度目标 | 完成情况
地区生产总值 | 亿元 | 增长6%左右 | 812.5亿元，增长5.4%
一般公共预算收入 | 亿元 | 18 | 18.6
单位地区生产总值能耗 | % | 下降3% | 下降3.2%
二、2026年主要目标
地区生产总值增长5.5%左右。
"""


def test_a_cell_with_a_level_and_its_growth_gives_both():
    doc = Document(text=MIXED, title="青禾县2026年国民经济和社会发展计划草案", year=2026, published="2026-01-10")
    facts = {(f.indicator_id, f.measure, f.value_normalized, f.period) for f in review_facts(doc)}
    assert {("gdp", "level", 81250000000.0, "2025"), ("gdp", "growth_pct", 5.4, "2025"),
            ("public_budget_revenue", "level", 1860000000.0, "2025"),
            ("energy_intensity_gdp", "growth_pct", -3.2, "2025")} == facts
    targets = {(t.indicator_id, t.value_normalized, t.year) for t in extract_targets(doc)}
    assert {("gdp", 6, 2025), ("gdp", 5.5, 2026)} <= targets
