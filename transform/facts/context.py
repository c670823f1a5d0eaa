"""The statistics page being read, as the modules of transform/facts/ share it."""
from __future__ import annotations

from dataclasses import dataclass

from plangap.transform.facts.periods import PeriodSpec
from plangap.transform.indicators.dictionary import map_indicator
from plangap.transform.records import Document, Fact
from plangap.transform.text.normalize import NormText
from plangap.transform.units import UNIT_SYNONYMS


@dataclass
class PageContext:
    """A page: its document, its normalised (unwrapped) text, the period a figure without one of
    its own has, the page's year, the place its title names and the part-year period it covers."""

    doc: Document
    nt: NormText
    default_period: str | None
    page_year: int | None
    title_place: str | None
    page_spec: PeriodSpec | None = None
    rank: int | None = None  # the area the page is about (areas.page_rank), once asked
    county: bool | None = None  # whether the page is a county's (areas), once asked
    review: bool = False  # a review part of a work report (transform/facts/review.py)

    def fact(self, clause: str, indicator: str, value: float | None, unit: str | None, vn: float | None,
             un: str | None, measure: str, period: str | None, scope: str | None, start: int, end: int) -> Fact:
        """A Fact of this page; a unit synonym (东谈主, transform/units.py) is normalised to its unit."""
        if un in UNIT_SYNONYMS:
            un = UNIT_SYNONYMS[un]
        kind = {"share_pct": "share", "ratio": "ratio"}.get(measure)
        return Fact(clause=clause, indicator=indicator,
                    indicator_id=map_indicator(indicator, un if measure == "level" else None, kind),
                    value=value, unit=unit, value_normalized=vn, unit_normalized=un, measure=measure,
                    period=period, publication=self.doc.title, published=self.doc.published, scope=scope,
                    start=start, end=end)
