"""Statistics sentences read into clauses.

A sentence is cut at commas into segments; a segment whose words before its first number name
something (`一般公共预算收入616.6亿元`) opens a clause, a segment that starts with a verb or a
comparison (`比上年增长4.5%`, `占地区生产总值的65.3%`) continues the open clause, so a level and
its growth share one clause and one indicator.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from plangap.transform.facts.areas import foreign_city, foreign_province, place_of, wider_area
from plangap.transform.facts.context import PageContext
from plangap.transform.facts.filters import is_reported
from plangap.transform.facts.measures import add_fact
from plangap.transform.facts.patterns import (
    BRACKETED_DEFINITION_END,
    CHAPTER_HEAD,
    COMPARED_PERIOD_END,
    CONTINUATION,
    FLOW_IND,
    GLOSS_END,
    GLOSSARY_HEAD,
    HEADLINE_SUBJECT,
    INDICATOR_END,
    LEAD,
    NAV_LINE,
    NON_DIGIT,
    SENTENCE_END,
    SMALL_AREA,
    TRAIL,
)
from plangap.transform.facts.periods import PeriodSpec, find_periods
from plangap.transform.facts.segments import segments, skip_leads
from plangap.transform.facts.tokens import Token, find_tokens
from plangap.transform.records import Fact
from plangap.transform.text.guard import end_reach


@dataclass
class Clause:
    """A clause: its indicator and its figures, (token, indicator, value, unit, value_normalized,
    unit_normalized, measure, (period, scope)) each."""

    start: int  # normalised offsets
    indicator: str
    end: int = -1
    facts: list[tuple[Token, str, float | None, str | None, float | None, str | None, str,
                      tuple[str | None, str | None]]] = field(default_factory=list)
    scope: str | None = None
    wider: bool = False  # the figure of a wider area quoted for comparison (同期全国经济增长5.3%)


def sentence_facts(page: PageContext, skip_spans: list[tuple[int, int]]) -> list[tuple[int, Fact]]:
    """(offset, Fact) of the page's sentences, line by line; lines inside `skip_spans` (the tables,
    spans of the original text), glossary sections and page links are not read."""
    nt = page.nt
    text = nt.text
    skip_norm = [_norm_span(page, a, b) for a, b in skip_spans]
    out: list[tuple[int, Fact]] = []
    pos = 0
    glossary = False
    for line in text.split("\n"):
        lstart, lend = pos, pos + len(line)
        pos = lend + 1
        if any(a <= lstart < b or a < lend <= b for a, b in skip_norm):
            glossary = False
            continue
        if GLOSSARY_HEAD.match(line):
            glossary = True  # 名词解释 / 词语注释: definitions and worked examples to the section's end
        elif glossary and (not line.strip() or "|" in line or CHAPTER_HEAD.match(line)):
            glossary = False
        if glossary or NAV_LINE.match(line):
            continue
        carry: tuple[PeriodSpec | None, int | None] = (None, None)
        s = lstart
        for m in list(SENTENCE_END.finditer(line)) + [None]:
            e = lstart + m.start() if m else lend
            if e > s:
                carry = _sentence(page, s, e, carry, out)
            s = (lstart + m.end()) if m else lend
    return out


def _norm_span(page: PageContext, a: int, b: int) -> tuple[int, int]:
    """The normalised span of the original span [a, b)."""
    idx = page.nt.index
    return bisect.bisect_left(idx, a), bisect.bisect_left(idx, b)


Carry = tuple[PeriodSpec | None, int | None]  # the period and year a sentence leaves to the next


@dataclass
class _Reading:
    """A sentence text[s:e] being read into clauses."""

    page: PageContext
    s: int
    e: int
    carry: Carry
    periods: list[PeriodSpec]
    years: list[tuple[int, int]]  # (offset, year) of the sentence's periods that name a year
    clause: Clause | None = None  # the open clause
    pending: tuple[str, int] | None = None  # an indicator named by a segment without a figure
    foreign: bool = False  # the rest of the sentence is another city's
    clauses: list[Clause] = field(default_factory=list)


def _sentence(page: PageContext, s: int, e: int, carry: Carry, out: list[tuple[int, Fact]]) -> Carry:
    """Append the facts of the sentence text[s:e] to `out`; return what carries to the next one."""
    text = page.nt.text
    tokens = find_tokens(text, s, e, page.review)
    periods = find_periods(text[s:e])
    years = [(p.start + s, p.year) for p in periods if p.year]
    r = _Reading(page, s, e, carry, periods, years)
    ti = 0
    for a, b in segments(text, s, e):
        seg_tokens = []
        while ti < len(tokens) and tokens[ti].start < b:
            if tokens[ti].start >= a:
                seg_tokens.append(tokens[ti])
            ti += 1
        _segment(r, a, b, seg_tokens)
    _emit(page, r.clauses, out)
    # the last period named in this sentence carries to the next sentences of the line
    # (11月当月 names the month of its own sentence only)
    periods = [p for p in periods if not p.multi_year and not p.text.endswith("当月")]
    if periods:
        last = periods[-1]
        return last, (last.year or (years[-1][1] if years else None) or carry[1])
    return carry


def _segment(r: _Reading, a: int, b: int, seg_tokens: list[Token]) -> None:
    """Read the segment text[a:b] with its tokens into the sentence's clauses."""
    page = r.page
    text = page.nt.text
    first = seg_tokens[0].start if seg_tokens else b
    head_raw = text[a:first]
    ind, ind_start, cont = _head(page, a, first)
    cur_ind = ind if (ind and not cont) else (r.clause.indicator if r.clause else "")
    facts_here = [t for t in seg_tokens if is_reported(page, t, a, r.s, cur_ind)]
    if not facts_here:
        if ind and not cont and INDICATOR_END.search(ind) and len(ind) <= 30:
            r.pending = (ind, ind_start)
        return
    clause = _open_clause(r, a, first, ind, ind_start, cont, facts_here[0].start)
    if _own_figures(r, clause, head_raw, facts_here):
        _add_facts(r, clause, a, head_raw, facts_here)


