"""Periods of statistics figures (docs/labelling.md, "period").

`find_periods(text)` lists the period expressions of a (normalised) text with their offsets;
`PeriodSpec.resolve(year)` turns one into the label form: `2020`, `2020-01/2020-06`,
`2020-12-31`, `2016/2020`, `2020-10`. Expressions that are the base of a comparison
(比上年末, 较一季度, 比上半年) are not periods of the figure and are skipped.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from plangap.transform.facts.patterns import (
    CN_YEAR,
    COMPARE_BEFORE,
    FOUR_DIGITS,
    HEADING_REPORT,
    NAMED_REPORT,
    PERIOD,
    YEARBOOK,
)
from plangap.transform.numbers import parse_chinese_number

_PLAN_YEARS = {"一": (2006, 2010), "二": (2011, 2015), "三": (2016, 2020), "四": (2021, 2025)}


@dataclass(frozen=True)
class PeriodSpec:
    kind: str  # year | range | month | date | plan | fiveyears
    start_month: int = 1
    end_month: int = 12
    year: int | None = None  # the year the expression names, if it does
    years: tuple[int, int] | None = None  # multi-year
    start: int = -1
    end: int = -1
    text: str = ""

    @property
    def multi_year(self) -> bool:
        return self.kind in ("plan", "fiveyears")

    def resolve(self, year: int | None) -> str | None:
        y = self.year or year
        if self.kind == "plan" and self.years:
            return f"{self.years[0]}/{self.years[1]}"
        if self.kind == "fiveyears":
            return f"{y - 5}/{y - 1}" if y and self.year is None else (f"{y - 4}/{y}" if y else None)
        if y is None:
            return None
        if self.kind == "year":
            return str(y)
        if self.kind == "month":
            return f"{y}-{self.end_month:02d}"
        if self.kind == "date":
            day = calendar.monthrange(y, self.end_month)[1]
            return f"{y}-{self.end_month:02d}-{day:02d}"
        if self.start_month == 1 and self.end_month == 12:
            return str(y)
        return f"{y}-{self.start_month:02d}/{y}-{self.end_month:02d}"


def _month(s: str | None) -> int | None:
    if not s:
        return None
    if s.isdigit():
        n = int(s)
    else:
        v = parse_chinese_number(s)
        n = int(v) if v is not None else 0
    return n if 1 <= n <= 12 else None


def _q(s: str) -> int:
    return int(s) if s.isdigit() else {"一": 1, "二": 2, "三": 3, "四": 4}[s]


def _int(s: str | None) -> int | None:
    return int(s) if s else None


def _spec(m: re.Match) -> PeriodSpec | None:
    g = m.groupdict()
    kw = {"start": m.start(), "end": m.end(), "text": m.group(0)}
    if g["plan"]:
        return PeriodSpec("plan", years=_PLAN_YEARS[g["plan_no"]], **kw)
    if g["fiveyears"]:
        return PeriodSpec("fiveyears", **kw)
    if g["m_to"]:
        to = _month(g["m_to"])
        if to is None or to == 1:
            return None
        return PeriodSpec("range", 1, to, _int(g["y_range"]), **kw)
    if g["first_n"]:
        to = _month(g["first_n"])
        return PeriodSpec("range", 1, to, _int(g["y_first"]), **kw) if to else None
    if m.group(0).endswith("前三季度") or m.group(0).endswith("前三个季度"):
        return PeriodSpec("range", 1, 9, _int(g["y_q3"]), **kw)
    if g["half"]:
        lo, hi = (1, 6) if g["half"] == "上半年" else (7, 12)
        return PeriodSpec("range", lo, hi, _int(g["y_h"]), **kw)
    if g["qe"]:
        return PeriodSpec("date", end_month=_q(g["qe"]) * 3, year=_int(g["y_qe"]), **kw)
    if g["q"]:
        q = _q(g["q"])
        return PeriodSpec("range", q * 3 - 2, q * 3, _int(g["y_q"]), **kw)
    if g["me"]:
        mm = _month(g["me"])
        return PeriodSpec("date", end_month=mm, year=_int(g["y_me"]), **kw) if mm else None
    if g["m"]:
        mm = _month(g["m"])
        return PeriodSpec("month", mm, mm, _int(g["y_m"]), **kw) if mm else None
    if g["ye"]:
        if g["ye"] in ("末", "底") and not (g["y_ye"] or m.group(0).startswith(("去年", "今年", "上年"))):
            return None
        if m.group(0).startswith("上年"):
            return None
        return PeriodSpec("date", end_month=12, year=_int(g["y_ye"]), **kw)
    if g["fullyear"]:
        return PeriodSpec("year", **kw)
    if g["y"]:
        y = int(g["y"])
        return PeriodSpec("year", year=y, **kw) if 1949 <= y <= 2100 else None
    return None


_CN_DIGIT = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"○": "0", "零": "0"}


def _ascii_years(text: str) -> str:
    """二〇二一年 -> 2021年, one character for one, so offsets stay."""
    return CN_YEAR.sub(lambda m: "".join(_CN_DIGIT[c] for c in m.group(0)), text)


def find_periods(text: str) -> list[PeriodSpec]:
    """Period expressions of `text` in reading order, without comparison bases."""
    text = _ascii_years(text)
    out: list[PeriodSpec] = []
    for m in PERIOD.finditer(text):
        if COMPARE_BEFORE.search(text[max(0, m.start() - 4):m.start()]):
            continue
        after = text[m.end():m.end() + 3]
        if after.startswith(("以来", "的", "同期", "相比", "比")) and not m.group("plan"):
            continue
        spec = _spec(m)
        if spec is not None:
            out.append(spec)
    return out


def leading_period(text: str) -> PeriodSpec | None:
    """The period expression `text` opens with, as `find_periods(text)[0]` when that one starts at
    0, without reading the rest of the text."""
    text = _ascii_years(text[:80])
    m = PERIOD.match(text)
    if m is None or m.end() == 0:
        return None
    after = text[m.end():m.end() + 3]
    if after.startswith(("以来", "的", "同期", "相比", "比")) and not m.group("plan"):
        return None
    return _spec(m)


def body_year(text: str) -> tuple[int | None, bool]:
    """(year, is an annual bulletin) of a report the body names (《某市2021年国民经济和社会发展统计
    公报》), for pages whose title gives no year (a news item about the bulletin)."""
    head = _ascii_years(text[:2000])
    m = NAMED_REPORT.search(head) or HEADING_REPORT.search(head)
    if not m:
        return None, False
    y = int(m.group(1))
    return (y, m.group(2).endswith("公报")) if 1949 <= y <= 2100 else (None, False)


_HEADING_MAX = 40


def heading_period(text: str, lines: int = 12) -> PeriodSpec | None:
    """The period of a page whose title names none, from a short heading line at the top of the
    body (一、2022年1-11月某市主要经济指标): the first part-year period with its year, else None."""
    for n, line in enumerate(text.split("\n")):
        if n >= lines:
            break
        line = line.strip()
        if not line or len(line) > _HEADING_MAX:
            continue
        for spec in find_periods(line):
            if spec.year and spec.kind in ("range", "month") and not spec.multi_year:
                return spec
    return None


def yearbook_year(title: str | None, table_years: list[int]) -> int | None:
    """The data year of a yearbook page whose title names only the book (梅山统计年鉴—2022): the
    latest year its tables name in a column header or caption (2021年, （2021年）) up to the book's
    year, else the year before the book's (a yearbook of 2022 reports 2021)."""
    if not title:
        return None
    m = YEARBOOK.search(title)
    if not m:
        return None
    book = int(m.group(1) or m.group(2))
    years = [y for y in table_years if book - 3 <= y <= book]
    return max(years) if years else book - 1


def title_period(title: str | None, hint: str | None) -> tuple[str | None, int | None]:
    """The page's default period (from its title, completed by the registry hint) and year."""
    hint_year = None
    if hint:
        hm = FOUR_DIGITS.match(hint)
        hint_year = int(hm.group(1)) if hm else None
    if title:
        specs = [s for s in find_periods(title) if not s.multi_year]
        years = [s.year for s in specs if s.year]
        year = years[0] if years else None
        part = [s for s in specs if s.kind != "year"]
        if part:
            return part[0].resolve(year or hint_year), year or hint_year
        if year:
            return str(year), year
    return hint, hint_year
