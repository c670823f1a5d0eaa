"""Number tokens of statistics text: a number with its unit, or a ratio (`2.1∶46.3∶51.6`).

`find_tokens(text, start, end)` returns the quantities of a span that can be facts; numbers
that are names, dates, ranks, thresholds or glued to `?` are dropped here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from plangap.transform.facts.patterns import (
    AGE_BAND,
    AGE_GROUP_AFTER,
    APPROX_INSIDE,
    ARABIC,
    BASE_DEF,
    BRACKETED,
    CHINESE,
    CJK,
    CLAUSE_SEP,
    CN_MAGNITUDE,
    CN_MULTIPLIER_END,
    COUNT_OF_CITIES,
    COUNT_OF_PARTS,
    COUNT_OF_UNITS,
    DIGIT_GROUP_BEFORE,
    FORMULA_BEFORE,
    ITEM_RUN,
    JOINERS,
    LETTER_AFTER,
    LETTERS_END,
    LINKING_WORD,
    MOVED_TO,
    MULTIPLIER_AT,
    NOT_AFTER,
    NUMBER_LEAD,
    PART_OF_COUNT,
    PER_BEFORE,
    PERCENT_CN,
    PERMILLE_CN,
    PLUS_AFTER,
    POINTS_CN,
    RANGE_AFTER,
    RATIO,
    RATIO_SEP,
    RESPECTIVELY,
    REVIEW_BOUND,
    SOFT_THRESHOLD,
    THREE_DIGITS,
    THRESHOLD_BEFORE,
    THRESHOLD_FOLLOWED,
    TIME_AFTER,
    UNIT,
    YEARS_BEFORE,
    YEARS_UNIT_AFTER,
)
from plangap.transform.numbers import parse_chinese_number, parse_number


@dataclass
class Token:
    start: int  # offsets in the normalised text: number start .. unit end
    end: int
    num_end: int
    value: float | None
    unit: str | None
    is_ratio: bool = False
    ratio_value: float | None = None
    chinese: bool = False


def _is_plausible_ratio(terms: list[float], raw: str) -> bool:
    if "∶" in raw:
        return True
    if len(terms) >= 3:
        return abs(sum(terms) - 100) <= 1.5
    return len(terms) == 2 and terms[1] == 1


def find_tokens(text: str, lo: int, hi: int, review: bool = False) -> list[Token]:
    """Quantities in text[lo:hi] (a sentence), in order. `review`: the sentence is in the review
    part of a work report, where 保持在90%以上 and 突破9万亿元 state the level reached (on a
    statistics page they are headline thresholds, not the figure)."""
    seg = text[lo:hi]
    out: list[Token] = []
    taken: list[tuple[int, int]] = []  # spans of seg already read (or never to be read)
    _ratios(seg, lo, out, taken)
    _chinese_percents(seg, lo, out, taken)
    _chinese_numbers(seg, lo, out, taken, review)
    for m in ARABIC.finditer(seg):
        if any(a <= m.start() < b for a, b in taken):
            continue
        t = _arabic(seg, lo, m, review)
        if t is not None:
            out.append(t)
    out.sort(key=lambda t: t.start)
    out = _unglued(text, lo, out)
    # a bare number in a list takes the unit of the list's last number (1.2、1.3和5.6个百分点)
    for i in range(len(out) - 2, -1, -1):
        t, nxt = out[i], out[i + 1]
        if t.unit is None and not t.is_ratio and nxt.unit:
            between = text[t.end:nxt.start].strip()
            if between in ("、", "和", "及", "与", ",", "、和"):
                t.unit = nxt.unit
    return out


def _ratios(seg: str, lo: int, out: list[Token], taken: list[tuple[int, int]]) -> None:
    """Ratios (2.1∶46.3∶51.6, 2.5:1); times and scores are taken but not read."""
    for m in RATIO.finditer(seg):
        raw = m.group("ratio")
        terms = [float(t) for t in RATIO_SEP.split(raw)]
        if not _is_plausible_ratio(terms, raw):
            taken.append((m.start(), m.end()))  # a time or a score: never a number token
            continue
        value = terms[0] / terms[-1] if len(terms) == 2 and terms[-1] else terms[0]
        out.append(Token(lo + m.start(), lo + m.end(), lo + m.end(), round(value, 6), None, True, terms[0]))
        taken.append((m.start(), m.end()))


def _chinese_percents(seg: str, lo: int, out: list[Token], taken: list[tuple[int, int]]) -> None:
    """百分之…, 千分之… and Chinese numerals of points (提高一点四个百分点)."""
    for pattern, unit in ((PERCENT_CN, "%"), (PERMILLE_CN, "‰"), (POINTS_CN, None)):
        for m in pattern.finditer(seg):
            if any(s <= m.start() < e for s, e in taken):
                continue
            v = parse_chinese_number(m.group("cn"))
            if v is not None:
                u = unit or m.group("unit")
                out.append(Token(lo + m.start(), lo + m.end(), lo + m.end(), v, u, chinese=True))
                taken.append((m.start(), m.end()))


def _not_after(tail: str, review: bool) -> bool:
    """The words after a number that make it no figure (NOT_AFTER); in a review a bound (以上,
    左右) qualifies the level reached."""
    m = NOT_AFTER.match(tail)
    return bool(m) and not (review and REVIEW_BOUND.match(tail))


def _chinese_numbers(seg: str, lo: int, out: list[Token], taken: list[tuple[int, int]], review: bool = False) -> None:
    """Chinese numerals with a magnitude and a unit (一千二百三十五亿元, 三万多户)."""
    for m in CHINESE.finditer(seg):
        if any(s <= m.start() < e for s, e in taken):
            continue
        cn = m.group("cn")
        if len(cn) < 2 or not CN_MAGNITUDE.search(cn):
            continue
        mult = m.group("cnmult") or ""
        tail = CN_MULTIPLIER_END.search(cn)
        if not mult and tail and tail.start() > 0:
            cn, mult = cn[:tail.start()], tail.group(0)  # 一千二百三十五亿元: 1235 亿元, as written
        value = parse_chinese_number(cn)
        if value is None:
            continue
        base = m.group("cnunit")
        um = UNIT.match(seg, m.end())
        unit = mult + (um.group("unit") if um and not m.group("cnmult") else base)
        end = m.end() + len(base)
        before = seg[max(0, m.start() - 4):m.start()]
        if THRESHOLD_BEFORE.search(before) or (SOFT_THRESHOLD.search(before) and not review) \
                or _not_after(seg[end:end + 4], review):
            continue  # 突破三千亿元: a headline threshold, not the figure
        if PER_BEFORE.search(before):
            continue  # 每一百户: a denominator
        out.append(Token(lo + m.start(), lo + end, lo + m.end(), value, unit, chinese=True))
        taken.append((m.start(), end))


def _arabic(seg: str, lo: int, m: re.Match, review: bool = False) -> Token | None:
    """The token of an Arabic number (ARABIC match `m` in `seg`), or None when it is no quantity."""
    s, e = m.start(), m.end()
    if s > 0 and seg[s - 1] == "-" and (s < 2 or not seg[s - 2].isdigit()):
        s -= 1  # a negative number (-0.3‰), not a range
    if "?" in seg[max(0, s - 1):e + 1]:
        return None
    num = seg[s:e]
    value = parse_number(num)
    if value is None:
        return None
    rest = seg[e:]
    years_unit = bool(YEARS_BEFORE.search(seg[:s])) and YEARS_UNIT_AFTER.match(rest)
    if (TIME_AFTER.match(rest) and not years_unit) or LETTER_AFTER.match(rest):
        return None
    if PER_BEFORE.search(seg[:s]) or FORMULA_BEFORE.search(seg[:s]):
        return None  # 每10万人中…, ×100%: a denominator, a formula
    if s > 0 and seg[s - 1] in "+-~—至" and num[0] != "-" and not MOVED_TO.search(seg[:s]):
        return None  # the second end of a range or a 4+1 name (提高至64.8% is a level reached)
    if RANGE_AFTER.match(rest) or PLUS_AFTER.match(rest):
        return None  # the first end of a range (0-15岁) or a 1+1 name
    if THREE_DIGITS.fullmatch(num) and DIGIT_GROUP_BEFORE.search(seg[:s]):
        return None  # 对象 38 612 人: the last thousands group of a number the normaliser left split
    if seg[max(0, s - 1):s] in ("“", "\"", "「") or seg[max(0, s - 2):s] in ("表", "图"):
        return None
    um = UNIT.match(seg, e)
    unit = um.group("unit") if um else None
    end = um.end() if um else e
    if um is None:
        um, unit, end = _approx_unit(seg, e, um)  # 750余万人次, 1.4万余家: about, with its unit
    if years_unit:  # 平均受教育年限为10.68年: years as the unit of a level
        um, unit, end = None, "年", rest.index("年") + e + 1
    if _not_a_figure(seg, s, e, end, num, unit, um, review):
        return None
    return Token(lo + s, lo + end, lo + e, value, unit)


def _approx_unit(seg: str, e: int, um: re.Match | None) -> tuple[re.Match | None, str | None, int]:
    """The unit of a number written with 多/余 inside it (750余万人次, 30多万户, 1.4万余家): the
    multiplier and the unit around the mark, as if it were not there."""
    found = (um, um.group("unit") if um else None, um.end() if um else e)
    a = APPROX_INSIDE.match(seg, e)
    if a is None:
        return found
    rest = UNIT.match(seg, a.end())
    if rest is None or (a.group("m1") and a.group("m2")):
        return found
    return rest, (a.group("m1") or a.group("m2") or "") + rest.group("unit").strip(), rest.end()


def _not_a_figure(seg: str, s: int, e: int, end: int, num: str, unit: str | None, um: re.Match | None,
                  review: bool = False) -> bool:
    """Whether the number seg[s:e] with its unit (up to `end`) is a base, an age band, list values
    run together, a threshold, a count of places or part of a name rather than a figure."""
    if unit is None and BASE_DEF.search(seg[:s]):
        return True  # (以女性为100,…), (以上年为100): the base of a ratio or an index
    if unit == "岁" and AGE_BAND.match(seg[e + (um.end() - um.start() - 1 if um else 0):]):
        return True
    if unit and unit.endswith("岁") and AGE_GROUP_AFTER.match(seg[end:]):
        return True
    digits = num.lstrip("-").split(".")[0].replace(",", "")
    if len(digits) >= 13 or (len(digits) >= 10 and unit and MULTIPLIER_AT.match(unit)):
        return True  # list values run together when separators were lost
    before = seg[max(0, s - 4):s]
    if THRESHOLD_BEFORE.search(before) or _not_after(seg[end:end + 4], review):
        return True
    if SOFT_THRESHOLD.search(before) and not review and (THRESHOLD_FOLLOWED.match(seg[end:]) or COUNT_OF_CITIES.search(seg[:s])):
        return True
    if unit in ("个", "家") and COUNT_OF_UNITS.match(seg[end:]) and not (review and not COUNT_OF_PARTS.match(seg[end:])):
        return True  # a bulletin's 21个市州 frames its figures; a review's 7个城市获评… is what was achieved
    if unit in ("个", "家") and PART_OF_COUNT.search(seg[:s]):
        return True
    if s > 0 and seg[s - 1].isascii() and seg[s - 1].isalpha():
        word = w.group(0) if (w := LETTERS_END.search(seg[:s])) else ""  # (always matches)
        if word.upper() not in ("GDP", "CPI", "PPI"):
            return True  # PM2.5, 5G, C6m: part of a name
    return False


def _unglued(text: str, lo: int, out: list[Token]) -> list[Token]:
    """The tokens without values run together where the separators were lost (4.2%5.0%6.7%): no
    split is certain, unless each value ends in the same unit and 分别 pairs them with as many
    listed items."""
    glued = {i for i in range(len(out) - 1) if out[i].end == out[i + 1].start and not out[i].is_ratio}
    glued |= {i + 1 for i in glued}
    runs: list[list[int]] = []
    for i in sorted(glued):
        if runs and runs[-1][-1] == i - 1 and out[i - 1].end == out[i].start:
            runs[-1].append(i)
        else:
            runs.append([i])
    for run in runs:
        if _justified_split(text, lo, [out[i] for i in run]):
            glued -= set(run)
    return [t for i, t in enumerate(out) if i not in glued]


def _list_items(head: str) -> int:
    """How many items a `A、B、C…` list before 分别 names (0 when it cannot be told)."""
    head = BRACKETED.sub("", head)
    if "、" in head:
        return head.count("、") + 1
    joined = JOINERS.findall(head)
    if len(joined) == 1:
        return 2
    m = ITEM_RUN.search(head)  # 批发业零售业住宿业餐饮业: a run of trade names, the 、 lost too
    return m.group(0).count("业") if m else 0


def _justified_split(text: str, lo: int, run: list[Token]) -> bool:
    """Glued values (4.0%12.2%12.8%, 32156元18742元) may be split when each ends in the same unit
    and 分别 right before them pairs them with a list of as many items."""
    units = {t.unit for t in run}
    if len(units) != 1 or None in units or any(t.chinese for t in run):
        return False
    before = text[lo:run[0].start]
    if not RESPECTIVELY.search(before):
        return False
    # the list is in the clause before 分别: this segment, or an earlier one of the sentence
    for seg in reversed(CLAUSE_SEP.split(before)):
        k = seg.find("分别")
        head = seg[:k] if k >= 0 else seg
        head = NUMBER_LEAD.sub("", head)
        if CJK.search(head) and not LINKING_WORD.fullmatch(head):
            return _list_items(head) == len(run)
    return False
