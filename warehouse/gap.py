"""The gap model: which published figure answers a target, and how far it is from it.

Pure functions over plain rows (the SQL that feeds them is in warehouse/mart.py); the rules
are documented in docs/methodology.md.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime

from plangap.warehouse.statuses import ACHIEVED, BEHIND, MISSED, NO_DATA, NOT_MEASURABLE, ON_TRACK

PP_UNITS = ("%", "个百分点", "‰")  # units whose 左右 band is absolute
PP_TOLERANCE = 0.5  # 左右 on a percentage: +-0.5 percentage points
REL_TOLERANCE = 0.05  # 左右 on anything else: +-5% of the target value

_YEAR = re.compile(r"^(\d{4})$")
_YEAR_END = re.compile(r"^(\d{4})-12-31$")
_YTD = re.compile(r"^(\d{4})-01/(\d{4})-(\d{2})$")
_MONTH_END = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")  # a stock at a month's end (not 12-31)


@dataclass(frozen=True)
class TargetRow:
    page_id: int
    row_no: int
    region: str
    scope: str | None
    indicator_id: str | None
    kind: str
    value: float | None
    value_max: float | None
    unit: str | None
    value_normalized: float | None
    unit_normalized: str | None
    comparator: str | None
    modifier: str | None
    year: int | None
    direction: str | None = None  # dim_indicator.direction
    accumulates: bool = False  # dim_indicator.accumulates
    indicator_kind: str | None = None  # dim_indicator.kind: flow | stock | rate | share
    target_kind: str = "annual"  # annual | five_year_avg | cumulative | level_by_year (stg_targets)


@dataclass(frozen=True)
class FactRow:
    page_id: int
    row_no: int
    indicator_id: str
    region: str
    scope: str | None
    measure: str
    period: str | None
    value_normalized: float
    unit_normalized: str | None
    published: str | None
    fetched_at: datetime

    @property
    def vintage_key(self) -> tuple[str, datetime, int, int]:
        """Later publications win; then later fetches (a page's later version)."""
        return (self.published or "", self.fetched_at, self.page_id, self.row_no)


@dataclass
class Judgement:
    status: str
    reason: str | None = None
    fact: FactRow | None = None
    actual: float | None = None  # the actual in the target's unit as written
    expected: float | None = None  # the value the actual is held against (pro-rated in-year)
    tolerance: float | None = None
    attainment: float | None = None
    gap: float | None = None
    basis: str | None = None  # full_year | part_year
    basis_period: str | None = None


def year_span(period: str | None) -> tuple[int, int, str] | None:
    """(year, months covered, form) for periods that can answer a yearly target, else None."""
    if not period:
        return None
    if m := _YEAR.match(period):
        return int(m.group(1)), 12, "year"
    if m := _YEAR_END.match(period):
        return int(m.group(1)), 12, "year_end"
    if (m := _YTD.match(period)) and m.group(1) == m.group(2) and 1 <= int(m.group(3)) <= 12:
        return int(m.group(1)), int(m.group(3)), "ytd"
    if (m := _MONTH_END.match(period)) and 1 <= int(m.group(2)) <= 11:
        return int(m.group(1)), int(m.group(2)), "month_end"
    return None


def measures_for(target: TargetRow) -> tuple[str, ...]:
    """The fact measures that answer a target of this kind."""
    if target.kind == "rate":
        return ("change_pp",) if target.unit_normalized == "个百分点" else ("growth_pct",)
    if target.kind == "ratio":
        return ("share_pct", "level")
    return ("level",)


def _is_stock(target: TargetRow) -> bool:
    return target.indicator_kind == "stock" or (target.indicator_kind is None and target.kind in ("level", "ratio"))


def tolerance(target: TargetRow, reference: float) -> float:
    """The 左右 band around `reference` (0 without 左右)."""
    if "左右" not in (target.modifier or ""):
        return 0.0
    return PP_TOLERANCE if target.unit in PP_UNITS else REL_TOLERANCE * abs(reference)


def _factor(target: TargetRow) -> float:
    """normalized = written x factor (negative for a decline target)."""
    if target.value and target.value_normalized is not None:
        return target.value_normalized / target.value
    return 1.0


def written_direction(target: TargetRow) -> str:
    """Which way is better, in the target's written numbers (a decline target flips it)."""
    factor = _factor(target)
    if target.direction in ("higher", "lower"):
        norm = target.direction
    else:
        norm = "lower" if factor < 0 else "higher"
    if factor > 0:
        return norm
    return "higher" if norm == "lower" else "lower"


def sense(target: TargetRow) -> str:
    """'floor' (the actual must reach it) or 'ceiling' (must stay under it)."""
    if target.comparator == "<=":
        return "ceiling"
    if target.comparator in (">=", ">"):
        return "floor"
    return "ceiling" if written_direction(target) == "lower" else "floor"


def reference(target: TargetRow) -> float:
    """The bound that decides: the value, or for a range the bound on the better side's threshold."""
    assert target.value is not None
    if target.comparator == "range" and target.value_max is not None:
        return target.value if written_direction(target) == "higher" else target.value_max
    return target.value


def meets(target: TargetRow, actual: float, ref: float, tol: float) -> bool:
    """Does `actual` (written unit) satisfy the target's comparator against `ref`?"""
    eps = 1e-9 * max(1.0, abs(ref))
    if target.comparator == ">":
        return actual > ref + eps
    if sense(target) == "ceiling":
        return actual <= ref + tol + eps
    return actual >= ref - tol - eps


def attainment(target: TargetRow, actual: float, ref: float, baseline: float | None) -> float | None:
    """actual / target for floors; for ceilings the share of the required change from a baseline,
    else target / actual."""
    if sense(target) == "floor":
        return actual / ref if ref else None
    if baseline is not None and baseline != ref:
        return (baseline - actual) / (baseline - ref)
    return ref / actual if actual > 0 and ref >= 0 else None


def _latest(facts: list[FactRow]) -> FactRow:
    return max(facts, key=lambda f: f.vintage_key)


def candidates(target: TargetRow, facts: list[FactRow], as_of: date) -> list[FactRow]:
    """Facts that could answer the target: same indicator, region, scope, measure and unit,
    published by `as_of`, for a period of the target year."""
    measures = measures_for(target)
    cutoff = as_of.isoformat()
    out = []
    for f in facts:
        span = year_span(f.period)
        if (f.indicator_id == target.indicator_id and f.region == target.region and f.scope == target.scope
                and f.measure in measures and f.unit_normalized == target.unit_normalized
                and span is not None and span[0] == target.year
                and (f.published is None or f.published[:10] <= cutoff)):
            out.append(f)
    return out


def _months(fact: FactRow) -> int:
    """Months a candidate figure covers (candidates always have a year span)."""
    span = year_span(fact.period)
    return span[1] if span else 0


def _form(fact: FactRow) -> str:
    span = year_span(fact.period)
    return span[2] if span else ""


def _baseline(target: TargetRow, facts: list[FactRow], measure: str, as_of: date) -> FactRow | None:
    if measure not in ("level", "share_pct") or target.year is None:
        return None
    prior = replace(target, year=target.year - 1)
    found = [f for f in candidates(prior, facts, as_of) if f.measure == measure and _months(f) == 12]
    return _latest(found) if found else None


#: target kinds stated over a period, not for one year: no single year's figure answers them
PERIOD_KINDS = {"five_year_avg": "a yearly average over the five-year period",
                "cumulative": "a total over the period"}


def _over_period(target: TargetRow, as_of: date) -> Judgement | None:
    """Targets no one year's figure can judge: an average or a total over a period (年均, 累计) is
    not measurable from the yearly figures staged; a level due by a later year (the goals of
    2026-2030) waits for its horizon, it is never held against this year's figure."""
    if target.target_kind in PERIOD_KINDS:
        return Judgement(NOT_MEASURABLE, f"{PERIOD_KINDS[target.target_kind]} up to {target.year}: "
                                         "not judged against one year's figure")
    if target.target_kind == "level_by_year" and target.year is not None and as_of.year < target.year:
        return Judgement(NO_DATA, f"level due by {target.year}: not judged before its horizon")
    return None


def judge(target: TargetRow, facts: list[FactRow], as_of: date) -> Judgement:
    """The status of one target given every fact of its indicator and region."""
    if target.kind == "commitment":
        return Judgement(NOT_MEASURABLE, "commitment: tracked by evidence, not by a figure")
    if target.value is None or target.value_normalized is None:
        return Judgement(NO_DATA, "target has no value")
    if not target.indicator_id:
        return Judgement(NO_DATA, "unmapped indicator")
    if target.year is None:
        return Judgement(NO_DATA, "target has no year")
    over_period = _over_period(target, as_of)
    if over_period is not None:
        return over_period
    found = candidates(target, facts, as_of)
    if not found:
        why = "target year not started" if target.year > as_of.year else "no published actual"
        return Judgement(NO_DATA, why)
    full = [f for f in found if _months(f) == 12]
    factor = _factor(target)
    ref = reference(target)
    if full:
        prefer = "year_end" if _is_stock(target) else "year"
        preferred = [f for f in full if _form(f) == prefer] or full
        fact = _latest(preferred)
        actual = fact.value_normalized / factor
        tol = tolerance(target, ref)
        base = _baseline(target, facts, fact.measure, as_of)
        return Judgement(
            ACHIEVED if meets(target, actual, ref, tol) else MISSED, None, fact, actual, ref, tol,
            attainment(target, actual, ref, None if base is None else base.value_normalized / factor),
            actual - ref, "full_year", fact.period)
    months = max(_months(f) for f in found)
    fact = _latest([f for f in found if _months(f) == months])
    actual = fact.value_normalized / factor
    ended = as_of > date(target.year, 12, 31)
    reason = (f"full-year figure not published; pace of {fact.period}" if ended
              else f"in-year pace of {fact.period}")
    if target.accumulates and fact.measure == "level" and _form(fact) == "ytd":
        expected = ref * months / 12  # 序时进度
        tol = tolerance(target, expected)
        att = actual / ref if ref else None
    else:
        expected = ref
        tol = tolerance(target, ref)
        att = attainment(target, actual, ref, None)
    status = ON_TRACK if meets(target, actual, expected, tol) else BEHIND
    return Judgement(status, reason, fact, actual, expected, tol, att, actual - expected, "part_year", fact.period)
