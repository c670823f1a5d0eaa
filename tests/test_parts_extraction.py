"""Whole documents read as their parts: targets only from the forward-looking parts, with their
target year and kind; the review parts' numbers as facts (actuals) of their period; and, end to
end, a plan of year N answered by the review of the work report of year N+1 in gap_report.

Every document here is written for these tests (made-up places and figures)."""
from __future__ import annotations

import json
from contextlib import closing
from datetime import date
from pathlib import Path

import duckdb
import pytest

from plangap.transform.facts.review import is_plan_document, review_facts
from plangap.transform.records import Document
from plangap.transform.targets import extract_targets
from plangap.warehouse.gap import TargetRow, judge
from plangap.warehouse.statuses import NO_DATA, NOT_MEASURABLE

REPORT_2026 = """青禾省2026年政府工作报告
各位代表：
现在，我代表省人民政府，向大会报告工作，请予审议。
一、2025年工作回顾
过去一年，全省地区生产总值增长5.6%，一般公共预算收入完成420亿元、增长3.1%。
城镇新增就业31.2万人，居民消费价格上涨0.4%。
二、“十四五”时期发展成就
五年来，全省地区生产总值年均增长5.8%，常住人口城镇化率提高到63.5%。
三、“十五五”时期主要目标
今后五年，全省地区生产总值年均增长5%左右，研发经费投入累计达到1800亿元，人均预期寿命达到80岁。
四、2026年工作安排
今年经济社会发展的主要预期目标是：地区生产总值增长5%以上，城镇新增就业30万人以上，到2027年建成5G基站8万个。
"""


def _doc(text: str, title: str = "青禾省2026年政府工作报告") -> Document:
    return Document(text=text, title=title, year=2026, published="2026-01-25")


def _by_clause(targets):
    return {t.clause: t for t in targets}


def test_review_numbers_are_no_targets_and_goals_carry_their_year_and_kind():
    found = _by_clause(extract_targets(_doc(REPORT_2026)))
    assert not any(c.startswith(("全省地区生产总值增长5.6", "一般公共预算收入", "常住人口城镇化率")) for c in found)
    assert not any("5.8%" in c or "31.2万人" in c for c in found)
    rows = {(t.value, t.year, t.target_kind) for t in found.values()}
    assert (5, 2030, "five_year_avg") in rows  # 年均增长5%左右 over 2026-2030
    assert (1800, 2030, "cumulative") in rows  # 累计达到1800亿元
    assert (80, 2030, "level_by_year") in rows  # a level due by the horizon
    assert (5, 2026, "annual") in rows  # 地区生产总值增长5%以上
    assert (30, 2026, "annual") in rows
    assert (8, 2027, "annual") in rows  # the clause names its own year (到2027年)


def test_a_sentence_that_turns_from_last_year_to_this_year_keeps_its_target():
    text = "据初步统计，去年全市生产总值增长6.1%，今年全市生产总值预期增长5.5%左右。\n"
    found = extract_targets(Document(text=text, title="某市经济工作新闻", year=2026))
    assert [(t.value, t.year) for t in found] == [(5.5, 2026)]


def test_review_parts_yield_actuals_of_their_period():
    doc = _doc(REPORT_2026)
    facts = review_facts(doc)
    got = {(f.value, f.measure, f.period) for f in facts}
    assert (5.6, "growth_pct", "2025") in got
    assert (420, "level", "2025") in got and (3.1, "growth_pct", "2025") in got
    assert (5.8, "growth_pct", "2021/2025") in got  # the five-year review
    assert not any(f.value in (80, 1800, 30) for f in facts)  # goals and targets are no actuals
    for f in facts:
        assert doc.text[f.start:f.end] == f.clause
        assert f.publication == doc.title
    assert is_plan_document(doc)
    assert not is_plan_document(Document(text="2025年全省国民经济运行情况\n全省生产总值增长5.6%。", title="统计公报"))


def _target(kind: str, year: int, target_kind: str) -> TargetRow:
    return TargetRow(page_id=1, row_no=0, region="青禾省", scope=None, indicator_id="gdp", kind=kind, value=5,
                     value_max=None, unit="%", value_normalized=5, unit_normalized="%", comparator="=",
                     modifier="左右", year=year, target_kind=target_kind)


