"""Targets of table rows (transform/tables/targets.py finds the rows): the indicator cell and
the target cell, with a number or, without one, 保持正增长 or a commitment. The target cell of a
plan-execution table (指标 | 计划 | 完成) is a target of the table's year (2025年…完成情况)."""
from __future__ import annotations

from typing import Any

from plangap.transform.numbers import clean_float
from plangap.transform.records import Target
from plangap.transform.sections import SectionIndex
from plangap.transform.tables.targets import TableRow, table_rows
from plangap.transform.targets.mentions import bare_cell, mentions
from plangap.transform.targets.patterns import (
    CELL_DECLINE,
    CELL_RATE_BEFORE,
    CELL_SIGN,
    COMMITMENT,
    MODAL,
    POSITIVE_GROWTH,
    PRE_COMPARATOR,
    ROW_DECLINE_WORDS,
    ROW_RATE_WORDS,
)
from plangap.transform.targets.values import clean_value, comparator_of, indicator_id, normalized
from plangap.transform.text.normalize import NormText
from plangap.transform.units import kind_of


def table_targets(nt: NormText, text: str, plan: int | None, sections: SectionIndex,
                   period: tuple[int, int] | None = None) -> list[Target]:
    """Targets of table rows: the indicator cell and the target cell (transform/tables/targets.py)."""
    out: list[Target] = []
    for row in table_rows(text, period):
        if row.review and (not row.has_target or row.year is None):
            continue  # outcomes only, or a plan-execution table of no known year
        cell = row.value_text
        ms = mentions(cell, cell, 0) or bare_cell(cell)
        if not ms:
            out.extend(_table_special(nt, row, plan, sections))
            continue
        m = ms[-1]
        unit = m.unit or row.unit
        said = CELL_RATE_BEFORE.search(cell[:m.start])  # 增长6%左右, 下降3% in the cell itself
        is_rate = bool(ROW_RATE_WORDS.search(row.indicator + row.header_text)) or (said is not None and unit == "%")
        decline = bool(ROW_DECLINE_WORDS.search(row.indicator)) or bool(said and CELL_DECLINE.match(said.group(0)))
        kind = kind_of(unit, row.indicator, is_rate)
        vn, un = normalized(m.value, unit)
        if decline and kind == "rate" and vn is not None:
            vn = clean_float(-vn)
        pc = PRE_COMPARATOR.search(cell[:m.start]) or CELL_SIGN.search(cell[:m.start])
        precomp = pc.group(1) if pc else None
        mods = [x for x in (precomp, m.mod) if x]
        st, en = nt.original_span(row.indicator_start, row.value_start + m.end)
        out.append(Target(
            clause=nt.original[st:en], indicator=row.indicator,
            indicator_id=indicator_id(row.indicator, un, kind), value=clean_value(m.value),
            value_max=clean_value(m.value_max), unit=unit, value_normalized=vn, unit_normalized=un,
            comparator=comparator_of(m, precomp), modifier=",".join(mods) or None, kind=kind,
            section=sections.path_at(row.line_start), year=row.year or plan, start=st, end=en,
        ))
    return out


def _table_special(nt: NormText, row: TableRow, plan: int | None, sections: SectionIndex) -> list[Target]:
    """A target cell without a number: 保持正增长 (value 0, `>`) or a commitment (建成通车)."""
    cell = row.value_text
    g = POSITIVE_GROWTH.search(cell)
    c = None if g else COMMITMENT.search(cell)
    m = g or c
    if not m:
        return []
    modal = None
    for mm in MODAL.finditer(cell[:m.start()]):
        modal = mm.group(0)
    st, en = nt.original_span(row.indicator_start, row.value_start + m.end())
    common: dict[str, Any] = dict(clause=nt.original[st:en], indicator=row.indicator, value_max=None, modifier=modal,
                  section=sections.path_at(row.line_start), year=row.year or plan, start=st, end=en)
    if g:
        return [Target(indicator_id=indicator_id(row.indicator, "%", "rate"), value=0.0, unit="%",
                       value_normalized=0.0, unit_normalized="%", comparator=">", kind="rate", **common)]
    return [Target(indicator_id=None, value=None, unit=None, value_normalized=None, unit_normalized=None,
                   comparator=None, kind="commitment", **common)]
