"""A heading that opens the goals (一、工作目标) after a review paragraph; counts of projects or firms
with a threshold or a name before them (10亿元以上龙头企业2家); a size joined by 的 to a thing
committed (占地面积800亩的产业园建成投用); a list of policy conditions (对…500亩以上、…超过200户的主体);
and a bracketed note (（注：…共37片）). Fixture: tests/fixtures/plans/goal_heading_conditions.txt.

Row: (clause, value, value_max, unit, value_normalized, unit_normalized, comparator, modifier,
kind, year).
"""
from __future__ import annotations

from target_rows import rows_of as _rows

from plangap.transform.records import Document
from plangap.transform.targets import extract_targets
from plangap.transform.targets.context import TARGET, sentence_cues


def test_goal_heading_threshold_counts_sized_commitment_conditions_and_notes():
    assert _rows("goal_heading_conditions.txt") == [
        ("新增市级以上农业龙头企业12家", 12, None, "家", 12, "家", "=", None, "count", 2025),
        ("10亿元以上龙头企业2家", 2, None, "家", 2, "家", "=", None, "count", 2025),
        ("国家级和省级龙头企业4家", 4, None, "家", 4, "家", "=", None, "count", 2025),
        ("农村居民人均可支配收入增长7%左右", 7, None, "%", 7, "%", "=", "左右", "rate", 2025),
        ("石湾现代农业产业园核心区建成投用", None, None, None, None, None, None, None, "commitment", 2025),
        ("冷链物流中心一期投入运营", None, None, None, None, None, None, None, "commitment", 2025),
        ("整治撂荒地2000亩", 2000, None, "亩", 2000, "亩", "=", None, "amount", 2025),
    ]


def _clauses(text: str) -> list[str]:
    return [t.clause for t in extract_targets(Document(text=text, year=2025))]


def test_only_a_heading_of_its_own_opens_the_goals():
    assert [c.cls for c in sentence_cues("一、目标任务", 2025)] == [TARGET]
    assert [c.cls for c in sentence_cues("（二）工作目标", 2025)] == [TARGET]
    assert TARGET not in [c.cls for c in sentence_cues("全面完成年度目标任务", 2025)]


def test_a_goal_heading_restarts_the_goals_after_a_review():
    text = "2024年，新建农村公路85公里。\n（一）主要目标\n新建农村公路90公里。"
    assert _clauses(text) == ["新建农村公路90公里"]


def test_conditions_listed_before_de_are_not_goals_but_a_count_after_them_is():
    text = ("2025年重点工作\n对年产值5000万元以上、研发投入占比超过3%的企业给予奖励。"
            "新增产值5000万元以上企业30家。")
    assert _clauses(text) == ["新增产值5000万元以上企业30家"]
