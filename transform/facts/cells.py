"""Facts of table cells (transform/tables/facts.py reads the tables): the period of a cell from its
row, its column, the table's caption, or the monthly report's 本月 / 累计 columns."""
from __future__ import annotations

from plangap.transform.facts.context import PageContext
from plangap.transform.facts.patterns import YEAR_END_ROW, YEAR_ONLY
from plangap.transform.facts.periods import PeriodSpec, find_periods
from plangap.transform.numbers import normalize_quantity
from plangap.transform.records import Fact
from plangap.transform.tables.facts import CUMUL_MARK, MONTH_MARK, CellFact
from plangap.transform.text.normalize import normalize


def _mark_period(page: PageContext, mark: str) -> str | None:
    """本月 / 累计 columns of a monthly report: the page's month, the year to its month."""
    spec = page.page_spec
    year = (spec.year if spec else None) or page.page_year
    if spec is None or year is None:
        return page.default_period
    if mark == MONTH_MARK:
        return f"{year}-{spec.end_month:02d}"
    return PeriodSpec("range", 1, spec.end_month, year).resolve(year)


def cell_facts(page: PageContext, c: CellFact) -> list[Fact]:
    period = page.default_period
    row_specs = find_periods(normalize(c.row_period).text) if c.row_period else []
    if row_specs:
        period = row_specs[0].resolve(page.page_year) or period
    elif c.period_text in (MONTH_MARK, CUMUL_MARK):
        period = _mark_period(page, c.period_text)
    elif c.period_text:
        specs = find_periods(normalize(c.period_text).text)
        if specs:
            period = specs[0].resolve(page.page_year) or period
    elif c.table_period:
        specs = find_periods(normalize(c.table_period).text)
        if specs:
            period = specs[0].resolve(page.page_year) or period
    elif c.measure != "level":
        period = _row_level_period(page, c) or period
    if period and YEAR_ONLY.fullmatch(period) and YEAR_END_ROW.search(c.indicator):
        period += "-12-31"  # 年末生猪存栏 | 2021年: the stock at the end of the year
    clause = page.doc.text[c.start:c.end]
    value = c.value
    unit = c.unit
    measure = c.measure
    vn: float | None
    un: str | None
    if measure == "growth_pct" or measure == "share_pct":
        vn, un, unit = value, "%", "%"
    elif unit == "‰":
        measure, vn, un = "per_mille", value, "‰"
    else:
        vn, un = normalize_quantity(value, unit)
    return [page.fact(clause, c.indicator, value, unit, vn, un, measure, period, c.scope, c.start, c.end)]


def _row_level_period(page: PageContext, c: CellFact) -> str | None:
    for t in page.doc.tables:
        for h in t.header:
            specs = find_periods(normalize(h).text)
            if specs:
                return specs[0].resolve(page.page_year)
    return None
