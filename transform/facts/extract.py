"""The statistics fact extractor: figures a publication reports (docs/labelling.md, "Facts").

`extract_facts(doc, period_hint)` reads the body sentence by sentence. A sentence is cut at
commas into segments; a segment whose words before its first number name something
(`一般公共预算收入616.6亿元`) opens a clause, a segment that starts with a verb or a
comparison (`比上年增长4.5%`, `占地区生产总值的65.3%`) continues the open clause, so a level
and its growth share one clause and one indicator. Tables are read cell by cell
(transform/tables/facts.py). Matching runs on the normalised text (transform/text/normalize.py)
and every clause is reported as the exact span of Document.text it came from.

The room: extract.py finds the page's period and year and reads tables and sentences;
context.py holds the page being read; cells.py reads table cells; clauses.py reads sentences
into clauses (segments.py cuts them, tokens.py finds the numbers, filters.py drops those that
are no reported figures, measures.py gives each its measure and period, areas.py tells whose
figure it is); periods.py reads periods; patterns.py holds every pattern.
"""
from __future__ import annotations

from plangap.transform.facts.areas import title_place
from plangap.transform.facts.cells import cell_facts
from plangap.transform.facts.clauses import sentence_facts
from plangap.transform.facts.context import PageContext
from plangap.transform.facts.periods import (
    PeriodSpec,
    body_year,
    find_periods,
    heading_period,
    title_period,
    yearbook_year,
)
from plangap.transform.records import Document, Fact
from plangap.transform.tables.facts import CUMUL_MARK, MONTH_MARK, CellFact, html_table_facts, text_table_facts
from plangap.transform.text.normalize import normalize
from plangap.transform.text.unwrap import unwrap_prose


def extract_facts(doc: Document, period_hint: str | None = None, review: bool = False) -> list[Fact]:
    """The figures `doc` reports, in reading order (see docs/labelling.md). `review`: `doc` is the
    review part of a work report (transform/facts/review.py)."""
    nt = normalize(doc.text)
    default_period, page_year = title_period(doc.title, period_hint)
    if page_year is None and doc.year:
        page_year = doc.year
    cells, table_spans = html_table_facts(doc)
    if not doc.tables:
        more, spans = text_table_facts(doc.text, table_spans)
        cells += more
        table_spans += spans
    if page_year is None and default_period is None:
        # a yearbook page (统计年鉴—2022): the data year of its tables, else the year before the book's
        page_year = yearbook_year(normalize(doc.title or "").text, _table_years(cells))
        if page_year is not None:
            default_period = str(page_year)
    if page_year is None:  # a news item about a bulletin: the year of the bulletin it names
        page_year, annual = body_year(nt.text)
        if default_period is None and annual and page_year:
            default_period = str(page_year)
    page_spec = _page_spec(doc.title, page_year)
    if page_spec is None and (default_period is None or default_period == str(page_year)):
        # a monthly report titled 统计月报: the period of its heading (2022年1-11月主要经济指标)
        head = heading_period(nt.text)
        if head is not None and (page_year is None or head.year == page_year):
            page_spec, page_year = head, head.year
            default_period = head.resolve(page_year)
    page = PageContext(doc, unwrap_prose(nt, table_spans), default_period, page_year, title_place(doc.title),
                       page_spec, review=review)
    items: list[tuple[int, Fact]] = []
    for c in cells:
        items.extend((c.start, f) for f in cell_facts(page, c))
    items.extend(sentence_facts(page, table_spans))
    items.sort(key=lambda x: x[0])
    return [f for _, f in items]


def _table_years(cells: list[CellFact]) -> list[int]:
    """The years the tables' column headers and captions name (2021年, （2021年）)."""
    out: list[int] = []
    for c in cells:
        for t in (c.period_text, c.table_period):
            if t and t not in (MONTH_MARK, CUMUL_MARK):
                out.extend(p.year for p in find_periods(normalize(t).text) if p.year)
    return out


def _page_spec(title: str | None, year: int | None) -> PeriodSpec | None:
    """The part-year period (1-11月, 11月) the title names, if any."""
    if not title:
        return None
    specs = [p for p in find_periods(normalize(title).text) if p.kind in ("range", "month") and not p.multi_year]
    return specs[0] if specs else None
