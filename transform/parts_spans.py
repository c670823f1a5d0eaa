"""A part: a span of Document.text with one role and period (transform/parts.py), and the
spans made from the splitters' events.

The splitters (transform/parts_plan.py, transform/parts_statistics.py) say, at line and sentence
starts of the normalised text, which role and year hold from there on; `events_to_parts` merges
the runs of equal events, maps their starts back to Document.text and gives each run its period.
"""
from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from plangap.transform.parts_rules import (
    FIVE_YEAR_GOALS,
    FORWARD_ROLES,
    OTHER,
    REVIEW_FIVE_YEAR,
    REVIEW_ROLES,
    REVIEW_YEAR,
    STATISTICS,
    TARGETS_THIS_YEAR,
    WORK_PLAN,
)
from plangap.transform.text.normalize import NormText


@dataclass(frozen=True)
class Part:
    """A span [start, end) of Document.text with one role.

    `period`: the period the part is about, in the labels' format ("2025", "2021/2025",
    "2026/2030"; statistics pages: "2020", "2020-01/2020-09"); None when unknown.
    `horizon`: the year by which a forward-looking part's targets are due (the plan year, or
    the last year of the five-year plan); None for reviews and other parts.
    `heading`: the innermost heading over the part (its first sentence), None before any."""

    start: int
    end: int
    role: str
    period: str | None
    horizon: int | None
    heading: str | None


def forward_looking(role: str) -> bool:
    """Parts whose numbers can be targets: five_year_goals, targets_this_year, work_plan."""
    return role in FORWARD_ROLES


def review(role: str) -> bool:
    """Parts whose numbers report what happened: review_year, review_five_year."""
    return role in REVIEW_ROLES


def part_at(parts: Sequence[Part], offset: int) -> Part | None:
    """The part holding `offset` (an offset of Document.text), None outside the text."""
    i = bisect.bisect_right([p.start for p in parts], offset) - 1
    if i < 0 or offset >= parts[i].end:
        return None
    return parts[i]


def _period(role: str, year) -> tuple[str | None, int | None]:
    """(period, horizon) of a part from its role and year (a period string on statistics)."""
    if role == STATISTICS:
        return year, None
    if year is None:
        return None, None
    if role == REVIEW_YEAR:
        return str(year), None
    if role == REVIEW_FIVE_YEAR:
        return f"{year - 4}/{year}", None
    if role == FIVE_YEAR_GOALS:
        return f"{year - 4}/{year}", year
    if role in (TARGETS_THIS_YEAR, WORK_PLAN):
        return str(year), year
    return None, None


def events_to_parts(events: list[tuple], nt: NormText, n: int) -> list[Part]:
    """Merge runs of equal events and map their starts back to Document.text."""
    merged: list[tuple[int, str, str | None, int | None, str | None]] = []
    for pos, role, year, label in events:
        role_period, horizon = _period(role, year)
        start = nt.index[min(pos, len(nt.text))] if pos > 0 else 0
        item = (start, role, role_period, horizon, label)
        if merged and merged[-1][1:] == item[1:]:
            continue
        if merged and merged[-1][0] == start:
            merged[-1] = item
            continue
        merged.append(item)
    if not merged:
        return [Part(0, n, OTHER, None, None, None)]
    parts = []
    for i, (start, role, per, hor, label) in enumerate(merged):
        end = merged[i + 1][0] if i + 1 < len(merged) else n
        if i == 0:
            start = 0
        if end > start:
            parts.append(Part(start, end, role, per, hor, label))
    return parts
