"""Review parts of a work report say what was achieved in ways a bulletin seldom does: a level
reached after a verb of movement (提高至64.8%, 增加至2.7平方米), counts of places that are the
achievement (5个城市获评…, 拓展至18个国家), and about-figures with the mark inside the number
(340余万人次, 2.6万余家). Each is a fact of the year under review; a range (5%至6%) stays no
level. Texts written for these tests."""
from __future__ import annotations

from plangap.transform.facts.review import review_facts
from plangap.transform.records import Document

REPORT = """青禾省2026年政府工作报告
一、2025年工作回顾
过去一年，全省常住人口城镇化率提高至61.3%，城乡居民收入比由2.41缩小至2.36。
人均体育场地面积增加至2.7平方米，外贸伙伴拓展至18个国家和地区。
5个城市获评全国文明城市，2.6万余家企业实施数字化改造，惠及群众340余万人次。
二、2026年主要目标
地区生产总值增长5%左右，城镇新增就业30万人以上。
"""


def _read():
    doc = Document(text=REPORT, title="青禾省2026年政府工作报告", year=2026, published="2026-01-25")
    return review_facts(doc)


def _facts():
    return {(f.value_normalized, f.unit_normalized, f.period) for f in _read()}


def test_levels_reached_after_a_verb_of_movement_are_facts():
    got = _facts()
    assert (61.3, "%", "2025") in got
    assert (2.7, "平方米", "2025") in got


def test_counts_of_places_achieved_are_facts_in_a_review():
    got = _facts()
    assert (18, "个", "2025") in got
    assert (5, "个", "2025") in got


def test_about_figures_keep_their_multiplier():
    got = _facts()
    assert (26000, "家", "2025") in got
    assert (3400000, "人次", "2025") in got


def test_forward_parts_give_no_facts():
    goals = REPORT.index("二、2026年主要目标")
    assert _read() and all(f.end <= goals for f in _read())
