"""Targets stated in a table: a header row with an indicator column (指标, 项目) and a target
column (目标, 预期, 计划), rendered as text lines of cells joined by `|` (HTML tables become such
lines in Document.text; text files carry them as written). Works on normalised text.

A table of last year's plan against its outcome (指标 | 计划 | 完成, or a caption ending in
完成情况 / 执行情况) is a plan-execution table: its rows are returned with `review=True`, the
year of the table (its caption's or its target column's), and the outcome cell (`done_text`), so
that the target cell is a target of that year and the outcome cell a fact of it (the one document
that pairs both sides); a table of outcomes only has no target cell (`has_target=False`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from plangap.transform.units import UNIT

_IND_HEAD = re.compile(r"指标|项目|名称|内容")
_TARGET_HEAD = re.compile(r"目标|预期|计划")
_UNIT_HEAD = re.compile(r"^单位$|计量单位")
_HEAD_UNIT = re.compile(r"[(（]([^()（）]{1,6})[)）]")
_YEAR = re.compile(r"((?:19|20)\d\d)")
_CELL_UNIT = re.compile(r"[(（]([^()（）]{1,8})[)）]$")
#: a column of outcomes (完成, 实际完成, 执行数); after the target column it makes the table a review
_DONE_HEAD = re.compile(r"完成(?!时限|时间|期限|节点|单位)|实际(?!单位)|执行(?:数|值|情况)|实绩")
#: a caption naming a review of a plan (2024年主要指标完成情况)
_REVIEW_CAPTION = re.compile(r"(?:完成|执行|实施)情况(?:表)?$")


@dataclass(frozen=True)
class TableRow:
    line_start: int
    indicator: str
    indicator_start: int
    value_text: str
    value_start: int
    unit: str | None
    header_text: str
    year: int | None
    review: bool = False
    done_text: str | None = None  # the outcome cell of a plan-execution table
    done_start: int = -1
    has_target: bool = True


def _cells(line: str, start: int) -> list[tuple[int, str]]:
    out, pos = [], 0
    for part in line.split("|"):
        lead = len(part) - len(part.lstrip())
        out.append((start + pos + lead, part.strip()))
        pos += len(part) + 1
    return out


_YEAR_HEAD = re.compile(r"^((?:19|20)\d\d)\s*年?(?:末|底)?(?:目标|预期|目标值|预期值)?$")


def table_rows(text: str, period: tuple[int, int] | None = None) -> list[TableRow]:
    """The body rows of target tables, with the cell that states the target. In a multi-year plan
    (`period`: first and last year) a column headed by a year of the plan period (`2025年`) is a
    target column too (指标 | 2020年 | 2025年)."""
    rows: list[TableRow] = []
    header: tuple | None = None  # (ind, target, unit col, head unit, text, year, review, done col, has target)
    pos = 0
    captions: list[str] = []  # the last lines without cells before a table
    for line in text.split("\n"):
        start = pos
        pos += len(line) + 1
        if "|" not in line:
            header = None
            if line.strip():
                captions = (captions + [line.strip()])[-2:]
            continue
        cells = _cells(line, start)
        texts = [c for _, c in cells]
        ind_col = next((i for i, c in enumerate(texts) if _IND_HEAD.search(c) and not re.search(r"\d", c)), None)
        tgt_cols = [i for i, c in enumerate(texts) if _TARGET_HEAD.search(c)]
        if not tgt_cols and period:
            tgt_cols = [i for i, c in enumerate(texts)
                        if (ym := _YEAR_HEAD.match(c)) and period[0] <= int(ym.group(1)) <= period[1] + 15]
        if ind_col is not None and not tgt_cols and any(_DONE_HEAD.search(c) for c in texts[ind_col + 1:]) \
                and not any(re.search(r"\d+(?:\.\d+)?\s*%", c) for c in texts):
            done = next(i for i, c in enumerate(texts) if i > ind_col and _DONE_HEAD.search(c))
            unit_col = next((i for i, c in enumerate(texts) if _UNIT_HEAD.search(c)), None)
            header = (ind_col, done, unit_col, None, " ".join(texts), _caption_year(captions), True, done,
                      False)  # outcomes only
            captions = []
            continue
        if ind_col is not None and tgt_cols and not any(re.search(r"\d+(?:\.\d+)?\s*%", c) for c in texts):
            tgt = tgt_cols[-1]
            review = any(_DONE_HEAD.search(c) for c in texts[tgt + 1:]) \
                or any(_REVIEW_CAPTION.search(c) for c in captions)
            unit_col = next((i for i, c in enumerate(texts) if _UNIT_HEAD.search(c)), None)
            hu = _HEAD_UNIT.search(texts[tgt])
            ym = _YEAR.search(texts[tgt])
            done_col = next((i for i, c in enumerate(texts) if i > tgt and _DONE_HEAD.search(c)), None)
            year = int(ym.group(1)) if ym else (_caption_year(captions) if review else None)
            header = (ind_col, tgt, unit_col, hu.group(1) if hu else None, " ".join(texts), year, review,
                      done_col, True)
            captions = []
            continue
        if header is None:
            continue
        ind_col, tgt, unit_col, head_unit, head_text, year, review, done_col, has_target = header
        if max(ind_col, tgt) >= len(cells):
            continue
        ind_start, indicator = cells[ind_col]
        val_start, value = cells[tgt]
        if not indicator or not value:
            continue
        unit = head_unit
        cu = _CELL_UNIT.search(indicator)
        if cu and UNIT.fullmatch(cu.group(1)):  # 研发经费投入强度(%)
            indicator, unit = indicator[:cu.start()].rstrip(), cu.group(1)
        if unit_col is not None and unit_col < len(cells) and cells[unit_col][1]:
            unit = cells[unit_col][1]
        done_start, done_text = cells[done_col] if done_col is not None and done_col < len(cells) else (-1, None)
        rows.append(TableRow(start, indicator, ind_start, value, val_start, unit, head_text, year, review,
                             done_text or None, done_start, has_target))
    return rows


def _caption_year(captions: list[str]) -> int | None:
    """The year a table's caption names (2025年主要指标完成情况), the last caption first."""
    for c in reversed(captions):
        m = _YEAR.search(c)
        if m:
            return int(m.group(1))
    return None
