"""Numbers with their units in a chunk of a plan sentence (`_Mention`s): Arabic numbers and
ranges, years of schooling, 百分之…, Chinese numerals after a target verb or closing a chunk; and
which of a chunk's numbers are its targets (the last, and those joined to it by 和/与/及)."""
from __future__ import annotations

from dataclasses import dataclass

from plangap.transform.numbers import parse_number
from plangap.transform.targets.patterns import (
    BARE_NUMBER,
    CJK_START,
    CN_COUNT,
    CN_COUNT_NAME_AFTER,
    CN_PERCENT,
    CN_VALUE,
    MAY_HOLD_NUMBER,
    MENTION,
    NAME_BEFORE,
    PRE_COMPARATOR,
    UNITLESS_BEFORE,
    YEARS_LEVEL,
)
from plangap.transform.targets.sentences import in_quotes
from plangap.transform.units import DURATION_UNITS, FREQUENCY_UNITS, NAME_AFTER_UNIT


@dataclass
class Mention:
    """A number with its unit and modifier in a chunk."""

    start: int  # chunk-relative, number start
    end: int  # chunk-relative, end of unit and modifier
    value: float
    value_max: float | None
    unit: str | None
    mod: str | None


def mentions(chunk: str, sentence: str, offset_in_sentence: int) -> list[Mention]:
    """The numbers with units of `chunk` (at `offset_in_sentence` in `sentence`), in order; names,
    quoted numbers, numbers with `?` and durations before a noun are left out."""
    out: list[Mention] = []
    if not MAY_HOLD_NUMBER.search(chunk):
        return out
    for m in MENTION.finditer(chunk):
        a, b, unit, mod = m.group("a"), m.group("b"), m.group("unit"), m.group("mod")
        if "?" in a or (b and "?" in b):
            continue
        if b and not unit and m.group("ua"):
            unit = m.group("ua")
        end = m.end()
        if unit == "万" and chunk.startswith("亿", m.end("unit")) and not mod:
            unit, end = "万亿", m.end("unit") + 1  # 1.28万亿 in a list sharing its last item's 元
        pos = offset_in_sentence + m.start()
        if NAME_BEFORE.search(sentence[max(0, pos - 2):pos]) or in_quotes(sentence, pos):
            continue
        after = chunk[m.end("unit") if unit else m.end("a"):]
        if unit and (NAME_AFTER_UNIT.match(after) or after.startswith("/")):
            continue
        if unit in DURATION_UNITS and not mod and CJK_START.match(after):
            continue  # 开展12天培训: a duration that qualifies a noun (时限压缩至45天 is a level)
        if not unit:
            if not mod or not UNITLESS_BEFORE.search(chunk[:m.start()]) or b:
                continue
            if len(a) == 4 and a.startswith(("19", "20")):
                continue
        va = parse_number(a)
        if va is None:
            continue
        vb = parse_number(b) if b else None
        out.append(Mention(m.start(), end, va, vb, unit, mod))
    for m in YEARS_LEVEL.finditer(chunk):
        v = parse_number(m.group("a"))
        if v is not None:
            out.append(Mention(m.start("a"), m.end(), v, None, "年", m.group("mod")))
    for m in CN_PERCENT.finditer(chunk):
        v = parse_number(m.group("a"))
        vb = parse_number(m.group("b")) if m.group("b") else None
        if v is not None:
            out.append(Mention(m.start(), m.end(), v, vb, "%" if m.group("kind") == "百分之" else "‰", m.group("mod")))
    seen = {x.start for x in out}
    for pattern in (CN_COUNT, CN_VALUE):
        for m in pattern.finditer(chunk):
            if m.start() in seen or CN_COUNT_NAME_AFTER.match(chunk[m.end("unit"):]) \
                    or in_quotes(sentence, offset_in_sentence + m.start()):
                continue
            v = parse_number(m.group("a"))
            if v is None:
                continue
            seen.add(m.start())
            out.append(Mention(m.start(), m.end(), v, None, m.group("unit"), m.group("mod")))
    out = [x for x in out if x.unit not in FREQUENCY_UNITS or x.mod
           or PRE_COMPARATOR.search(chunk[:x.start])]  # 0.3次以内 is a level, 4次视察 is not
    out.sort(key=lambda x: x.start)
    return out


def qualified(chunk: str, ms: list[Mention]) -> list[Mention]:
    """Keep the last mention of a chunk and those joined to it by 和/与/及 (`59%和49%`)."""
    if not ms:
        return ms
    if len(ms) >= 2 and chunk[ms[-2].end:ms[-1].start] == "或":
        return []  # alternative thresholds (超20亿元或2亿美元…) qualify a noun
    keep = [ms[-1]]
    for i in range(len(ms) - 2, -1, -1):
        gap = chunk[ms[i].end:keep[0].start]
        if gap in ("和", "与", "及", "以及", ""):
            keep.insert(0, ms[i])
        else:
            break
    return keep


def bare_cell(cell: str) -> list[Mention]:
    """A number without a unit in a table cell (the unit is in the unit column): 5.5左右, 5-6."""
    m = BARE_NUMBER.search(cell)
    if not m:
        return []
    v = parse_number(m.group(1))
    vb = parse_number(m.group(2)) if m.group(2) else None
    if vb is not None and vb <= (v or 0):
        vb = None
    return [] if v is None else [Mention(m.start(), m.end(), v, vb, None, m.group(3))]
