"""The document model (transform/parts.py): parts, roles, periods and horizons.

Every document here is written for these tests (made-up places and figures)."""
from __future__ import annotations

import pytest

from plangap.transform.parts import (
    FIVE_YEAR_GOALS,
    OTHER,
    REVIEW_FIVE_YEAR,
    REVIEW_YEAR,
    ROLES,
    STATISTICS,
    TARGETS_THIS_YEAR,
    WORK_PLAN,
    Part,
    forward_looking,
    part_at,
    resolve_plan_year,
    review,
    split_parts,
)
from plangap.transform.records import Document

REPORT_2026 = """2026年云川省政府工作报告
——2026年1月20日在云川省第十四届人民代表大会第五次会议上
各位代表：
现在，我代表省人民政府，向大会报告工作，请予审议。
一、2025年工作和“十四五”时期发展回顾
过去一年，全省上下攻坚克难，经济运行稳中有进。
一年来，主要做了以下工作。
（一）稳住经济大盘。地区生产总值增长5.3%，规模以上工业增加值增长6.1%。
（二）用心办好民生实事。城镇新增就业41.2万人，新建养老服务中心120个。
2025年是“十四五”收官之年。回望“十四五”，我们走过了不平凡的历程。
——这五年，经济实力跃上新台阶。地区生产总值年均增长5.6%，累计新增市场主体210万户。
——这五年，群众生活持续改善。居民人均可支配收入年均增长6.2%。
二、“十五五”时期主要目标任务
“十五五”时期是全面发力的关键时期。
（一）经济发展取得新成效。全省地区生产总值年均增长5%左右，人均预期寿命达到80岁。
（二）社会文明程度明显提升。每千人口拥有3岁以下婴幼儿托位数达到4.5个。
三、2026年重点工作
今年是“十五五”开局之年。政府工作的总体要求是：稳中求进。
今年经济社会发展的主要预期目标是：地区生产总值增长5%左右，城镇新增就业40万人以上，居民消费价格涨幅2%左右。
为实现上述目标，重点做好以下工作。
（一）扩大有效需求
实施重点项目1500个以上，完成投资8000亿元。
（二）总结推广改革经验
新增专精特新企业300家。
各位代表！让我们更加紧密地团结起来，为实现今年目标而努力奋斗！
附件
名词解释
1.“双千工程”：到2030年培育1000家创新企业、1000个优质项目。
2.“三网”：水网、电网、路网。
"""


def _doc(text: str, **kw) -> Document:
    return Document(text=text, **kw)


def _role_of(parts: list[Part], text: str, needle: str) -> Part:
    pos = text.index(needle)
    part = part_at(parts, pos)
    assert part is not None, needle
    return part


@pytest.fixture(scope="module")
def report() -> tuple[str, list[Part]]:
    doc = _doc(REPORT_2026)
    return doc.text, split_parts(doc)


def test_parts_cover_the_text_without_gaps(report):
    text, parts = report
    assert parts[0].start == 0 and parts[-1].end == len(text)
    for a, b in zip(parts, parts[1:]):
        assert a.end == b.start and a.start < a.end
    assert all(p.role in ROLES for p in parts)


@pytest.mark.parametrize("needle, role, period, horizon", [
    ("现在，我代表", OTHER, None, None),
    ("规模以上工业增加值增长6.1%", REVIEW_YEAR, "2025", None),
    # 办好民生实事 titles a part of the review, not this year's work
    ("城镇新增就业41.2万人", REVIEW_YEAR, "2025", None),
    ("回望“十四五”", REVIEW_FIVE_YEAR, "2021/2025", None),
    ("累计新增市场主体210万户", REVIEW_FIVE_YEAR, "2021/2025", None),
    ("居民人均可支配收入年均增长6.2%", REVIEW_FIVE_YEAR, "2021/2025", None),
    ("年均增长5%左右", FIVE_YEAR_GOALS, "2026/2030", 2030),
    ("婴幼儿托位数达到4.5个", FIVE_YEAR_GOALS, "2026/2030", 2030),
    ("城镇新增就业40万人以上", TARGETS_THIS_YEAR, "2026", 2026),
    ("为实现上述目标", WORK_PLAN, "2026", 2026),
    ("实施重点项目1500个以上", WORK_PLAN, "2026", 2026),
    # 总结推广 in a work plan heading does not make it a review
    ("新增专精特新企业300家", WORK_PLAN, "2026", 2026),
    ("让我们更加紧密地团结", OTHER, None, None),
    # no numbers from glossaries, whatever their words (到2030年)
    ("培育1000家创新企业", OTHER, None, None),
    ("水网、电网", OTHER, None, None),
])
def test_whole_report_roles(report, needle, role, period, horizon):
    text, parts = report
    part = _role_of(parts, text, needle)
    assert (part.role, part.period, part.horizon) == (role, period, horizon), part


def test_headings_of_parts(report):
    text, parts = report
    assert _role_of(parts, text, "实施重点项目").heading == "扩大有效需求"
    assert _role_of(parts, text, "各位代表：").heading is None or \
        _role_of(parts, text, "各位代表：").role == OTHER


