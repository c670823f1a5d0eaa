"""Targets read as parts of their document (transform/parts.py).

A whole work report reviews the past year and the past five years, sets goals for the next five
years and this year's targets, and plans this year's work. Only the forward-looking parts
(five_year_goals, targets_this_year, work_plan) state targets; a number the sentence reader took
for a goal inside a review or a note is dropped. The part model decides sentence by sentence;
inside a sentence that mixes both (去年…增长8%，今年…预期增长6.5%), a forward cue of the sentence
itself before the number (今年, 明年, 预期目标, a year from the plan year on) with no review word
after it keeps the number, also in a preamble (a news item's lead paragraph).

Each kept target gets
- `year` (its target year): the year the clause or its sentence names (到2027年), else the part's
  horizon (the plan year; 2030 in the goals of the 十五五 period);
- `target_kind`: `five_year_avg` (年均), `cumulative` (累计, 再提高: a total or an increment over
  the period), `level_by_year` (any other goal of the five-year goals: a level to reach by the
  horizon), else `annual`.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import replace

from plangap.transform import parts_rules as R
from plangap.transform.parts import (
    FIVE_YEAR_GOALS,
    OTHER,
    WORK_PLAN,
    Part,
    forward_looking,
    part_at,
    review,
)
from plangap.transform.parts_page import PlanPageParts
from plangap.transform.records import Document, Target
from plangap.transform.text.normalize import NormText

ANNUAL, FIVE_YEAR_AVG, CUMULATIVE, LEVEL_BY_YEAR = "annual", "five_year_avg", "cumulative", "level_by_year"
TARGET_KINDS = (ANNUAL, FIVE_YEAR_AVG, CUMULATIVE, LEVEL_BY_YEAR)

#: the start of the sentence and of the clause's segment (what the words before a number belong to)
_SENTENCE_START = re.compile(r"[。！？!?;；\n]")
_SEGMENT_START = re.compile(r"[。！？!?;；\n,，:：]")
_AVERAGE = re.compile(r"年均|年平均|每年平均")
_TOTAL = re.compile(r"累计|再(?:提高|提升|增加|增长|新增|降低|下降|减少|缩短)|新增[^,，。;；]{0,12}累计")
#: forward cues a sentence may hold after its review half (…，今年…预期增长6.5%)
_FORWARD_WORDS = re.compile(r"今年|明年|本年度|年内|预期目标|主要目标|目标是|主要任务|重点任务|力争|(?P<y>(?:19|20)\d\d)年")
_REVIEW_WORDS = re.compile(r"去年|上年|过去|一年来|五年来|以来|完成了|实现了|达到了|增长了|同比|已经|已")
_NAMED_YEAR = re.compile(r"(?:到|至|在)?((?:19|20)\d\d)年(?:底|末)?")


def targets_in_parts(doc: Document, found: list[Target], plan_year: int | None,
                     page: PlanPageParts | None = None) -> list[Target]:
    """The targets of `found` that sit in forward-looking parts of `doc`, with their target year
    and kind (see the module doc). `plan_year`: the sentence reader's, for a text that names
    none; `page`: the page's parts when the page reader split it (transform/parts_page.py)."""
    if not found or not doc.text:
        return found
    page = PlanPageParts.of(doc, page)
    plan_year = page.plan_year or plan_year
    parts = page.at_year(plan_year)
    nt = page.normalized
    firm = _firm_reviews(nt, parts, plan_year)
    out: list[Target] = []
    for t in found:
        part = part_at(parts, t.start) if t.start >= 0 else None
        if part is None:
            out.append(replace(t, target_kind=ANNUAL))
            continue
        forward = forward_looking(part.role)
        if review(part.role) and part.start not in firm:
            forward = True  # a review only a weak cue opened (2025年已完成…): the sentence reader decides
        elif not forward and not _sentence_forward(nt, t.start, plan_year, part):
            continue
        if part.role == FIVE_YEAR_GOALS and not _in_period(part, plan_year):
            part = replace(part, role=WORK_PLAN, horizon=plan_year)  # 编制“十四五”规划 in 2020: this year's work
        year = _target_year(nt, t, part, plan_year)
        out.append(replace(t, year=year, target_kind=target_kind(nt, t, part if forward else None, year)))
    return out


def _in_period(part: Part, plan_year: int | None) -> bool:
    """The plan year falls in the five-year period of the goals (a 2026 report and 2026-2030)."""
    if part.horizon is None or plan_year is None:
        return True
    return part.horizon - 4 <= plan_year <= part.horizon


