"""Targets of a sub-region (issue 10, scope): a clause that opens with a county, a district or a
zone (东岭县地区生产总值增长7%) and every target under a heading that names only a place
（（三）西岙市）are that place's, with the indicator without the place; the plan's own region (全市,
the title's place) and words that merely end like places (城镇, 示范区, 社区) give no scope. The plan
is written for these tests."""
from __future__ import annotations

from plangap.transform.records import Document
from plangap.transform.targets import extract_targets

PLAN = """青禾市2026年国民经济和社会发展计划
一、主要目标
全市地区生产总值增长5.5%左右，东岭县地区生产总值增长7%，青禾高新区规上工业增加值增长10%以上。
常住人口城镇化率达到68%，示范区新增企业50家，社区卫生服务中心新建12个。
二、区域发展
（三）西岙市
地区生产总值增长6%，新增就业1.2万人。
（四）生态环境
PM2.5浓度降至30微克/立方米。
"""


def _targets():
    doc = Document(text=PLAN, title="青禾市2026年国民经济和社会发展计划", year=2026)
    return {t.clause: t for t in extract_targets(doc)}


def test_a_clause_naming_a_sub_region_is_its_target():
    ts = _targets()
    county = ts["东岭县地区生产总值增长7%"]
    assert (county.scope, county.indicator, county.indicator_id) == ("东岭县", "地区生产总值", "gdp")
    assert ts["青禾高新区规上工业增加值增长10%以上"].scope == "青禾高新区"


def test_targets_under_a_place_heading_are_that_places():
    ts = _targets()
    under = [t for t in ts.values() if t.section and "西岙市" in t.section]
    assert {t.value for t in under} == {6, 1.2} and {t.scope for t in under} == {"西岙市"}


def test_the_plans_own_region_and_place_like_words_have_no_scope():
    ts = _targets()
    for clause in ("全市地区生产总值增长5.5%左右", "常住人口城镇化率达到68%", "PM2.5浓度降至30微克/立方米"):
        assert ts[clause].scope is None, clause
    assert all(t.scope is None for c, t in ts.items() if "示范区" in c or "社区" in c)