def test_helpers():
    assert forward_looking(WORK_PLAN) and forward_looking(TARGETS_THIS_YEAR) and forward_looking(FIVE_YEAR_GOALS)
    assert not forward_looking(REVIEW_YEAR) and not forward_looking(OTHER) and not forward_looking(STATISTICS)
    assert review(REVIEW_YEAR) and review(REVIEW_FIVE_YEAR)
    assert not review(WORK_PLAN) and not review(OTHER)
    assert part_at([], 0) is None
    parts = [Part(0, 5, OTHER, None, None, None), Part(5, 9, WORK_PLAN, "2026", 2026, None)]
    assert part_at(parts, 4).role == OTHER and part_at(parts, 5).role == WORK_PLAN
    assert part_at(parts, 9) is None and part_at(parts, -1) is None


REPORT_2021 = """政府工作报告
——2021年1月18日在青林市第十五届人民代表大会第六次会议上
一、“十三五”时期和2020年工作回顾
“十三五”时期是我市发展极不平凡的五年。地区生产总值年均增长6.8%。
刚刚过去的2020年，我们统筹疫情防控和经济社会发展，地区生产总值增长3.1%。
二、“十四五”时期的奋斗目标
今后五年，全市地区生产总值年均增长6%以上，常住人口城镇化率达到65%。
三、2021年主要工作
今年经济社会发展的主要预期目标是：地区生产总值增长7%以上。
"""


@pytest.mark.parametrize("needle, role, period, horizon", [
    ("年均增长6.8%", REVIEW_FIVE_YEAR, "2016/2020", None),
    ("增长3.1%", REVIEW_YEAR, "2020", None),
    ("年均增长6%以上", FIVE_YEAR_GOALS, "2021/2025", 2025),
    ("城镇化率达到65%", FIVE_YEAR_GOALS, "2021/2025", 2025),
    ("增长7%以上", TARGETS_THIS_YEAR, "2021", 2021),
])
def test_2021_report_reviews_the_13th_plan_and_sets_the_14th(needle, role, period, horizon):
    doc = _doc(REPORT_2021, title="政府工作报告")
    parts = split_parts(doc)
    part = _role_of(parts, doc.text, needle)
    assert (part.role, part.period, part.horizon) == (role, period, horizon)


REPORT_2024 = """2024年松原县政府工作报告
一、2023年工作回顾
2023年，全县地区生产总值增长6.2%。“十四五”规划主要指标进展顺利，12项指标达到序时进度。
二、2024年工作总体要求和主要目标
2024年是实现“十四五”规划目标任务的关键一年。
全县地区生产总值增长6%左右，一般公共预算收入增长5%。
三、2024年重点工作
（一）抓项目扩投资
新开工亿元以上项目60个。
"""


def test_2024_report_has_no_five_year_review():
    doc = _doc(REPORT_2024)
    parts = split_parts(doc)
    assert REVIEW_FIVE_YEAR not in {p.role for p in parts}
    assert FIVE_YEAR_GOALS not in {p.role for p in parts}
    got = {n: _role_of(parts, doc.text, n).role for n in ("增长6.2%", "12项指标", "增长6%左右", "项目60个")}
    assert got == {"增长6.2%": REVIEW_YEAR, "12项指标": REVIEW_YEAR,
                   "增长6%左右": TARGETS_THIS_YEAR, "项目60个": WORK_PLAN}


BARE_HEADINGS = """“十四五”时期发展成就和2025年工作回顾
——这五年，综合实力明显增强。经济总量达到1.2万亿元。
刚刚过去的2025年，我们顶住压力，地区生产总值增长5.4%。
“十五五”时期主要目标和2026年重点工作
“十五五”时期，全区经济总量力争突破1.6万亿元。
今年是“十五五”开局之年，要稳中求进。
今年经济社会发展的主要预期目标是：地区生产总值增长5%左右。
一、坚持创新驱动
新建重点实验室10个。
二、坚持民生为大
新增城镇就业20万人。
附件
2026年民生实事
1.新建社区食堂200个。
"""


@pytest.mark.parametrize("needle, role", [
    ("经济总量达到1.2万亿元", REVIEW_FIVE_YEAR),
    ("增长5.4%", REVIEW_YEAR),
    ("力争突破1.6万亿元", FIVE_YEAR_GOALS),
    ("要稳中求进", WORK_PLAN),
    ("增长5%左右", TARGETS_THIS_YEAR),
    ("重点实验室10个", WORK_PLAN),
    ("就业20万人", WORK_PLAN),
    ("社区食堂200个", WORK_PLAN),
])
def test_unnumbered_headings_and_paragraph_cues(needle, role):
    doc = _doc(BARE_HEADINGS, title="2026年川北自治区政府工作报告")
    parts = split_parts(doc)
    assert _role_of(parts, doc.text, needle).role == role


GOALS_INSIDE_REVIEW = """一、2025年工作回顾
过去一年，全省经济增长5.1%。
“十五五”时期，全省经济社会发展的主要目标是：地区生产总值年均增长5%以上。
到2030年，森林覆盖率达到25%。
二、2026年工作安排
主要预期目标是：地区生产总值增长5%。
"""


