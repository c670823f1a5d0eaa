"""A heading that counts its items (一、产业提质（共3项）, (5项任务), （共6条）), an age that qualifies a
group of people (为全县70岁以上老年人…, 0-3岁婴幼儿), and a count of projects written after 项目 and
followed by a predicate (推进…项目12个加快建设): the first two are not targets, the last one is,
while a scope of ongoing work (推进8个产业园区建设) stays out. Fixture written for these tests.
"""
from __future__ import annotations

import pytest

from plangap.transform.records import Document
from plangap.transform.targets import extract_targets
from tests.target_rows import rows_of


def test_heading_counts_ages_and_project_counts():
    assert rows_of("heading_counts_ages.txt") == [
        ("新培育规上工业企业25家", 25, None, "家", 25, "家", "=", None, "count", 2026),
        ("推进总投资10亿元以上的项目12个", 12, None, "个", 12, "个", "=", None, "count", 2026),
        ("新开工亿元以上项目30个", 30, None, "个", 30, "个", "=", None, "count", 2026),
        ("新增养老床位600张", 600, None, "张", 600, "张", "=", None, "count", 2026),
        ("新增普惠托位800个", 800, None, "个", 800, "个", "=", None, "count", 2026),
        ("人均预期寿命达到79岁以上", 79, None, "岁", 79, "岁", ">=", "以上", "level", 2026),
        ("改造老旧小区40个", 40, None, "个", 40, "个", "=", None, "count", 2026),
    ]


def _clauses(text: str) -> list[tuple[str, float | None]]:
    return [(t.clause, t.value) for t in extract_targets(Document(text=text, year=2025))]


@pytest.mark.parametrize("text, expected", [
    ("三、社会事业（共7项）\n今年新建幼儿园4所。", [("新建幼儿园4所", 4)]),
    ("（二）生态环境(计5条)\n今年造林1.2万亩。", [("造林1.2万亩", 1.2)]),
    ("四、改革开放（6项重点任务）\n今年新增外贸企业50家。", [("新增外贸企业50家", 50)]),
    # a count in brackets that is not a heading's item count stays a target
    ("今年新建学校（含改扩建）8所。", [("新建学校（含改扩建）8所", 8)]),
])
def test_a_heading_count_of_items_is_not_a_target(text, expected):
    assert _clauses(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("今年为辖区60岁以上居民建立健康档案，签约家庭医生3万人。", [("签约家庭医生3万人", 3)]),
    ("今年免费为80岁以下农村妇女开展两癌筛查。", []),
    ("今年为6-14岁学生提供课后服务。", []),
    ("今年全区人均预期寿命提高到80岁。", [("全区人均预期寿命提高到80岁", 80)]),
])
def test_an_age_that_qualifies_a_group_is_not_a_target(text, expected):
    assert _clauses(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("今年推进投资5亿元以上的项目20个集中开工。", [("推进投资5亿元以上的项目20个", 20)]),
    ("今年推动省级重点项目15个加快建设。", [("推动省级重点项目15个", 15)]),
    ("今年推进重点项目20个建设。", []),
    ("今年推进30个美丽乡村建设。", []),
])
def test_a_project_count_after_its_noun_is_a_target_a_scope_is_not(text, expected):
    assert _clauses(text) == expected