def test_period_targets_are_never_judged_against_one_years_figure():
    as_of = date(2027, 3, 1)
    avg = judge(_target("rate", 2030, "five_year_avg"), [], as_of)
    assert avg.status == NOT_MEASURABLE and "not judged against one year's figure" in (avg.reason or "")
    level = judge(_target("level", 2030, "level_by_year"), [], as_of)
    assert level.status == NO_DATA and "level due by 2030" in (level.reason or "")


# --- end to end: a plan of year N, the work report of year N+1 --------------------------------

PLAN_2024 = """<html><head><meta charset="utf-8"><title>白川市2024年政府工作报告</title></head><body>
<div class="article"><h1>白川市2024年政府工作报告</h1>
<p>一、2023年工作回顾</p>
<p>过去一年，全市地区生产总值增长4.8%，全体居民人均可支配收入增长5.2%。</p>
<p>二、2024年工作安排</p>
<p>今年经济社会发展的主要预期目标是：全市地区生产总值增长6%左右，全体居民人均可支配收入增长6%。</p>
</div></body></html>"""

REPORT_2025 = """<html><head><meta charset="utf-8"><title>白川市2025年政府工作报告</title></head><body>
<div class="article"><h1>白川市2025年政府工作报告</h1>
<p>一、2024年工作回顾</p>
<p>过去一年，全市地区生产总值增长6.3%，全体居民人均可支配收入增长5.1%。</p>
<p>二、2025年工作安排</p>
<p>今年经济社会发展的主要预期目标是：全市地区生产总值增长5.5%左右，全体居民人均可支配收入增长5.5%。</p>
</div></body></html>"""


def _snapshot(folder: Path) -> Path:
    pages = [("www.baichuan.example.cn/zfgzbg/2024.html", PLAN_2024, "2024"),
             ("www.baichuan.example.cn/zfgzbg/2025.html", REPORT_2025, "2025")]
    manifest = []
    for file, html, year in pages:
        path = folder / file
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")
        manifest.append({"url": f"https://{file}", "file": file, "kind": "plan", "region": "白川市",
                         "period": year, "encoding": "utf-8"})
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    return folder


@pytest.mark.slow
def test_the_next_years_report_answers_last_years_targets(settings, tmp_path):
    from plangap.flows import stages
    from plangap.flows.records import RunOptions
    from plangap.flows.transaction import open_run
    from plangap.transform.page import extract_page
    from plangap.warehouse.queries import gap_rows

    snap = _snapshot(tmp_path / "snap")
    with open_run(RunOptions(settings=settings, snapshot=snap, as_of=date(2025, 3, 1))) as run:
        plan = run.plan
        fetched = stages.fetch(plan, run.known)
        archived = stages.archive(plan.work_db, plan, fetched, run.known)
        stages.load(plan.work_db, archived, [extract_page(p) for p in archived.pages], 0)
        stages.build_gap(plan.work_db, date(2025, 3, 1))
        with closing(duckdb.connect(str(plan.work_db))) as conn:
            rows = gap_rows(conn, region="白川市", year=2024)
            staged = conn.execute("SELECT period, value FROM stg_facts ORDER BY period, value").fetchall()
    assert ("2024", 6.3) in staged and ("2023", 4.8) in staged  # review actuals of both reports
    gdp = [r for r in rows if r["indicator_id"] == "gdp"]
    assert gdp, rows
    assert gdp[0]["status"] == "achieved"  # 6.3% against 6% (±0.5) — the 2025 report's review
    assert gdp[0]["actual_period"] == "2024" and gdp[0]["actual_value"] == 6.3
    income = [r for r in rows if r["indicator"] and "可支配收入" in r["indicator"]]
    assert income and income[0]["status"] == "missed"  # 5.1% against 6%


# --- indicator names without verbs, tiers or thresholds ---------------------------------------

