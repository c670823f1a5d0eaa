"""A review paragraph does not carry into the items of a plan's （一）（二） list; 到年底…累计 and
N年累计 in a multi-year plan are cumulative goals; figures inside 在…的基础上 are the base, not a
goal; a named project's own attributes (规划…规模, 总投资) are not goals; a commitment closing a
list item (年内开工建设) is about the item's project; 分钟 and PF are units. Fixtures are written for
these tests (tests/fixtures/plans/).

Row: (clause, value, value_max, unit, value_normalized, unit_normalized, comparator, modifier,
kind, year).
"""
from __future__ import annotations

from target_rows import rows_of as _rows
from target_rows import targets_of

from plangap.transform.document import load_document
from plangap.transform.targets import extract_targets


def test_bases_project_attributes_and_chinese_numbered_items():
    assert _rows("bases_projects_lists.txt") == [
        ("新建堤防12公里", 12, None, "公里", 12, "公里", "=", None, "amount", 2026),
        # 到年底…累计: a cumulative goal at the end of the plan year
        ("全县堤防累计达标长度达到310公里以上", 310, None, "公里", 310, "公里", ">=", "以上", "amount", 2026),
        # （二）（三） restart in the plan's context after the 累计 sentence
        ("农村自来水普及率提高到96%", 96, None, "%", 96, "%", "=", None, "ratio", 2026),
        ("新建规模化供水工程3处", 3, None, "处", 3, "处", "=", None, "count", 2026),
        ("新增高效节水灌溉面积1.8万亩", 1.8, None, "万亩", 18000, "亩", "=", None, "amount", 2026),
        # 在…完成9.6亿元、新建水库2座的基础上: the base is not read
        ("完成水利投资10亿元", 10, None, "亿元", 1e9, "元", "=", "力争", "amount", 2026),
        # 规划供水规模5万吨/日, 总投资1.6亿元 describe the project
        ("新建清水池2座", 2, None, "座", 2, "座", "=", None, "count", 2026),
        ("年内开工建设", None, None, None, None, None, None, None, "commitment", 2026),
        ("10月底前竣工验收", None, None, None, None, None, None, None, "commitment", 2026),
    ]


def test_a_commitment_closing_a_list_item_names_the_items_project():
    found = {t.clause: t.indicator for t in targets_of("bases_projects_lists.txt") if t.kind == "commitment"}
    assert found == {"年内开工建设": "石湾县城南水厂扩建工程开工建设",
                     "10月底前竣工验收": "石湾县龙溪水库除险加固工程竣工验收"}


def test_plan_period_totals_and_units():
    text = ("康溪市旅游三年行动计划（2026—2028年）\n二、重点任务\n"
            "（一）三年累计培训导游5000人次，新增算力规模2萬PF。\n"
            "（二）窗口平均等候时长缩短到15分钟以内。\n"
            "（三）五年来累计接待游客3万人次。")
    rows = [(t.clause, t.value_normalized, t.unit_normalized, t.comparator, t.kind)
            for t in extract_targets(load_document(text.encode(), "x.txt"))]
    assert rows == [
        ("三年累计培训导游5000人次", 5000, "人次", "=", "count"),
        ("新增算力规模2萬PF", 20000, "PF", "=", "amount"),
        ("窗口平均等候时长缩短到15分钟以内", 15, "分钟", "<=", "level"),
    ]  # 五年来累计 stays a review
