"""The year a plan page is about, and the period of a statistics page (transform/parts.py).

Plan year, first found of:
1. a year named with plan words in the title, the 信息名称 or the head of the text
   (2026年政府工作报告, 2023年国民经济和社会发展计划, 2021年湖北的主要预期目标是,
   对于2018年工作 / 今年…2020年); the latest such year, unless the report was delivered the
   year after it (a site's title naming the reviewed year);
2. the date the report was delivered (——2026年1月27日在…人民代表大会…会议上, also in Chinese
   numerals);
3. the first year of a plan period opened this year (今年是“十五五”开局之年 -> 2026);
4. the year after a reviewed year (2025年工作回顾, 回顾了2017年工作, 执行情况);
5. Document.year, then the year of Document.published, then a date (2022-01-22) in the page's
   metadata or its head.
A year governs the words up to the next year: in 2025年工作回顾和2026年工作安排 the plan words
are 2026's, and 2025 is the reviewed year.
"""
from __future__ import annotations

import re

from plangap.transform.parts_rules import FYP, fyp_end, year_value
from plangap.transform.records import Document
from plangap.transform.text.normalize import normalize

_Y = r"((?:19|20)\d\d)"


def _up_to_next_year(most: int) -> str:
    """A lazy gap of at most `most` characters within a sentence that does not run into another
    year: a year governs the words up to the next year, so in 2025年工作回顾和2026年工作安排 the
    工作安排 is 2026's, and 2025 reaches no plan words."""
    return r"(?:(?!(?:19|20)\d\d年)[^。\n]){0," + str(most) + "}?"


_PLAN_WORDS = (r"政府工作报告|工作报告|国民经济和社会发展计划(?!执行)|计划草案|主要预期目标|预期目标|重点工作"
               r"|工作安排|民生实事|民生事项|实事项目|工作要点|工作要求|政府工作")
_NAMED = re.compile(_Y + r"年(?![0-9]{1,2}月)" + _up_to_next_year(16) + "(?:" + _PLAN_WORDS + ")")
_AFTER = re.compile(r"(?:今年|对于|关于)[^。\n]{0,16}?" + _Y + r"年(?![0-9]{1,2}月)")
_DELIVERED = re.compile(r"([0-9]{4}|[一二][〇零○O][〇零○O一二三四五六七八九]{2})年[0-9一二三四五六七八九十]{1,3}月"
                        r"[0-9一二三四五六七八九十]{1,3}日[^。]{0,40}?(?:人民代表大会|人大|代表大会)")
_OPENING = re.compile(r"(?:今年|(?<![0-9])" + _Y + r"年)是[^。\n]{0,20}?" + FYP.pattern + r"[^。\n]{0,6}?开局之年")
_REVIEWED = re.compile(_Y + r"年" + _up_to_next_year(12) + r"(?:工作回顾|回顾|执行情况|工作总结)"
                       r"|(?:回顾(?:了)?|刚刚过去的)" + _Y + r"年")
_ISO_DATE = re.compile(_Y + r"-[01]\d-[0-3]\d")
_EXECUTION = re.compile(_Y + r"年" + _up_to_next_year(12) + "执行情况")

_HEAD_CHARS = 1500


def resolve_plan_year(doc: Document, text: str | None = None) -> int | None:
    """The plan year of a plan page (see the module doc). `text`: doc.text normalised."""
    body = text if text is not None else normalize(doc.text).text
    head_parts = [doc.title or "", doc.meta.get("信息名称", ""), body[:_HEAD_CHARS]]
    head = "\n".join(normalize(p).text if p is not body[:_HEAD_CHARS] else p for p in head_parts)
    executed = {int(m.group(1)) for m in _EXECUTION.finditer(head)}
    named = [int(m.group(1)) for m in _NAMED.finditer(head)]
    named += [int(m.group(1)) for m in _AFTER.finditer(head)]
    named = [y for y in named if y not in executed]
    m = _DELIVERED.search(head)
    delivered = year_value(m.group(1)) if m else None
    if named and not (delivered and delivered == max(named) + 1):
        return max(named)
    if delivered:
        return delivered
    m = _OPENING.search(body)
    if m:
        if m.group(1):
            return int(m.group(1))
        end = fyp_end(m.group(2))
        if end:
            return end - 4
    reviewed = [int(g) for m in _REVIEWED.finditer(head) for g in m.groups() if g]
    if reviewed:
        return max(reviewed) + 1
    if doc.year:
        return doc.year
    if doc.published:
        return int(doc.published[:4])
    for text_ in [*doc.meta.values(), body[:600]]:
        m = _ISO_DATE.search(text_ or "")
        if m:
            return int(m.group(1))
    return None


_PART_YEAR = (
    (re.compile(r"前三季度|1[-—~至到]9月|一至九月"), "09"),
    (re.compile(r"上半年|1[-—~至到]6月|一至六月"), "06"),
    (re.compile(r"一季度|第一季度|1[-—~至到]3月"), "03"),
)
_MONTHS = re.compile(r"1[-—~至到](\d{1,2})月")


def statistics_period(doc: Document, text: str, period: str | None = None) -> str | None:
    """The period of a statistics page: `period` when given (the registry's), else from its
    title or first line: 2023 -> "2023"; 2020年前三季度 -> "2020-01/2020-09"."""
    if period:
        return period
    first = next((ln for ln in text.split("\n") if ln.strip()), "")
    for head in (doc.title or "", doc.meta.get("信息名称", ""), first, text[:300]):
        head = normalize(head).text
        m = re.search(_Y + r"年(?![0-9]{1,2}月[0-9]{1,2}日)", head)
        if not m:
            continue
        y = m.group(1)
        near = head[m.start():m.start() + 30]
        for rx, month in _PART_YEAR:
            if rx.search(near):
                return f"{y}-01/{y}-{month}"
        mm = _MONTHS.search(near)
        if mm and 1 < int(mm.group(1)) < 12:
            return f"{y}-01/{y}-{int(mm.group(1)):02d}"
        return y
    return str(doc.year) if doc.year else None
