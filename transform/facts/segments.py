"""Cutting a statistics sentence into segments (at commas, not inside a short bracketed gloss),
and skipping the lead words and periods that open a segment."""
from __future__ import annotations

import re

from plangap.transform.facts.patterns import SEGMENT_SEP
from plangap.transform.facts.periods import leading_period


def skip_leads(text: str, i: int, b: int, leads: re.Pattern) -> int:
    """The offset in text[i:b] after lead words (`leads`) and periods that open a segment."""
    while i < b:
        m = leads.match(text, i, b)
        if m and m.end() > i:
            i = m.end()
            continue
        p = leading_period(text[i:b])
        if p is not None:
            i += p.end
            continue
        break
    return i


def in_brackets(text: str, s: int, pos: int, e: int) -> bool:
    """Whether text[pos] lies inside a short bracketed gloss of the sentence text[s:e]."""
    o = max(text.rfind("(", s, pos), text.rfind("（", s, pos))
    if o < 0 or pos - o > 30 or max(text.rfind(")", o, pos), text.rfind("）", o, pos)) >= 0:
        return False
    close = [c for c in (text.find(")", pos, e), text.find("）", pos, e)) if c >= 0]
    return bool(close) and min(close) - pos <= 30


def segments(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """(start, end) of the segments of the sentence text[s:e]: cut at commas and colons, not
    inside a short bracketed gloss (性别比(以女性为100,男性对女性的比例)为103.79)."""
    segs = []
    a = s
    for m in SEGMENT_SEP.finditer(text, s, e):
        if in_brackets(text, s, m.start(), e):
            continue
        segs.append((a, m.start()))
        a = m.end()
    segs.append((a, e))
    return segs
