"""Tables whose rows are places (各县（市、区）主要经济指标): the row names the scope, the column the
indicator.

A prefecture's bulletin or plan lists its counties, districts and development zones one per
row (东岭县 | 612.3 | 6.1). Such a row is not an indicator called 东岭县: its figures are the
column's indicator (地区生产总值 绝对值 → 地区生产总值) for the scope 东岭县, and the row of the
whole (全市, 合计) is the page's own region. A table is read this way when its first header
cell says so (地区, 县（市、区）, 区域) or when most of its row labels are place names.
"""
from __future__ import annotations

import re

from plangap.transform.text.normalize import normalize

_REGION_HEAD = re.compile(r"^(?:地区|区域|区划|辖区|县[(（]?市、?区[)）]?|县市区|县区|区县|市县|各县[(（]?市、?区[)）]?"
                          r"|各地区?|单位名称|地区名称)$")
_PLACE_LABEL = re.compile(r"^[\u4e00-\u9fff]{1,10}?(?:自治县|县|市|区|旗|镇|乡|街道|开发区|高新区|园区|新区|管委会)$")
#: the row of the page's whole region: no scope of its own
_WHOLE = re.compile(r"^(?:全市|全县|全区|全省|全盟|全州|全旗|合计|总计|全市合计|全区合计|全县合计)$")
#: words of a column header that say the measure or the unit, not the indicator
_MEASURE_TAIL = re.compile(r"(?:\s*(?:[(（][^()（）]*[)）]|绝对值|绝对额|总量|数值|金额|规模|本年|本期|累计|比上年增减|比上年增长"
                           r"|比上年±|同比增长|同比|增长|增速|增幅|比重|占比|位次|排名|%))+\s*$")
_PERIOD_HEAD = re.compile(r"^\s*(?:(?:19|20)\d\d年(?:\d{1,2}月|[一二三四]季度|上半年|前三季度)?|1-\d{1,2}月)\s*")
#: share of row labels that must be place names for a table to be read by its places
_PLACE_SHARE = 0.6


def _clean(cell: str) -> str:
    return normalize(cell).text.replace(" ", "").strip()


def is_region_table(header: list[str], labels: list[str]) -> bool:
    """Whether a table's rows are places: its first header cell, or most of its row labels."""
    if header and _REGION_HEAD.match(_clean(header[0])):
        return True
    named = [lb for lb in (_clean(x) for x in labels) if lb and not _WHOLE.match(lb)]
    places = sum(1 for lb in named if _PLACE_LABEL.match(lb))
    return len(named) >= 2 and places >= _PLACE_SHARE * len(named)


def scope_of(label: str) -> str | None:
    """The scope a row label names (东岭县), None for the whole region's row (全市, 合计)."""
    lb = _clean(label)
    return None if not lb or _WHOLE.match(lb) else lb


def column_indicator(header_cell: str) -> str:
    """The indicator a column header names (地区生产总值 比上年增长（%） → 地区生产总值), empty when
    it names only a measure or a period (绝对值, 2025年)."""
    h = _PERIOD_HEAD.sub("", _clean(header_cell))
    return _MEASURE_TAIL.sub("", h).strip()


def column_indicators(header: list[str]) -> list[str]:
    """The indicator of each column: its own, else that of the nearest column to its left that
    names one (地区生产总值（亿元） | 比上年增长（%）: the growth is the GDP's); empty for the label column."""
    out: list[str] = []
    last = ""
    for i, h in enumerate(header):
        own = column_indicator(h) if i else ""
        last = own or last
        out.append(last if i else "")
    return out
