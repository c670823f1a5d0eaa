"""Whose figure is it: the area a page is about (the country, a province, a smaller place), the
place its title names, and figures of a wider area or another city quoted for comparison, which
are not the page's own."""
from __future__ import annotations

import re

from plangap.transform.facts.context import PageContext
from plangap.transform.facts.patterns import (
    AREA_RANK,
    CHAPTER_HEAD,
    CITY_CHAR,
    CITY_LEAD,
    CITY_OR_COUNTY_CHAR,
    CITY_SELF,
    CITY_WIDE,
    CJK_ONLY,
    CJK_RUN_END,
    CLAUSE_PUNCT,
    COMPARE_CUE,
    COMPARE_LEAD,
    COMPARISON_HEAD,
    COUNTY_SELF,
    COUNTY_SUFFIX,
    EACH_DISTRICT,
    GROWTH_PREDICATE_END,
    MARKET_WORD,
    NATION_AGGREGATE,
    NATION_AREA,
    NATION_DATED,
    NOT_A_PLACE_CHAR,
    NOT_PEER_COMPARE,
    NOT_PLACE,
    PLACE,
    PLACE_STEM_CUT,
    PLACE_SUFFIX,
    PROVINCE_AREA,
    PROVINCE_END,
    PROVINCE_IN,
    PROVINCE_LEAD,
    SAME_PERIOD_LAST_YEAR,
    SMALL_AREA,
    TOWN_IN,
    WIDER,
    WIDER_COMPARE,
    WIDER_LEAD,
)
from plangap.transform.facts.segments import skip_leads
from plangap.transform.text.normalize import normalize


def page_rank(page: PageContext) -> int:
    """The area a page is about: 4 the country, 3 a province, 2 a smaller place (a city, a county,
    a district, a town); from the title's place, else the words the body uses for itself (全市, 全省)."""
    if page.rank is not None:
        return page.rank
    title = normalize(page.doc.title or "").text
    place = page.title_place or ""
    if PROVINCE_END.search(place) or PROVINCE_IN.search(title):
        rank = 3
    elif place or TOWN_IN.search(title):
        rank = 2
    else:
        body = page.nt.text
        counts = (len(SMALL_AREA.findall(body)), len(PROVINCE_AREA.findall(body)), len(NATION_AREA.findall(body)))
        rank = 2 + max(range(3), key=lambda k: (counts[k], -k)) if any(counts) else 4
    page.rank = rank
    return rank


def title_place(title: str | None) -> str | None:
    if not title:
        return None
    t = normalize(title).text
    for m in EACH_DISTRICT.finditer(t):  # 2023年北塘各区县…: the city 北塘
        run = r.group(0) if (r := CJK_RUN_END.search(t[:m.start()])) else ""  # (always matches)
        stem = PLACE_STEM_CUT.split(run)[-1]
        if 2 <= len(stem) <= 4:
            return stem if stem.endswith(("市", "州", "盟")) else stem + "市"
    for m in PLACE_SUFFIX.finditer(t):
        for n in (2, 3):
            p = t[max(0, m.start() - n):m.end()]
            if (len(p) == n + 1 and CJK_ONLY.fullmatch(p) and not any(p.endswith(x) for x in NOT_PLACE)
                    and not NOT_A_PLACE_CHAR.search(p)):
                return p
    return None


def _title_county(title: str | None) -> str | None:
    """A county, a district or a banner the title names (澄州市东岸区… -> 东岸区), if any."""
    if not title:
        return None
    t = normalize(title).text
    for m in COUNTY_SUFFIX.finditer(t):
        for n in (2, 3):
            p = t[max(0, m.start() - n):m.end()]
            if (len(p) == n + 1 and CJK_ONLY.fullmatch(p) and not CITY_CHAR.search(p[:-1])
                    and not any(p.endswith(x) for x in NOT_PLACE) and not NOT_A_PLACE_CHAR.search(p)):
                return p
    return None


