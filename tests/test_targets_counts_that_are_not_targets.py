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


@pytest.mark.parametrize("text, expected", [
    # counts that sum up the names listed before them: the scope of the work, not a goal
    ("今年加快建设东岭、西岙、南塘3个抽水蓄能电站，新增光伏装机80万千瓦。", [("新增光伏装机80万千瓦", 80)]),
    ("今年做大做强茶叶、蚕桑、竹木和水产4个百亿级产业，新培育规上企业60家。", [("新培育规上企业60家", 60)]),
    ("今年推进青石、白沙等9个220千伏输变电工程建设，新建5G基站3000个。", [("新建5G基站3000个", 3000)]),
    ("今年加快北湾、东港2座30万千瓦风电场建设，新增就业2.1万人。", [("新增就业2.1万人", 2.1)]),
    # a list of verbs is no list of names: the count is the goal
    ("今年新建、改造通信基站1200个。", [("新建、改造通信基站1200个", 1200)]),
])
def test_a_count_of_listed_names_is_not_a_target(text, expected):
    assert _clauses(text) == expected


@pytest.mark.parametrize("text, expected", [
    # existing designated things that ongoing work improves
    ("今年推动5个省级物流枢纽、3个冷链基地提质升级，新增冷库容量20万吨。", [("新增冷库容量20万吨", 20)]),
    ("今年支持4个国家级良种场开展性能测定等工作，新建高标准农田12万亩。", [("新建高标准农田12万亩", 12)]),
    # the capacity of a named plant says what the project is
    ("今年推动东方化工30万吨复合肥技术改造，新增规上工业企业80家。", [("新增规上工业企业80家", 80)]),
    # a capacity after a verb of its own is a goal
    ("今年新增储能装机120万千瓦。", [("新增储能装机120万千瓦", 120)]),
    ("今年确保粮食、油料产量分别稳定在110万吨和20万吨左右。",
     [("粮食、油料产量分别稳定在110万吨和20万吨左右", 110), ("粮食、油料产量分别稳定在110万吨和20万吨左右", 20)]),
])
def test_scopes_of_ongoing_work_and_plant_capacities_are_not_targets(text, expected):
    assert _clauses(text) == expected


def test_computing_power_and_cases_are_counted():
    assert _clauses("今年新增智能算力2.5万P，实施免费白内障手术3000例。") == [
        ("新增智能算力2.5万P", 2.5), ("实施免费白内障手术3000例", 3000)]
