"""Statistics pages as parts (transform/parts.py): whether a page is one, and its events.

A statistics page (a bulletin, a monthly release) is one `statistics` part of its period, but for
its notes and glossaries (`other`) and a quoted statement of targets (`targets_this_year`).
"""
from __future__ import annotations

import re

from plangap.transform import parts_rules as R
from plangap.transform.parts_lines import Line
from plangap.transform.parts_rules import OTHER, STATISTICS, TARGETS_THIS_YEAR
from plangap.transform.records import Document
from plangap.transform.text.normalize import normalize

_STATS_TITLE = re.compile(r"统计公报|统计年鉴|经济运行|运行情况|运行简况|统计局|统计数据|主要统计指标|数据发布")
_PLAN_TITLE = re.compile(r"政府工作报告|工作报告|计划草案|发展计划|预期目标|重点工作|民生实事|规划|纲要|行动方案")


def guess_kind(doc: Document, text: str) -> str:
    """"statistics" when the title (or first line) names a statistics release, or the head of
    the page does and names no plan; else "plan". Callers that know the kind pass it."""
    first = next((ln for ln in text.split("\n") if ln.strip()), "")
    title = normalize(" ".join(filter(None, [doc.title, doc.meta.get("信息名称"), first]))).text
    if _STATS_TITLE.search(title) and not _PLAN_TITLE.search(title):
        return "statistics"
    head = normalize(text[:200]).text
    if _STATS_TITLE.search(head) and not _PLAN_TITLE.search(head) and not _PLAN_TITLE.search(title):
        return "statistics"
    return "plan"


def statistics_events(lines: list[Line], period: str | None) -> list[tuple]:
    """Statistics pages: every section is `statistics`, notes and glossaries are `other`, and a
    quoted statement of targets (…主要预期目标是：) is `targets_this_year` for its paragraph."""
    events: list[tuple] = []
    state, label = STATISTICS, None
    sealed_above: float | None = None  # notes hold until a heading of this level or higher
    for ln in lines:
        if ln.level is not None:
            if sealed_above is not None and ln.level > sealed_above:
                events.append((ln.start, OTHER, None, label))
                continue
            sealed_above = ln.level if R.heading_role(ln.title or "", None).sealed else None
            state = OTHER if sealed_above is not None else STATISTICS
            label = ln.title
            events.append((ln.start, state, period, label))
            continue
        if R.GLOSSARY_LINE.match(ln.text.strip()):
            state, sealed_above = OTHER, R.NOTES_LEVEL
        cue = R.sentence_cue(ln.text, None)
        if cue is not None and cue.role == TARGETS_THIS_YEAR:
            m = R.YEAR.search(ln.text)
            events.append((ln.start, TARGETS_THIS_YEAR, R.year_value(m.group(1)) if m else None, label))
        else:
            events.append((ln.start, state, period, label))
    return events
