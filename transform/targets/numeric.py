"""Numeric targets of one plan sentence.

In a chunk the last number with a unit is the target, earlier ones qualify its noun
(`总投资20亿元…项目15个`), unless joined by 和/与 (`分别达到59%和49%`); the sentence's cues decide
target or review (transform/targets/context.py); figures inside 在…的基础上 are the base, not a goal.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from plangap.transform.numbers import clean_float
from plangap.transform.records import Target
from plangap.transform.sections import SectionIndex
from plangap.transform.targets.commitments import commitments
from plangap.transform.targets.context import TARGET, Cue, class_at, year_of
from plangap.transform.targets.filters import after_its_noun, not_a_goal, not_a_target, sums_up_names
from plangap.transform.targets.indicator_words import clean_pre, strip_indicator, subjects
from plangap.transform.targets.mentions import Mention, mentions, qualified
from plangap.transform.targets.patterns import (
    ATTRIBUTE_OF_COMMITTED,
    BASE_SPAN,
    BRACKET_NOTE,
    CJK_START,
    COMPARE_TAIL,
    CONDITION_LEAD,
    CONDITION_TAIL,
    DECLINE_TAIL,
    LIST_COUNT,
    LISTED_YEAR,
    MAY_HOLD_NUMBER,
    MODAL,
    NUMBER_START,
    PRE_COMPARATOR,
    RATE_TAIL,
    STRIP_PUNCT,
    THRESHOLD_NOUN,
    TRAIL,
    YEAR_LIST,
)
from plangap.transform.targets.sentences import chunks, segments
from plangap.transform.targets.values import clean_value, comparator_of, indicator_id, normalized, state_year
from plangap.transform.text.normalize import NormText
from plangap.transform.units import kind_of


@dataclass
class _Sentence:
    """One sentence being read, and what carries from one of its numbers to the next."""

    nt: NormText
    s0: int  # offset of the sentence in the normalised text
    text: str
    cues: list[Cue]
    state: Cue | None
    plan: int | None
    sections: SectionIndex
    bases: list[tuple[int, int]]  # spans of 在…的基础上 and bracketed notes: no targets there
    prev_ind: str | None = None  # the last target's indicator, for a number without words of its own
    prev_rate: bool = False
    prev_decline: bool = False
    group_idx: int = -1  # position in a 分别 group (城乡居民…分别增长8%、9%)
    verb: str = ""  # the segment's verb of a number written before its noun (新增…个, 改造…个)


@dataclass(frozen=True)
class _Chunk:
    """Where a number stands: its segment text[a:b] and the chunk seg[ca:…] (own part up to cown)."""

    a: int
    b: int
    seg: str
    ca: int
    cown: int
    text: str


class _Read(NamedTuple):
    """What the words around a number say: its indicators, rate or decline, its clause."""

    indicators: list[str]
    is_rate: bool
    decline: bool
    clause_start: int  # chunk-relative
    clause_end: int


def sentence_targets(nt: NormText, s0: int, sentence: str, cues: list[Cue], state: Cue | None,
                     plan: int | None, sections: SectionIndex) -> list[Target]:
    """The numeric targets of `sentence` (text[s0:…]) and the commitments of its segments without
    a number."""
    bases = [(x.start(), x.end()) for x in BASE_SPAN.finditer(sentence)]
    bases += [(x.start(), x.end()) for x in BRACKET_NOTE.finditer(sentence)]  # （注：…全市共22个）
    s = _Sentence(nt, s0, sentence, cues, state, plan, sections, bases)
    out: list[Target] = []
    for a, b in segments(sentence):
        seg = sentence[a:b]
        seg_any_number = False
        s.verb = ""
        if not MAY_HOLD_NUMBER.search(seg):
            # no chunk of it holds a number (mentions.py tests the same): most segments of a plan
            out.extend(commitments(nt, s0 + a, sentence, a, seg, cues, state, plan, sections))
            continue
        for ca, cb, cown in chunks(seg):
            chunk = seg[ca:cb]
            ms = mentions(chunk, sentence, a + ca)
            seg_any_number = seg_any_number or bool(ms)
            for m in qualified(chunk, ms):
                out.extend(_number_targets(s, _Chunk(a, b, seg, ca, cown, chunk), m))
        if not seg_any_number:
            out.extend(commitments(nt, s0 + a, sentence, a, seg, cues, state, plan, sections))
    return out


def _number_targets(s: _Sentence, c: _Chunk, m: Mention) -> list[Target]:
    """The targets of number `m` (none when it is not a goal here)."""
    pos = c.a + c.ca + m.start
    cue = class_at(s.cues, pos, s.state)
    if cue is None or cue.cls != TARGET or any(x <= pos < y for x, y in s.bases):
        return []
    chunk = c.text
    pre_raw = chunk[:m.start]
    cut, pre = clean_pre(pre_raw)
    post_own = chunk[m.end:c.cown - c.ca] if c.cown - c.ca > m.end else ""
    number_first = bool(post_own.strip()) and bool(CJK_START.match(post_own.strip()))
    if number_first and after_its_noun(pre, post_own, m.unit):
        number_first = False  # 推进…项目38个加快建设: the count closes 项目, a predicate follows
    rest = chunk[m.end:].strip(STRIP_PUNCT)
    if ATTRIBUTE_OF_COMMITTED.match(c.seg, c.ca + m.end):
        # 总建筑面积30万平方米的…厂房建成投用: the size describes the thing committed
        sub = c.a + c.ca + m.end + 1
        return commitments(s.nt, s.s0 + sub, s.text, sub, s.text[sub:c.b], s.cues, s.state, s.plan, s.sections)
    if not_a_goal(pre_raw, chunk[m.end:], m):
        return []
    if CONDITION_LEAD.match(c.seg) and CONDITION_TAIL.match(c.seg, c.ca + m.end):
        return []  # 对床位数100张以上、护理型床位占比超过70%的机构: conditions of a measure
    if number_first and not_a_target(pre, pre_raw, chunk, rest, m.unit, s.verb, c.seg):
        return []
    if not number_first and NUMBER_START.match(post_own.strip()) and sums_up_names(pre, pre_raw, s.verb):
        return []  # 加快A、B3座35万千瓦光热电站建设: the count of the names, its noun sized after it
    core = strip_indicator(TRAIL.sub("", pre))
    if not number_first and LIST_COUNT.search(core) and m.unit in ("件", "项", "个"):
        return []
    read = _indicators(s, chunk, m, pre, pre_raw, cut, core, rest, number_first)
    return _targets(s, c, m, pre_raw, pos, read) if read is not None else []


def _indicators(s: _Sentence, chunk: str, m: Mention, pre: str, pre_raw: str, cut: int, core: str, rest: str,
                number_first: bool) -> _Read | None:
    """The indicators of number `m`, whether it is a rate or a decline, and its clause; updates
    what carries to the sentence's next number. None when the number names no indicator."""
    tail = COMPARE_TAIL.sub("", pre)
    is_rate = bool(RATE_TAIL.search(tail))
    decline = bool(DECLINE_TAIL.search(tail))
    if "分别" in pre_raw:
        s.group_idx = 0
    elif not core and s.group_idx >= 0:
        s.group_idx += 1
    else:
        s.group_idx = -1
    clause_start = cut if pre.strip() else m.start
    if number_first:
        if core:
            s.verb = core
        indicators = [(core or s.verb) + rest]
        clause_end = len(chunk.rstrip(STRIP_PUNCT))
    else:
        clause_end = m.end
        if not core:
            if s.prev_ind is None:
                return None
            core = s.prev_ind
            is_rate, decline = is_rate or s.prev_rate, decline or s.prev_decline
        indicators = subjects(core, pre, s.group_idx)
    s.prev_ind, s.prev_rate, s.prev_decline = core if not number_first else indicators[0], is_rate, decline
    return _Read(indicators, is_rate, decline, clause_start, clause_end)