def _firm_reviews(nt: NormText, parts: Sequence[Part], plan_year: int | None) -> set[int]:
    """Starts of the review parts a heading or a strong cue opened (过去一年, 一、2025年工作回顾),
    and of the review parts that follow them until a forward-looking part (their sub-sections,
    also after a table's notes)."""
    firm: set[int] = set()
    prev_firm = False
    for p in parts:
        if not review(p.role):
            prev_firm = prev_firm and p.role == OTHER
            continue
        head = R.heading_role(p.heading, plan_year).role if p.heading else None
        pos = _norm_pos(nt, p.start)
        first = nt.text[pos:pos + 200]
        cue = R.sentence_cue(first, plan_year)
        strong = cue is not None and cue.strength == R.STRONG and review(cue.role)
        prev_firm = prev_firm or head in R.REVIEW_ROLES or strong
        if prev_firm:
            firm.add(p.start)
    return firm


def _norm_pos(nt: NormText, offset: int) -> int:
    """The offset in the normalised text of an offset of Document.text."""
    return bisect.bisect_left(nt.index, offset)


def _sentence_forward(nt: NormText, start: int, plan_year: int | None, part: Part) -> bool:
    """A target in a review or preamble part that its own sentence states as a goal."""
    if review(part.role) or part.role == OTHER:
        pos = _norm_pos(nt, start)
        text = nt.text
        s = max((m.end() for m in _SENTENCE_START.finditer(text, max(0, pos - 300), pos)), default=max(0, pos - 300))
        before = text[s:pos]
        last_forward = None
        for m in _FORWARD_WORDS.finditer(before):
            if m.group("y") and (plan_year is None or int(m.group("y")) < plan_year):
                continue
            last_forward = m
        if last_forward is None:
            return False
        return not _REVIEW_WORDS.search(before, last_forward.end())
    return False


def _target_year(nt: NormText, t: Target, part: Part, plan_year: int | None) -> int | None:
    """The year the clause's segment names (到2027年); else the year the sentence reader gave, when
    it is not only the plan year and falls within the part's horizon (a year carried over from
    an earlier sentence, 2035年远景目标, does not date the goals of 2026-2030); else the part's
    horizon."""
    seg = _segment(nt, t)
    for m in _NAMED_YEAR.finditer(seg):
        y = int(m.group(1))
        if plan_year is None or y >= plan_year:
            return y
    horizon = part.horizon if part.horizon is not None else plan_year
    if t.year is not None and t.year != plan_year and (horizon is None or t.year <= horizon
                                                        or str(t.year) in _sentence(nt, t)):
        return t.year
    return horizon if horizon is not None else t.year


def _sentence(nt: NormText, t: Target) -> str:
    """The normalised text of the target's sentence up to the end of its clause."""
    pos, end = _norm_pos(nt, t.start), _norm_pos(nt, t.end)
    lo = max(0, pos - 300)
    s = max((m.end() for m in _SENTENCE_START.finditer(nt.text, lo, pos)), default=lo)
    return nt.text[s:end]


def _segment(nt: NormText, t: Target) -> str:
    """The normalised words of the target's segment up to the end of its clause."""
    pos, end = _norm_pos(nt, t.start), _norm_pos(nt, t.end)
    text = nt.text
    lo = max(0, pos - 60)
    s = max((m.end() for m in _SEGMENT_START.finditer(text, lo, pos)), default=lo)
    return text[s:end]


def target_kind(nt: NormText, t: Target, part: Part | None, year: int | None) -> str:
    """annual, five_year_avg, cumulative or level_by_year (see the module doc)."""
    seg = _segment(nt, t)
    if _AVERAGE.search(seg):
        return FIVE_YEAR_AVG
    if _TOTAL.search(seg):
        return CUMULATIVE
    if part is not None and part.role == FIVE_YEAR_GOALS and (year is None or year == part.horizon):
        return LEVEL_BY_YEAR
    return ANNUAL


def period_kind(t: Target, nt: NormText, period: tuple[int, int]) -> Target:
    """The kind of a target of a multi-year plan (规划(2021-2025年)): 年均 and 累计 by their words,
    a goal due at the period's end a level by that year, one of an earlier year annual.
    `nt`: the normalised text the extractor read (offsets of `t` are of Document.text)."""
    kind = target_kind(nt, t, None, t.year)
    if kind == ANNUAL and t.year == period[1]:
        kind = LEVEL_BY_YEAR
    return replace(t, target_kind=kind)
