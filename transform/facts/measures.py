"""The measure of a number in its clause (level, growth_pct, share_pct, change_pp, per_mille,
ratio), its normalised value and its period (docs/labelling.md)."""
from __future__ import annotations

import calendar
from typing import TYPE_CHECKING, cast

from plangap.transform.facts.context import PageContext
from plangap.transform.facts.patterns import (
    DOWN_WORDS,
    IMMEDIATE_VERB,
    LAST_YEAR_END,
    LEVEL_DOWN,
    NAMED_RATE,
    RATE_NAMES,
    RATE_WORDS,
    SHARE,
    SHARE_TAIL,
    SIGN_WORD,
    STOCK_END,
    TO_END,
    YEAR_ONLY,
    YEAR_TO_MONTH,
)
from plangap.transform.facts.periods import PeriodSpec
from plangap.transform.facts.tokens import Token
from plangap.transform.numbers import clean_float, normalize_quantity
from plangap.transform.units import POINT_UNITS

if TYPE_CHECKING:  # clauses.py calls add_fact
    from plangap.transform.facts.clauses import Clause


def _period_end(period: str) -> str:
    """The last day of a year (2023 -> 2023-12-31) or of a year-to-date range (2023-01/2023-07 ->
    2023-07-31); other periods unchanged."""
    m = YEAR_TO_MONTH.fullmatch(period)
    if not m:
        return period
    y, mo = int(m.group(1)), int(m.group(2) or 12)
    return f"{y}-{mo:02d}-{calendar.monthrange(y, mo)[1]:02d}"


def add_fact(page: PageContext, clause: Clause, t: Token, between: str, head_raw: str, spec: PeriodSpec | None,
             year: int | None) -> None:
    """Add token `t` to `clause` with its measure, normalised value and period. `between` is the
    text before `t` since the segment's start or its previous figure (the verb: 增长, 占…),
    `head_raw` the segment's words before its first figure; `spec`/`year` the period named before."""
    ind, value, vn, un, measure = _measure(clause, t, between, head_raw)
    period, scope = _period(page, clause, between, spec, year)
    clause.facts.append((t, ind, value, t.unit, vn, un, measure, (period, scope)))


def _measure(clause: Clause, t: Token, between: str,
             head_raw: str) -> tuple[str, float | None, float | None, str | None, str]:
    """(indicator, value, value_normalized, unit_normalized, measure) of token `t`."""
    unit = t.unit
    value = cast(float, t.value)  # a token that is no ratio always has a value
    vm = IMMEDIATE_VERB.search(between)
    signs = SIGN_WORD.findall(RATE_NAMES.sub("", between))
    down = bool(signs) and signs[-1] in DOWN_WORDS
    ind = clause.indicator
    vn: float | None
    un: str | None
    if t.is_ratio:
        return ind, t.ratio_value, t.value, None, "ratio"
    if unit in POINT_UNITS:
        measure, vn, un = "change_pp", (-value if down else value), unit
        if clause.facts and clause.facts[-1][6] == "share_pct" and not NAMED_RATE.search(between):
            ind = clause.facts[-1][1]  # 占…比重38.6%,比上年提高1.4个百分点: the change of the share
    elif unit == "‰":
        measure, vn, un = "per_mille", (-value if (vm and vm.group("verb") in DOWN_WORDS) else value), "‰"
        if vm and vm.group("verb") in DOWN_WORDS:
            measure = "change_pp"
    elif unit in ("%", "倍"):
        if vm and not TO_END.search(between):
            neg = vm.group("verb") in DOWN_WORDS
            measure = "growth_pct"
            vn = value * 100 if unit == "倍" else value
            vn = clean_float(-vn if neg else vn)
            un = "%"
        elif RATE_WORDS.search(between):
            measure, vn, un = "growth_pct", (value * 100 if unit == "倍" else value), "%"
        elif SHARE.search(between) or SHARE.search(head_raw):
            measure, vn, un = "share_pct", value, "%"
            if "占" in between and "占" not in ind:
                k = between.index("占")
                extra = SHARE_TAIL.sub("", between[k:])
                ind = ind + extra if ind else extra
        elif unit == "倍":
            measure, vn, un = "ratio", value, "倍"
        else:
            measure, vn, un = "level", value, "%"
    else:
        measure = "level"
        vn, un = normalize_quantity(value, unit)
        if vn is not None and LEVEL_DOWN.search(between):
            vn = clean_float(-vn)
    return ind, value, vn, un, measure


def _period(page: PageContext, clause: Clause, between: str, spec: PeriodSpec | None,
            year: int | None) -> tuple[str | None, str | None]:
    """(period, scope) of a figure: the period named before it, else the page's (a balance at the
    end of the page's period); a figure given as last year's takes the year before."""
    period = None
    scope = None
    if spec is not None:
        period = spec.resolve(year or page.page_year)
        if spec.multi_year:
            scope = spec.text.strip("“”\"")
    if period is None:
        period = page.default_period
        if period and STOCK_END.search(clause.indicator):
            period = _period_end(period)  # 贷款余额 in a 1-7月 report: the balance at the end of July
    if period and YEAR_ONLY.fullmatch(period) and LAST_YEAR_END.search(between):
        period = str(int(period) - 1)  # 由上年的1.914:1缩小为1.870:1: the base is last year's figure
    return period, scope
