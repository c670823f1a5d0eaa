"""Phrasings met on plans the extractor was not tuned on: five-year plans, Chinese numerals as
values, digit groups broken by spaces, review figures of plan reports, counts of the plan's own
items, and table cells without a number. Fixtures are written for these tests
(tests/fixtures/plans/); rows are exact and in reading order.

Row: (clause, value, value_max, unit, value_normalized, unit_normalized, comparator, modifier,
kind, year).
"""
from __future__ import annotations

import pytest
from target_rows import rows_of as _rows
from target_rows import targets_of as _targets

from plangap.transform.records import Document
from plangap.transform.targets import extract_targets
from plangap.transform.targets.context import plan_period
from plangap.transform.text.normalize import normalize


def test_five_year_plan_goals_to_2025_and_2035_review_of_the_last_period_left_out():
    assert _rows("fyp_goals.txt") == [
        ("全市地区生产总值年均增长6.5%左右", 6.5, None, "%", 6.5, "%", "=", "左右", "rate", 2025),
        ("一般公共预算收入达到90亿元以上", 90, None, "亿元", 9e9, "元", ">=", "以上", "amount", 2025),
        ("城镇调查失业率控制在5%以内", 5, None, "%", 5, "%", "<=", "控制在,以内", "ratio", 2025),
        ("每千人口拥有执业（助理）医师数达到3.2人", 3.2, None, "人", 3.2, "人", "=", None, "level", 2025),
        ("人均预期寿命达到81岁", 81, None, "岁", 81, "岁", "=", None, "level", 2025),
        ("劳动年龄人口平均受教育年限达到11.8年", 11.8, None, "年", 11.8, "年", "=", None, "level", 2025),
        ("PM2.5平均浓度降至30微克/立方米以下", 30, None, "微克/立方米", 30, "微克/立方米", "<=", "降至,以下",
         "level", 2025),
        ("常住人口城镇化率达到72%", 72, None, "%", 72, "%", "=", None, "ratio", 2035),
        ("新建城市道路120公里", 120, None, "公里", 120, "公里", "=", None, "amount", 2025),
        ("城际铁路青岭段、环湖铁路建成通车", None, None, None, None, None, None, None, "commitment", 2025),
        ("城际铁路青岭段、环湖铁路建成通车", None, None, None, None, None, None, None, "commitment", 2025),
        ("青岭综合客运枢纽建成投用", None, None, None, None, None, None, None, "commitment", 2025),
        ("沿湖快速路开工建设", None, None, None, None, None, None, None, "commitment", 2025),
        ("建成青岭软件园二期", None, None, None, None, None, None, None, "commitment", 2025),
        ("研发经费投入强度(%) | 2.1 | 2.8", 2.8, None, "%", 2.8, "%", "=", None, "ratio", 2025),
        ("高新技术企业(家) | 310 | 600以上", 600, None, "家", 600, "家", ">=", "以上", "count", 2025),
    ]
    inds = [t.indicator for t in _targets("fyp_goals.txt")]
    assert inds[9:11] == ["城际铁路青岭段", "环湖铁路"]
    assert inds[13] == "青岭软件园二期"
    assert inds[14] == "研发经费投入强度"


@pytest.mark.parametrize("title, period", [
    ("某市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要", (2021, 2025)),
    ("某县“十五五”交通发展规划", (2026, 2030)),
    ("某区养老服务设施布局规划（2023—2027年）", (2023, 2027)),
    ("某市“十四五”规划纲要实施中期评估报告", None),
    ("2024年某市政府工作报告", None),
    ("一九九五年国民经济计划", None),
])
def test_plan_period_from_the_title(title, period):
    assert plan_period(title, "") == period


def test_mid_period_milestone_of_a_five_year_plan_is_a_target():
    doc = Document(text="某市“十四五”生态环境保护规划\n到2023年，森林覆盖率达到40%；到2025年，森林覆盖率达到41%。",
                   title="某市“十四五”生态环境保护规划")
    assert [(t.value, t.year) for t in extract_targets(doc)] == [(40, 2023), (41, 2025)]