def wider_area(page: PageContext, a: int, b: int, s: int, e: int) -> bool:
    """Whether the segment text[a:b] before its number names the country or the province as its
    subject (同期全国经济增长…, 全省地区生产总值增长3.8%,我市高于全省…) in a comparison, on a page
    about a smaller place."""
    text = page.nt.text
    i = skip_leads(text, a, b, WIDER_LEAD)
    rank = page_rank(page)
    if rank < 4 and (NATION_DATED.match(text, i, b)
                     or NATION_AGGREGATE.fullmatch(GROWTH_PREDICATE_END.sub("", text[i:b]))):
        return True  # 全国前三季度国内生产总值增长5.2% on a province's page: the country's
    m = WIDER.match(text, i, b)
    if m:
        if rank >= AREA_RANK[m.group(1) or m.group(2)]:
            return False
    elif not (CITY_WIDE.match(text, i, b) and _county_page(page)):
        return False
    sentence = SAME_PERIOD_LAST_YEAR.sub("", text[s:e])  # 比上年同期增长: no comparison of places
    if "同期" in text[a:i] or bool(WIDER_COMPARE.search(sentence)):
        return True
    # a section headed by the wider area or a comparison with it (四、全省情况, 三、与全国比较)
    head = _section_head(page, s)
    area = text[i:i + 2]
    return bool(head) and (area in head or bool(COMPARISON_HEAD.search(head)))


def _section_head(page: PageContext, pos: int) -> str:
    """The last numbered heading line (三、与全国比较) before text[pos], or ''."""
    text = page.nt.text
    k = text.rfind("\n", 0, pos)
    while k > 0:
        j = text.rfind("\n", 0, k)
        line = text[j + 1:k].strip()
        if CHAPTER_HEAD.match(line) and len(line) <= 20 and not CLAUSE_PUNCT.search(line):
            return line
        k = j
    return ""


def _county_page(page: PageContext) -> bool:
    """Whether the page is about a county, a district or a banner (a place below a city).
    Answered once per page: it may count words of the whole body (linear work per page,
    not per figure)."""
    known = page.county
    if known is not None:
        return known
    place = page.title_place or ""
    if _title_county(page.doc.title):
        known = True  # 澄州市东岸区2023年…: a district of the city the title names first
    elif place:
        known = place.endswith(("县", "区", "旗")) and not place.endswith(tuple(NOT_PLACE))
    else:  # a title that names no place (a mirror's breadcrumb): the words the body uses for itself
        body = page.nt.text
        known = len(COUNTY_SELF.findall(body)) > len(CITY_SELF.findall(body))
    page.county = known
    return known


def foreign_province(page: PageContext, indicator: str) -> bool:
    """A province's figure quoted in a page about a place of another name."""
    m = PROVINCE_LEAD.match(indicator)
    title = normalize(page.doc.title or "").text
    return bool(m and CITY_OR_COUNTY_CHAR.search(title) and m.group(1)[:2] not in title)


def foreign_city(page: PageContext, indicator: str, s: int, e: int) -> bool:
    """Another city's figure quoted for comparison (与相邻的东陵市相比…东陵市地区生产总值…) in a
    page about a different place: a peer city of the page's city, or one the text compares with."""
    m = CITY_LEAD.match(indicator)
    if not m:
        return False
    place = m.group(1)
    if place in NOT_PLACE or any(place.endswith(x) for x in NOT_PLACE) or MARKET_WORD.search(place):
        return False
    stem = place[:-1]
    title = normalize(page.doc.title or "").text
    if stem in title or (page.title_place and page.title_place[:-1] == stem):
        return False
    text = page.nt.text
    line_start = text.rfind("\n", 0, s) + 1
    for k in [m.start() for m in re.finditer(re.escape(place), text[line_start:e])]:
        k += line_start
        a = max(max(text.rfind(c, line_start, k) for c in ",，。;；") + 1, line_start)
        b = min([x for x in (text.find(c, k, e) for c in ",，。;；") if x >= 0] or [e])
        seg = NOT_PEER_COMPARE.sub("", text[a:b])  # 与上年相比, 与全市相比: no other place
        if COMPARE_CUE.search(seg):
            return True
        # 相比之下，东陵市…: a comparison phrase as the segment before, in the same sentence
        if a > line_start and text[a - 1] in ",，":
            pa = max(max(text.rfind(c, line_start, a - 1) for c in ",，。;；") + 1, line_start)
            if COMPARE_LEAD.fullmatch(text[pa:a - 1].strip()):
                return True
    return False


def place_of(page: PageContext, indicator: str) -> str | None:
    m = PLACE.match(indicator)
    if not m:
        return None
    place = m.group(1)
    if MARKET_WORD.search(place):
        return None  # 境内上市公司: 上市 is no city
    if place in NOT_PLACE or any(place.endswith(x) for x in NOT_PLACE) or len(place) < 3:
        return None
    if page.title_place and (place == page.title_place or page.title_place.startswith(place)):
        return None
    if place in normalize(page.doc.title or "").text:
        return None  # (广安市)广安区2021年…: the page's own place
    return place