def _targets(s: _Sentence, c: _Chunk, m: Mention, pre_raw: str, pos: int, read: _Read) -> list[Target]:
    """One Target per indicator of number `m`."""
    modal = None
    for mm in MODAL.finditer(c.seg[:c.ca + m.start]):
        modal = mm.group(0)
    pc = PRE_COMPARATOR.search(pre_raw)
    precomp = pc.group(1) if pc else None
    mods = ",".join(x for x in (modal, precomp, m.mod) if x) or None
    comparator = comparator_of(m, precomp)
    base = s.s0 + c.a + c.ca
    st, en = s.nt.original_span(base + read.clause_start, base + read.clause_end)
    year = _year(s, c, m, pos)
    out: list[Target] = []
    for indicator in read.indicators:
        if not indicator:
            continue
        qualifier = None
        q = THRESHOLD_NOUN.match(indicator)
        if q:  # 营业收入超50亿元企业: the threshold qualifies 企业
            qualifier, indicator = q.group("qual"), q.group("noun")
        kind = kind_of(m.unit, indicator, read.is_rate)
        vn, un = normalized(m.value, m.unit)
        if read.decline and kind == "rate" and vn is not None:
            vn = clean_float(-vn)
        out.append(Target(
            clause=s.nt.original[st:en], indicator=indicator,
            indicator_id=indicator_id(indicator, un, kind), value=clean_value(m.value),
            value_max=clean_value(m.value_max), unit=m.unit, value_normalized=vn, unit_normalized=un,
            comparator=comparator, modifier=mods, kind=kind, section=s.sections.path_at(s.s0 + c.a),
            year=year, start=st, end=en, qualifier=qualifier,
        ))
    return out


def _year(s: _Sentence, c: _Chunk, m: Mention, pos: int) -> int | None:
    """The year of number `m`: its cue's, or the n-th of a list of years before 分别
    (2025年、2026年分别新建3000个、2500个)."""
    year = year_of(s.cues, pos, state_year(s.state), s.plan)
    yl = YEAR_LIST.search(c.seg[:c.ca + m.start])
    if yl and s.group_idx >= 0:
        years = [int(y) for y in LISTED_YEAR.findall(yl.group(0))]
        if s.group_idx < len(years) and (s.plan is None or min(years) >= s.plan - 20):
            year = years[s.group_idx]
    return year