def test_chinese_numerals_after_the_noun_and_chinese_percent_ranges():
    assert _rows("cn_values.txt") == [
        ("税收收入增长百分之六至百分之七", 6, 7, "%", 6, "%", "range", None, "rate", 2023),
        ("社会消费品零售总额增长百分之七左右", 7, None, "%", 7, "%", "=", "左右", "rate", 2023),
        ("建设重点工程八十五个", 85, None, "个", 85, "个", "=", None, "count", 2023),
        ("完成交通投资十二亿元", 12, None, "亿元", 1.2e9, "元", "=", None, "amount", 2023),
        ("投资一亿元以上项目九个", 9, None, "个", 9, "个", "=", None, "count", 2023),
        ("新增农村电商服务站一千二百个", 1200, None, "个", 1200, "个", "=", None, "count", 2023),
        ("新增绿化面积二点五万亩", 2.5, None, "万亩", 25000, "亩", "=", None, "amount", 2023),
        ("蔬菜种植面积保持在四十万亩以上", 40, None, "万亩", 400000, "亩", ">=", "以上", "amount", 2023),
    ]


@pytest.mark.parametrize("text, expected", [
    ("今年力争规模以上工业产值达到二百亿元。", [("规模以上工业产值达到二百亿元", 200.0, "亿元")]),
    ("今年新建口袋公园十个，举办第四届读书节。", [("新建口袋公园十个", 10.0, "个")]),
    ("今年培育一批专精特新企业，打造两个示范园区。", []),
    ("今年完成技改投资三千万元。", [("完成技改投资三千万元", 3000.0, "万元")]),
])
def test_chinese_numeral_sentences(text, expected):
    got = [(t.clause, t.value, t.unit) for t in extract_targets(Document(text=text, year=2024))]
    assert got == expected


def test_digit_groups_broken_by_spaces_are_one_number():
    assert [(t.clause, t.value_normalized, t.unit) for t in _targets("digit_groups.txt")] == [
        ("新建公共停车位3 500个", 3500, "个"),
        ("新增充电桩1 20个", 120, "个"),
        ("安排奖补资金1 250 000元", 1250000, "元"),
        ("新增绿道12 公里", 12, "公里"),
    ]


@pytest.mark.parametrize("raw, norm", [
    ("学位6 000个", "学位6000个"),
    ("企业1 20家", "企业120家"),
    ("资金1 000 000元", "资金1000000元"),
    ("| 12 15 |", "|12 15|"),  # table cells: two numbers
    ("指标12 13", "指标12 13"),  # no unit after the second group: two numbers
    ("2023 2024年", "2023 2024年"),  # not after a CJK character
    ("增长5. 8 %", "增长5.8%"),
])
def test_normalize_joins_digit_groups_only_inside_one_number(raw, norm):
    assert normalize(raw).text == norm


def test_plan_report_estimates_missed_targets_and_forecasts_of_others_are_not_targets():
    assert [(t.clause, t.value_normalized, t.year) for t in _targets("review_forecasts.txt")] == [
        ("地区生产总值增长5.5%左右", 5.5, 2023),
        ("城镇新增就业6万人", 60000, 2023),
    ]


def test_review_of_completed_livelihood_projects_is_not_a_target():
    assert [(t.clause, t.value_normalized) for t in _targets("review_shishi.txt")] == [
        ("新增托位2000个", 2000),
        ("改造农贸市场10个", 10),
    ]


def test_count_of_the_plans_own_items_is_not_a_target():
    assert [(t.clause, t.value_normalized) for t in _targets("list_counts.txt")] == [
        ("新增公办幼儿园学位1200个", 1200),
        ("改造农村公厕50座", 50),
    ]


def test_table_cells_without_a_number():
    assert _rows("table_no_number.txt") == [
        ("进出口总额 | 保持正增长", 0, None, "%", 0, "%", ">", None, "rate", 2023),
        ("新增城镇就业 | 5万人", 5, None, "万人", 50000, "人", "=", None, "count", 2023),
        ("城市快速路三期 | 建成通车", None, None, None, None, None, None, None, "commitment", 2023),
    ]
