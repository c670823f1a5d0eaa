"""The scope of a target: a sub-region of the plan's region that its clause or its heading names.

A city's plan sets some targets for one of its counties, districts or zones (东岭县地区生产总值增长
7%, or every target under a heading （三）青禾高新区). Such a target is that place's, not the
city's: its `scope` names the place, and the gap model pairs it only with figures of the same
scope. The plan's own region (全市, or the place its title names) is no scope.
"""
from __future__ import annotations

import re

#: a sub-region at the start of an indicator: a proper name (two characters for a county or a
#: district, up to four for a zone) and its kind
_PLACE = re.compile(r"^(?:其中[,，:：]?)?(?P<place>[\u4e00-\u9fff]{2}(?:自治县|县|区|旗)|[\u4e00-\u9fff]{2,4}(?:高新区|开发区|新区))"
                    r"(?=[\u4e00-\u9fff])")
#: characters of common words, never of a place's proper name at the start of a clause (城镇,
#: 改造区, 全区, 实施县, 贫困县): verbs, tiers, quantities and kinds of areas
_NOT_NAME = re.compile(r"[全各本我该每城乡镇村省市县区园社景片辖郊小山林矿港厂校新建设改造增实施完善支持培育打造提升整治开发放输转工成为和美级"
                       r"清洁棚户灌贫困累计常住人口再推进加快强化示范点重大项目产业经济国家高技术生态旅游文化农业工业物流科综合现代]")
_GENERIC = re.compile(r"(?:社区|景区|示范区|自贸区|片区|辖区|功能区|保护区|集聚区|试验区|先行区|核心区|城区|郊区|小区)$")
#: a heading that is only a place's name (（三）青禾高新区, 东岭县：)
_PLACE_HEADING = re.compile(r"^(?:[(（][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、|\d+[.．、])?\s*(?P<place>[\u4e00-\u9fff]{2,8}"
                            r"(?:自治县|县|市|区|旗|开发区|高新区|园区|新区))\s*[:：]?\s*$")


def clause_scope(indicator: str, own: str | None) -> str | None:
    """The sub-region an indicator opens with (东岭县地区生产总值 → 东岭县), None for the plan's own."""
    m = _PLACE.match(indicator)
    if not m:
        return None
    place = m.group("place")
    name = place[:2]
    if _NOT_NAME.search(name) or _GENERIC.search(place):
        return None
    return None if place == own else place  # 青禾高新区 in 青禾市's plan is a zone of the city


def heading_scope(section: str | None, own: str | None) -> str | None:
    """The sub-region the innermost heading of a section path names, if it names only a place."""
    if not section:
        return None
    for label in reversed(re.split(r"\s*[>/]\s*", section)):
        m = _PLACE_HEADING.match(label)
        place = m.group("place") if m else ""
        if m and not _GENERIC.search(place) and not _NOT_NAME.search(place[:2]) and place != own:
            return place
    return None
