"""Facts of a plan document: the actuals its review parts report (transform/parts.py).

A work report opens with what happened: the review of the past year (period: the plan year − 1)
and of the past five years (2021/2025). Analysts use the next year's report as a source of
actuals (2021's report says what 2020 achieved), so each review part is read as a statistics
text of its own period: the facts extractor runs over the part with the part's period as the
default (a clause that names its own period, 年末 or 2023年, keeps it), and the facts keep the
page's title as their publication and their offsets in the whole text. Nothing is read from the
forward-looking parts (targets), the greeting or the notes.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from plangap.transform.facts.extract import extract_facts
from plangap.transform.indicators.dictionary import map_indicator
from plangap.transform.parts import Part, review
from plangap.transform.parts_page import PlanPageParts
from plangap.transform.records import Document, Fact
from plangap.transform.tables.targets import table_rows
from plangap.transform.targets.patterns import ROW_DECLINE_WORDS, ROW_RATE_WORDS
from plangap.transform.targets.values import normalized
from plangap.transform.text.normalize import normalize
from plangap.transform.units import UNIT, kind_of

#: the number of an outcome cell with its unit, if written (6.1, 212.4亿元, 6420人)
_CELL_NUMBER = re.compile(r"(-?\d+(?:\.\d+)?)\s*(" + UNIT.pattern + r")?")
#: a level reached, right before its number (达到71.5%): the level at the end of the period
_REACHED = re.compile(r"(?:达到|达|突破|超过|提高到|提高至|提升到|提升至|增至|增加到|增加至|升至|降至|降到|跃升至|跃居)"
                      r"(?:每[^\d]{0,3})?(?=\d)")
#: a growth said inside an outcome cell (8000亿元，增长4.2%), after its level
_CELL_GROWTH = re.compile(r"\s*[,，、；;]?\s*(?:比上年|同比)?(?:增长|下降|增速|降低)")
_CELL_GROWTH_BEFORE = re.compile(r"(?:增长|下降|增速|降低)\s*$")
_CELL_DECLINE_BEFORE = re.compile(r"(?:下降|降低)\s*$")
#: the head of a plan document (a work report, an annual plan's execution report)
_PLAN_HEAD = re.compile(r"政府工作报告|工作报告|计划执行情况|计划草案")


def is_plan_document(doc: Document) -> bool:
    """A work report or a plan's execution report, by its title, 信息名称 or the head of its text
    (used where no registry says what a page is: `plangap eval`)."""
    head = " ".join(filter(None, [doc.title, doc.meta.get("信息名称"), doc.text[:600]]))
    return bool(_PLAN_HEAD.search(normalize(head).text))


def review_facts(doc: Document, page: PlanPageParts | None = None) -> list[Fact]:
    """The facts of the review parts of plan document `doc`, in reading order. `page`: the page's
    parts when the page reader split it (transform/parts_page.py). The parts, and so the periods
    of the facts, are those of the page's plan year (`PlanPageParts.plan_year`: the year its
    text names), the year the target reader reads it at; not Document.year, which may be the
    reviewed year a title names."""
    if not doc.text:
        return []
    out: list[Fact] = []
    for start, end, period in _review_runs(PlanPageParts.of(doc, page).parts):
        one_year = period is not None and period.isdigit()
        # a five-year review is read from the report's year (五年来 = the five years before it);
        # its figures without a period of their own are of the whole period
        year = None
        if period is not None:
            year = int(period) if one_year else int(period[-4:]) + 1
        sub = Document(text=doc.text[start:end], url=doc.url, year=year, published=doc.published,
                       encoding=doc.encoding)
        for f in extract_facts(sub, period_hint=period if one_year else None, review=True):
            own = _own_period(f, period) if f.period in (None, period) else f.period
            out.append(replace(f, publication=doc.title, period=own, start=f.start + start, end=f.end + start))
    table = execution_facts(doc)
    # a row of an execution table is read as a table row (its outcome cell), not again as prose
    out = [f for f in out if not any(f.start < t.end and t.start < f.end for t in table)] + table
    out.sort(key=lambda f: (f.start, f.end))
    return out


def _own_period(f: Fact, period: str | None) -> str | None:
    """The period of a review figure that names none: in a five-year review a level reached
    (达到71.5%, 突破300万户, 提高到4.6个) is the one at the period's end; anything else (建成437个,
    年均增长5.8%, 累计新增) is of the whole period."""
    if period is None or period.isdigit() or "/" not in period:
        return period
    if f.measure in ("level", "share_pct", "ratio", "per_mille") and _REACHED.search(f.clause):
        return period.split("/")[-1]
    return period


def _review_runs(parts: Sequence[Part]) -> list[tuple[int, int, str | None]]:
    """(start, end, period) of the runs of review parts of one period (sub-sections merged)."""
    runs: list[tuple[int, int, str | None]] = []
    for p in parts:
        if not review(p.role):
            continue
        if runs and runs[-1][1] == p.start and runs[-1][2] == p.period:
            runs[-1] = (runs[-1][0], p.end, p.period)
        else:
            runs.append((p.start, p.end, p.period))
    return runs



def execution_facts(doc: Document) -> list[Fact]:
    """The outcome cells of plan-execution tables (指标 | 计划 | 完成, under 2025年…完成情况) as facts
    of the table's year: the other side of the target cell (transform/targets/table_cells.py), so
    that the gap model pairs them by indicator and year. A growth row (…增长) gives a growth; a
    cell with a level and its growth (8000亿元，增长4.2%) gives both."""
    nt = normalize(doc.text, join_wraps=True)
    out: list[Fact] = []
    for row in table_rows(nt.text):
        if not row.review or row.year is None or not row.done_text:
            continue
        for m in _CELL_NUMBER.finditer(row.done_text):
            out.append(_cell_fact(doc, nt, row, m))
            if not _CELL_GROWTH.search(row.done_text, m.end()):
                break  # one figure, unless the cell goes on with a growth
    return out


def _cell_fact(doc: Document, nt, row, m: re.Match) -> Fact:
    """One figure of an outcome cell: a level (its unit, else the row's), or the growth the cell
    or the row names (增长4.2%)."""
    value = float(m.group(1))
    said_growth = bool(_CELL_GROWTH_BEFORE.search(row.done_text[:m.start()]))
    unit = m.group(2) or ("%" if said_growth else row.unit)
    growth = said_growth or (not m.group(2) and bool(ROW_RATE_WORDS.search(row.indicator)))
    kind = kind_of(unit, row.indicator, growth)
    vn, un = normalized(value, unit)
    decline = ROW_DECLINE_WORDS.search(row.indicator) or _CELL_DECLINE_BEFORE.search(row.done_text[:m.start()])
    if growth and decline and vn is not None:
        vn = -vn
    st, en = nt.original_span(row.indicator_start, row.done_start + m.end())
    return Fact(
        clause=doc.text[st:en], indicator=row.indicator, indicator_id=map_indicator(row.indicator, un, kind),
        value=value, unit=unit, value_normalized=vn, unit_normalized=un,
        measure="growth_pct" if growth and un == "%" else "level", period=str(row.year),
        publication=doc.title, published=doc.published, start=st, end=en)