def _open_clause(r: _Reading, a: int, first: int, ind: str, ind_start: int, cont: bool, first_start: int) -> Clause:
    """The clause the figures of the segment text[a:…] (words text[a:first]) go to: a new one
    when the segment names its indicator or one is pending, else the open one; and whether it is
    a wider area's figure quoted for comparison."""
    text = r.page.nt.text
    clause = r.clause
    if ind and not cont:
        clause = Clause(ind_start, ind)
        r.clauses.append(clause)
    elif r.pending is not None:
        clause = Clause(r.pending[1], r.pending[0])
        r.clauses.append(clause)
    elif clause is None:
        clause = Clause(ind_start if ind else first_start, ind or "")
        r.clauses.append(clause)
    if clause is r.clauses[-1] and len(clause.facts) == 0 and not cont:
        clause.wider = wider_area(r.page, a, first, r.s, r.e)
    elif clause.wider and SMALL_AREA.match(text[a:first].lstrip()):
        clause = Clause(ind_start, clause.indicator)  # …,全县增速高于全省5.2个百分点: the page's own again
        r.clauses.append(clause)
    r.pending = None
    r.clause = clause
    return clause


def _own_figures(r: _Reading, clause: Clause, head_raw: str, facts_here: list[Token]) -> bool:
    """Whether the segment's figures are the page's own (not a wider area's, another province's or
    city's, nor list values run together); names the clause's place as its scope."""
    page = r.page
    if clause.wider:
        return False  # 同期全国经济增长5.3%(,比一季度加快0.1个百分点): the country's, not this page's
    place = place_of(page, clause.indicator)
    if place:
        clause.scope = place
    if foreign_province(page, clause.indicator):
        return False
    if r.foreign or foreign_city(page, clause.indicator, r.s, r.e):
        r.foreign = True  # …东陵市…,人均地区生产总值超过13万元: the rest of the sentence is its too
        return False
    text = page.nt.text
    # 分别为23323395346268亿元: list values run together, no split is certain
    return not ("分别" in head_raw and len(facts_here) == 1 and "、" in (clause.indicator + head_raw)
                and len(NON_DIGIT.sub("", text[facts_here[0].start:facts_here[0].num_end].split(".")[0])) >= 7)