def test_indicator_names_leave_verbs_tiers_and_thresholds_out():
    text = ("今年的主要预期目标是：全县地区生产总值确保完成520亿元，力争突破540亿元；"
            "细颗粒物（PM2.5）年均浓度低于26微克/立方米；主营业务收入超20亿元企业达到9家；"
            "一般公共预算收入力争实现31亿元。\n")
    got = {(t.value, t.indicator, t.comparator, t.modifier, t.qualifier) for t in extract_targets(_doc(text))}
    assert (520, "全县地区生产总值", "=", "确保", None) in got
    assert (540, "全县地区生产总值", ">=", "力争,突破", None) in got
    assert (26, "细颗粒物（PM2.5）年均浓度", "<=", "低于", None) in got
    assert (9, "企业", "=", None, "主营业务收入超20亿元") in got
    assert (31, "一般公共预算收入", "=", "力争", None) in got


def test_the_plans_own_indicator_count_and_one_off_grants_are_no_targets():
    text = ("今年的主要预期目标是：规划纲要从6个方面设置了24个主要指标；对考入重点高校的学生给予一次性补助5000元；"
            "城镇新增就业4.5万人。\n")
    assert [t.value for t in extract_targets(_doc(text))] == [4.5]


def test_a_review_states_levels_with_their_bounds():
    text = ("青禾省2026年政府工作报告\n一、2025年工作回顾\n过去一年，空气质量优良天数比例保持在92%以上，"
            "金融机构存款余额突破3万亿元。\n二、2026年工作安排\n今年要保持优良天数比例在90%以上。\n")
    facts = review_facts(_doc(text))
    assert {(f.value, f.period) for f in facts} == {(92, "2025"), (3, "2025-12-31")}  # a balance: year end


# --- plan-execution tables: both sides, of the table's year ----------------------------------

EXECUTION = """青禾县2026年国民经济和社会发展计划草案
2025年主要指标执行情况
指标 | 单位 | 年度目标 | 完成情况
地区生产总值增长 | % | 6左右 | 5.4
一般公共预算收入 | 亿元 | 18 | 18.6
今年经济社会发展的主要预期目标是：地区生产总值增长5.5%左右。
"""


def test_an_execution_table_gives_the_target_and_the_outcome_of_its_year():
    doc = _doc(EXECUTION, title="青禾县2026年国民经济和社会发展计划草案")
    targets = {(t.value, t.year) for t in extract_targets(doc)}
    assert {(6, 2025), (18, 2025), (5.5, 2026)} <= targets
    facts = {(f.indicator_id, f.value, f.measure, f.period) for f in review_facts(doc)}
    assert ("gdp", 5.4, "growth_pct", "2025") in facts
    assert any(v == 18.6 and m == "level" and p == "2025" for _, v, m, p in facts)
    for f in review_facts(doc):
        assert doc.text[f.start:f.end] == f.clause


def test_a_table_of_outcomes_only_gives_facts_and_no_target():
    text = "2025年部分指标实际完成\n指标 | 单位 | 实际完成\n社会消费品零售总额 | 亿元 | 96.3\n"
    doc = _doc(text, title="青禾县2026年国民经济和社会发展计划草案")
    assert [t for t in extract_targets(doc) if t.value == 96.3] == []
    assert [(f.value, f.period) for f in review_facts(doc)] == [(96.3, "2025")]


def test_a_bare_trillion_in_a_list_is_a_trillion():
    text = "今年的主要预期目标是：力争甲、乙两大产业营收分别达到1.5万亿、6000亿元。\n"
    got = [(t.value, t.unit, t.value_normalized) for t in extract_targets(_doc(text))]
    assert got == [(1.5, "万亿", 1.5e12), (6000, "亿元", 6e11)]


def test_together_and_alike_are_no_counts():
    text = "今年要推动各族群众像一家人一样团结在一起，新建便民服务站12个。\n"
    assert [t.value for t in extract_targets(_doc(text))] == [12]


def test_a_five_year_review_dates_a_level_reached_at_its_end_and_the_rest_over_the_period():
    text = ("青禾省2026年政府工作报告\n一、“十四五”时期发展成就\n五年来，全省常住人口城镇化率达到66.2%，"
            "建成高标准农田480万亩。\n二、2026年工作安排\n今年要新建高标准农田60万亩。\n")
    got = {(f.value, f.period) for f in review_facts(_doc(text))}
    assert got == {(66.2, "2025"), (480, "2021/2025")}
