"""Plan phrasings: an appendix table of last year's plan against its
outcome, footnotes and counts about a table, capacities per day, a three-year action plan with a
cumulative goal, policy incentives, meeting attendance, and a task list whose notes of the units
in charge name a statistics office. Fixtures are written for these tests (tests/fixtures/plans/);
rows are exact and in reading order.

Row: (clause, value, value_max, unit, value_normalized, unit_normalized, comparator, modifier,
kind, year).
"""
from __future__ import annotations

import pytest
from target_rows import PLANS
from target_rows import rows_of as _rows
from target_rows import targets_of as _targets

from plangap.transform.document import load_document
from plangap.transform.tables.targets import table_rows
from plangap.transform.targets import extract_targets
from plangap.transform.text.normalize import normalize


def test_target_table_review_table_project_table_and_notes():
    assert _rows("review_table.txt") == [
        ("地区生产总值增长 | % | 6左右", 6, None, "%", 6, "%", "=", "左右", "rate", 2026),
        ("规模以上工业增加值增长 | % | ≥8", 8, None, "%", 8, "%", ">=", "≥", "rate", 2026),
        ("社会消费品零售总额增长 | % | 4-5", 4, 5, "%", 4, "%", "range", None, "rate", 2026),
        ("城镇登记失业率 | % | ≤4", 4, None, "%", 4, "%", "<=", "≤", "ratio", 2026),
        ("新增城镇就业 | 人 | 6500", 6500, None, "人", 6500, "人", "=", None, "count", 2026),
        # the plan-execution table: its plan cells are targets of its year (2025年…完成情况)
        ("地区生产总值增长 | % | 6.5", 6.5, None, "%", 6.5, "%", "=", None, "rate", 2025),
        ("新增城镇就业 | 人 | 6000", 6000, None, "人", 6000, "人", "=", None, "count", 2025),
        ("县第二水厂扩建 | 新增供水能力8万立方米/日", 8, None, "万立方米/日", 80000, "立方米/日", "=", None,
         "amount", 2026),
        ("垃圾焚烧发电二期 | 新增处理能力600吨/日", 600, None, "吨/日", 600, "吨/日", "=", None, "amount", 2026),
        ("城南热电联产 | 建成投用", None, None, None, None, None, None, None, "commitment", 2026),
    ]


def test_rows_of_a_plan_against_outcome_table_are_review_rows():
    text = normalize((PLANS / "review_table.txt").read_text(encoding="utf-8")).text
    review = [r.indicator for r in table_rows(text) if r.review]
    assert review == ["地区生产总值增长", "新增城镇就业", "社会消费品零售总额"]


@pytest.mark.parametrize("header, review", [
    ("指标 | 单位 | 计划 | 完成", True),
    ("指标 | 年度目标 | 实际完成 | 完成率", True),
    ("指标 | 2025年完成 | 2026年目标", False),  # last year's outcome, then this year's target
    ("工作内容 | 年度目标 | 牵头单位 | 完成时限", False),  # a deadline column is not an outcome
])
def test_completion_column_after_the_target_column_makes_a_review(header, review):
    text = f"{header}\n地区生产总值 | 6 | 5.8 | 6\n"
    rows = table_rows(text)
    assert rows and all(r.review is review for r in rows)


def test_incentives_and_meeting_attendance_are_not_targets_a_fund_budget_is():
    assert [(t.clause, t.value_normalized, t.year) for t in _targets("incentives_meetings.txt")] == [
        ("全区一般公共预算收入增长4%", 4, 2026),
        ("新增市场主体8000户", 8000, 2026),
        ("区级财政安排科技创新专项资金8000万元", 80000000, 2026),
    ]


def test_three_year_action_plan_goals_with_a_cumulative_total():
    assert _rows("action_plan.txt") == [
        ("三年累计完成投资120亿元以上", 120, None, "亿元", 12000000000, "元", ">=", "以上", "amount", 2027),
        ("建成5G基站9000个", 9000, None, "个", 9000, "个", "=", None, "count", 2027),
        ("千兆光网覆盖率达到95%", 95, None, "%", 95, "%", "=", None, "ratio", 2027),
        ("智能算力规模达到800PFlops", 800, None, "PFlops", 800, "PFlops", "=", None, "amount", 2027),
        ("城市污水日处理能力提高到60万吨/日", 60, None, "万吨/日", 600000, "吨/日", "=", None, "amount", 2027),
        ("分别新建5G基站3500个", 3500, None, "个", 3500, "个", "=", None, "count", 2025),
        ("3000个", 3000, None, "个", 3000, "个", "=", None, "count", 2026),
    ]


def test_notes_of_units_in_charge_do_not_turn_a_task_list_into_a_review():
    assert [(t.clause, t.value_normalized) for t in _targets("task_list.txt")] == [
        ("地区生产总值增长5.5%左右", 5.5),
        ("外贸进出口总额达到60亿元", 6000000000),
        ("实际使用外资8000万美元", 80000000),
        ("新增规模以上工业企业30家", 30),
    ]


@pytest.mark.parametrize("text, expected", [
    # a cumulative goal after a named future year in the same paragraph
    ("到2027年，全县新增城镇就业2万人。累计完成造林面积3万亩。", [20000, 30000]),
    # a cumulative figure of a past period stays a review
    ("2023年以来累计完成投资85亿元。今年新开工项目12个。", [12]),
    # a threshold of a definition, the plan's own indicator count
    ("今年规模以上工业企业达到420家，规模以上工业指年营业收入2000万元及以上的企业。", [420]),
    ("今年计划共设置指标18项，其中约束性指标5项。新建公园6个。", [6]),
    # incentives: a grant per case; a budget line stays a target
    ("今年对首次上规的企业给予10万元奖励，安排奖补资金3000万元。", [30000000]),
    ("今年实到委员96名，新增委员提案办理满意率达到98%。", [98]),
    ("今年出席会议代表298名，到会委员120人，举办展会10场。", [10]),
    ("今年对新入规企业，一次性奖励20万元；对骨干企业分别奖励50万元、30万元。", []),
    ("今年按设备投资额的10%给予补贴，单个项目最高不超过300万元，发放消费补贴2亿元。", [200000000]),
    ("今年规模以上服务业指年营业收入1000万元以上的企业，新增规上服务业企业40家。", [40]),
])
def test_sentences(text, expected):
    doc = load_document(text.encode("utf-8"), "t.txt")
    assert [t.value_normalized for t in extract_targets(doc)] == expected