def _add_facts(r: _Reading, clause: Clause, a: int, head_raw: str, facts_here: list[Token]) -> None:
    """Add the segment's figures to `clause`, each with the verb before it and its period."""
    text = r.page.nt.text
    seg_prev = a
    prev_between = ""
    for t in facts_here:
        between = text[max(seg_prev, a):t.start]
        if between.strip() in ("、", "和", "及", "与", "、和", "") and seg_prev > a:
            between = prev_between  # a list item takes the verb of the list (分别增长7%、8%)
        prev_between = between
        spec, year = _period_for(t.start, r.periods, r.years, r.s, r.carry)
        if (spec is not None and spec is r.carry[0] and spec.kind == "date" and spec.end_month == 12
                and FLOW_IND.search(clause.indicator)):
            spec = None  # …年末生猪存栏27.8万头。禽蛋产量3.05万吨: a year's output, not a year-end stock
        add_fact(r.page, clause, t, between, head_raw, spec, year)
        seg_prev = t.end


def _emit(page: PageContext, clauses: list[Clause], out: list[tuple[int, Fact]]) -> None:
    """Append the facts of `clauses`, each with its clause's span of the original text."""
    for c in clauses:
        if not c.facts:
            continue
        c.end = max(f[0].end for f in c.facts)
        os_, oe = page.nt.original_span(c.start, c.end)
        clause_text = page.doc.text[os_:oe]
        for _token, ind, value, unit, vn, un, measure, period_scope in c.facts:
            period, scope = period_scope if isinstance(period_scope, tuple) else (period_scope, None)
            out.append((os_, page.fact(clause_text, ind, value, unit, vn, un, measure, period,
                                       scope or c.scope, os_, oe)))


#: how far before the end of the words a predicate word (TRAIL) can start
_TRAIL_REACH = end_reach(TRAIL)


def _head(page: PageContext, a: int, b: int) -> tuple[str, int, bool]:
    """(indicator words, their start, is-continuation) of text[a:b] before a segment's number."""
    text = page.nt.text
    i = skip_leads(text, a, b, LEAD)
    rest = text[i:b]
    cont = not rest or bool(CONTINUATION.match(rest))
    j = len(rest)
    while j > 0:
        m = TRAIL.search(rest, max(0, j - _TRAIL_REACH), j)
        if not m:
            break
        j = m.start()
    ind = rest[:j].strip()
    ind = _cut_end(BRACKETED_DEFINITION_END, ")）", ind)  # 性别比(以女性为100,…)
    # 地区生产总值(GDP), 人均地区生产总值（rén jūn GDP）: an abbreviation or a gloss, not the name
    ind = _cut_end(GLOSS_END, ")）", ind)
    # 增速比1-10月回落: the base period of the comparison is not part of the name
    ind = _cut_end(COMPARED_PERIOD_END, "月度年期", ind)
    # a headline's subject before its time word (河城去年经济增长…): the place is not the indicator
    if "年" in ind[2:6]:
        ind = HEADLINE_SUBJECT.sub("", ind)
    # a period written after the indicator's owner (全省2020年...) is not part of the name
    return ind, i, cont


def _cut_end(pattern: re.Pattern[str], last_chars: str, text: str) -> str:
    """`pattern.sub("", text)` for a pattern anchored at the end (`…$`) whose matches end with one
    of `last_chars`: a text ending otherwise is passed over without running the regex (the words
    before each figure of a page go through several such patterns)."""
    if not text or (text[-1] not in last_chars and text[-1] != "\n"):  # `$` also matches before a final newline
        return text
    return pattern.sub("", text)


def _period_for(pos: int, periods: list[PeriodSpec], years: list[tuple[int, int]], s: int,
                carry: Carry) -> Carry:
    """The period and year of a figure at `pos`: the last ones named before it in the sentence
    (text[s:…]), else what the sentences before carried."""
    spec = None
    for p in periods:
        if p.start + s < pos:
            spec = p
    yr = None
    for ypos, y in years:
        if ypos < pos:
            yr = y
    if spec is None:
        spec = carry[0]
        yr = yr or carry[1]
    return spec, yr