def test_goals_paragraph_inside_the_review_heading():
    doc = _doc(GOALS_INSIDE_REVIEW)
    parts = split_parts(doc, plan_year=2026)
    assert _role_of(parts, doc.text, "增长5.1%").role == REVIEW_YEAR
    goals = _role_of(parts, doc.text, "年均增长5%以上")
    assert (goals.role, goals.horizon) == (FIVE_YEAR_GOALS, 2030)
    assert _role_of(parts, doc.text, "森林覆盖率达到25%").role == FIVE_YEAR_GOALS
    assert _role_of(parts, doc.text, "增长5%。").role == TARGETS_THIS_YEAR


def test_plan_year_argument_wins_and_periods_follow_it():
    doc = _doc("一、工作回顾\n过去一年，全市经济增长4%。\n二、今年工作\n新增就业1万人。\n")
    parts = split_parts(doc, plan_year=2019)
    rev = _role_of(parts, doc.text, "增长4%")
    work = _role_of(parts, doc.text, "新增就业")
    assert (rev.role, rev.period) == (REVIEW_YEAR, "2018")
    assert (work.role, work.period, work.horizon) == (WORK_PLAN, "2019", 2019)


@pytest.mark.parametrize("text, title, year", [
    ("——二〇二五年一月十六日在某省第十四届人民代表大会第三次会议上\n一、工作回顾\n", None, 2025),
    ("今年是“十五五”开局之年，要开好局。\n", None, 2026),
    ("一、2019年工作回顾\n", None, 2020),
    ("正文\n", "关于2024年国民经济和社会发展计划的报告", 2024),
    ("(某省)2020年某县人民政府工作报告\n2021年1月6日在某县第十届人民代表大会第六次会议上\n", None, 2021),
])
def test_resolve_plan_year(text, title, year):
    assert resolve_plan_year(_doc(text, title=title)) == year


def test_new_government_term_reviews_five_years_ahead_five_years():
    doc = _doc("一、过去五年工作回顾\n五年来，全市经济总量年均增长6%。\n二、今后五年的目标任务\n"
               "到2027年，经济总量突破5000亿元。\n三、2023年重点工作\n新建学校20所。\n", title="2023年政府工作报告")
    parts = split_parts(doc)
    rev = _role_of(parts, doc.text, "年均增长6%")
    goals = _role_of(parts, doc.text, "突破5000亿元")
    assert (rev.role, rev.period) == (REVIEW_FIVE_YEAR, "2018/2022")
    assert (goals.role, goals.horizon) == (FIVE_YEAR_GOALS, 2027)
    assert _role_of(parts, doc.text, "学校20所").role == WORK_PLAN


PLAN_REPORT_2025 = """关于某市2024年国民经济和社会发展计划执行情况与2025年计划草案的报告
一、2024年国民经济和社会发展计划执行情况
（一）经济运行稳中有进。地区生产总值增长5.2%，完成年度目标。
“十四五”规划主要目标任务进展顺利，18项指标达到序时进度。
二、2025年经济社会发展的总体要求和主要目标
2025年是“十四五”规划收官之年。
全市地区生产总值增长5.5%左右，居民人均可支配收入增长5.5%。
三、2025年国民经济和社会发展计划的主要任务
（一）全力扩大有效投资。实施市级重点项目600个。
"""


@pytest.mark.parametrize("needle, role", [
    ("增长5.2%", REVIEW_YEAR),
    ("18项指标", REVIEW_YEAR),  # a plan in its course, reviewed: not its goals
    ("增长5.5%左右", TARGETS_THIS_YEAR),
    ("重点项目600个", WORK_PLAN),
])
def test_plan_execution_and_draft_report(needle, role):
    doc = _doc(PLAN_REPORT_2025)
    parts = split_parts(doc)
    assert resolve_plan_year(doc) == 2025
    assert _role_of(parts, doc.text, needle).role == role


def test_five_year_review_heading_without_a_plan_name_has_its_period():
    doc = _doc("一、过去五年工作回顾\n全市经济总量达到8000亿元。\n", title="2023年政府工作报告")
    part = _role_of(split_parts(doc), doc.text, "8000亿元")
    assert (part.role, part.period) == (REVIEW_FIVE_YEAR, "2018/2022")


def test_targets_heading_ends_where_the_tasks_begin():
    text = ("二、2025年主要预期目标\n2025年是承上启下的一年。\n●地区生产总值增长5%\n●新增就业2万人\n"
            "●完成节能减排降碳\n约束性指标任务\n重点抓好八个方面工作\n1.做强实体经济，新增规上企业120家\n")
    doc = _doc(text)
    parts = split_parts(doc)
    assert _role_of(parts, text, "承上启下").role == TARGETS_THIS_YEAR
    assert _role_of(parts, text, "新增就业2万人").role == TARGETS_THIS_YEAR
    assert _role_of(parts, text, "规上企业120家").role == WORK_PLAN
