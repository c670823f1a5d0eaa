"""The fields of a Target that follow from its number (docs/labelling.md): comparator,
normalised value, and the indicator dictionary's id."""
from __future__ import annotations

from plangap.transform.indicators.dictionary import map_indicator
from plangap.transform.numbers import clean_float, normalize_quantity
from plangap.transform.targets.context import TARGET, Cue
from plangap.transform.targets.mentions import Mention
from plangap.transform.targets.patterns import CEIL_VERBS, FLOOR_VERBS
from plangap.transform.units import MULTIPLIER_FACTORS


def comparator_of(m: Mention, precomp: str | None) -> str:
    """range, >=, <= or = from the number's modifier (以上, 以内) or the comparator before it."""
    if m.value_max is not None:
        return "range"
    if m.mod == "以上":
        return ">="
    if m.mod in ("以内", "以下"):
        return "<="
    if precomp in FLOOR_VERBS or precomp in ("≥", ">="):
        return ">="
    if precomp in CEIL_VERBS or precomp in ("≤", "<="):
        return "<="
    return "="


def normalized(value: float, unit: str | None) -> tuple[float | None, str | None]:
    """(value_normalized, unit_normalized): a multiplier expanded (5万 -> 50000, no unit)."""
    if unit in MULTIPLIER_FACTORS:
        return clean_float(value * MULTIPLIER_FACTORS[unit]), None
    if unit is None:
        return clean_float(value), None
    return normalize_quantity(value, unit)


def clean_value(v: float | None) -> float | None:
    """The value as written, without binary noise."""
    return None if v is None else clean_float(v)


def state_year(state: Cue | None) -> int | None:
    """The year a target cue carried from earlier sentences names, if any."""
    return state.year if state is not None and state.cls == TARGET else None


def indicator_id(indicator: str, unit_normalized: str | None, kind: str) -> str | None:
    """The indicator dictionary's id (transform/indicators/dictionary.py); commitments name projects, not
    indicators, and are not mapped."""
    if kind == "commitment":
        return None
    return map_indicator(indicator, unit_normalized=unit_normalized, kind=kind)
