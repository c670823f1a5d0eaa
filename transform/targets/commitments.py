"""Targets without a number in a plan sentence: commitments (建成通车, 开工建设: value null) and
保持正增长 (a rate above 0)."""
from __future__ import annotations

from plangap.transform.records import Target
from plangap.transform.sections import SectionIndex
from plangap.transform.targets.context import TARGET, Cue, class_at, year_of
from plangap.transform.targets.indicator_words import clean_pre
from plangap.transform.targets.patterns import (
    COMMIT_CHAIN,
    COMMIT_LEAD,
    COMMIT_WHEN,
    COMMITMENT,
    HAS_NUMBER,
    ITEM_NUMBER,
    LINE_NAME_HEAD,
    LINE_NUMBER,
    MODAL,
    NUMBERED_END,
    NUMBERED_START,
    POSITIVE_GROWTH,
    STRIP_PUNCT,
    TRAIL,
)
from plangap.transform.targets.sentences import in_quotes
from plangap.transform.targets.values import indicator_id, state_year
from plangap.transform.text.normalize import NormText


def commitments(nt: NormText, seg_abs: int, sentence: str, a: int, seg: str, cues: list[Cue],
                      state: Cue | None, plan: int | None, sections: SectionIndex) -> list[Target]:
    """Commitments and 保持正增长 in a segment without numbers."""
    out: list[Target] = []
    g = POSITIVE_GROWTH.search(seg)
    c = COMMITMENT.search(seg)
    m = g or c
    if not m:
        return out
    cue = class_at(cues, a + m.start(), state)
    if cue is None or cue.cls != TARGET or in_quotes(sentence, a + m.start()):
        return out
    lead = COMMIT_LEAD.match(seg.lstrip(STRIP_PUNCT))
    start = len(seg) - len(seg.lstrip(STRIP_PUNCT))
    cut, _ = clean_pre(seg[:m.start()])
    modal = None
    for mm in MODAL.finditer(seg[:m.start()]):
        modal = mm.group(0)
    year = year_of(cues, a + m.start(), state_year(state), plan)
    if g:
        indicator = TRAIL.sub("", seg[cut:m.start()]).strip(STRIP_PUNCT)
        if not indicator:
            return out
        st, en = nt.original_span(seg_abs + cut, seg_abs + m.end())
        out.append(Target(clause=nt.original[st:en], indicator=indicator,
                          indicator_id=indicator_id(indicator, "%", "rate"), value=0.0, value_max=None,
                          unit="%", value_normalized=0.0, unit_normalized="%", comparator=">",
                          modifier=modal, kind="rate", section=sections.path_at(seg_abs), year=year,
                          start=st, end=en))
        return out
    if lead:
        start += lead.end()
    obj_before = seg[start:m.start()].strip(STRIP_PUNCT)
    title = _item_title(nt.text, seg_abs)
    if obj_before:
        cs, ce = start, m.end()
        while (more := COMMIT_CHAIN.match(seg, ce)) is not None:  # 竣工验收并投入使用
            ce = more.end()
        indicator = COMMIT_WHEN.sub("", obj_before) or (title + m.group(0) if title else obj_before)
    else:
        cs, ce = m.start(), len(seg.rstrip(STRIP_PUNCT))
        indicator = seg[m.end():ce].strip(STRIP_PUNCT)
        if not indicator and title:  # 2.某中学改扩建工程。…，年内开工建设: the item's project
            when = COMMIT_WHEN.search(seg, len(seg) - len(seg.lstrip(STRIP_PUNCT)), m.start())
            cs = when.start() if when else cs
            indicator = title + m.group(0)
    if not indicator or len(indicator) > 60:
        return out
    st, en = nt.original_span(seg_abs + cs, seg_abs + ce)
    for obj in _objects(indicator):
        out.append(Target(clause=nt.original[st:en], indicator=obj,
                          indicator_id=indicator_id(obj, None, "commitment"), value=None,
                          value_max=None, unit=None, value_normalized=None, unit_normalized=None,
                          comparator=None, modifier=modal, kind="commitment",
                          section=sections.path_at(seg_abs), year=year, start=st, end=en))
    return out


def _item_title(text: str, pos: int) -> str | None:
    """The title of the numbered list item `pos` is in (2.某中学改扩建工程。…): the thing the
    item is about, when the item states it before its first full stop."""
    line_start = text.rfind("\n", 0, pos) + 1
    m = ITEM_NUMBER.match(text, line_start)
    if not m:
        return None
    stop = text.find("。", m.end(), pos)
    if stop < 0:
        return None
    title = text[m.end():stop].strip(STRIP_PUNCT)
    return title if 2 <= len(title) <= 30 and not HAS_NUMBER.search(title) else None


def _objects(text: str) -> list[str]:
    """The things of a commitment, split at `、` outside brackets (A、B建成通车 -> A, B)."""
    parts, depth, cur = [], 0, ""
    for ch in text:
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            depth = max(0, depth - 1)
        if ch == "、" and depth == 0:
            parts.append(cur)
            cur = ""
            continue
        cur += ch
    parts.append(cur)
    parts = [p.strip(STRIP_PUNCT) for p in parts]
    parts = [p for p in parts if p]
    for i in range(len(parts) - 2, -1, -1):  # 5号、6号泊位: numbers of one thing
        if NUMBERED_END.search(parts[i]) and NUMBERED_START.match(parts[i + 1]):
            parts[i:i + 2] = [parts[i] + "、" + parts[i + 1]]
    for i in range(1, len(parts)):  # 地铁3号线、4号线 -> 地铁4号线
        head = LINE_NAME_HEAD.match(parts[0])
        if head and LINE_NUMBER.match(parts[i]):
            parts[i] = head.group(1) + parts[i]
    return parts or [text]
