"""A data table of an HTML page as a grid: spans expanded, title rows, header rows merged.

Statistics and plan pages draw their tables with `rowspan` and `colspan`: a region or indicator
cell spanning its sub-rows, a year spanning its 绝对值 and 增长 columns, a title row spanning
the whole width (`2025年主要指标（单位：亿元）`). The grid repeats a spanned cell in every slot it
covers, so each row reads on its own; the title rows above the header become the table's caption
(and its `单位：` unit), and the header rows are merged column by column (`2025年 增长%`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_UNIT = re.compile(r"单位\s*[:：]\s*([^\s|,，;；)）]{1,8})")
_NUMBER = re.compile(r"\d")
_YEARISH = re.compile(r"^(?:19|20)\d\d年?")
_MAX_SPAN = 100  # a span beyond this is a page's mistake, not a table's


@dataclass
class Grid:
    """The table's caption (title rows), unit, merged header and body rows, as cell texts."""

    caption: str | None
    unit: str | None
    header: list[str]
    rows: list[list[str]]


def _span(cell, name: str) -> int:
    try:
        return max(1, min(_MAX_SPAN, int(cell.get(name, "1") or 1)))
    except ValueError:
        return 1


def _take_carried(carried: dict[int, tuple[str, int]], row: list[str]) -> None:
    """Append to `row` the cells that spans from rows above cover at its next columns."""
    col = len(row)
    while col in carried:
        text, left = carried[col]
        row.append(text)
        if left <= 1:
            del carried[col]
        else:
            carried[col] = (text, left - 1)
        col += 1


def expand(table, clean) -> list[tuple[list[str], bool]]:
    """The rows of `table` with every spanned cell repeated in the slots it covers, and whether
    the row is all header cells (th)."""
    out: list[tuple[list[str], bool]] = []
    carried: dict[int, tuple[str, int]] = {}  # column -> (text, rows still covered below)
    for tr in table.iter("tr"):
        cells = [c for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")]
        row: list[str] = []
        for c in cells:
            _take_carried(carried, row)
            text = clean(c.text_content())
            down = _span(c, "rowspan")
            for _ in range(_span(c, "colspan")):
                if down > 1:
                    carried[len(row)] = (text, down - 1)
                row.append(text)
        _take_carried(carried, row)
        if any(row):
            out.append((row, bool(cells) and all(c.tag == "th" for c in cells)))
    return out


def _is_title(row: list[str]) -> bool:
    """A row with one text across the table (a title or a `单位：` row)."""
    filled = [c for c in row if c]
    return len(set(filled)) == 1 and (len(filled) == len(row) or bool(_UNIT.search(filled[0])))


def _numeric_cells(row: list[str]) -> bool:
    return any(_NUMBER.search(c) and not _YEARISH.match(c) for c in row[1:])


def _looks_like_header(cells: list[str]) -> bool:
    return bool(cells) and not any(_NUMBER.search(c) for c in cells[1:]) and "指标" in cells[0]


def grid(table, clean) -> Grid:
    """The grid of an HTML data table (see the module doc)."""
    rows = expand(table, clean)
    titles: list[str] = []
    while len(rows) > 1 and _is_title(rows[0][0]):
        titles.append(next(c for c in rows.pop(0)[0] if c))
    header_rows: list[list[str]] = []
    if rows and (rows[0][1] or _looks_like_header(rows[0][0])):
        header_rows.append(rows.pop(0)[0])
        spanned = len(set(header_rows[0])) < len(header_rows[0])
        while rows and (rows[0][1] or (spanned and not _numeric_cells(rows[0][0]))):
            header_rows.append(rows.pop(0)[0])
    width = max((len(r) for r in header_rows), default=0)
    header = []
    for i in range(width):
        words: list[str] = []
        for r in header_rows:
            if i < len(r) and r[i] and r[i] not in words:
                words.append(r[i])
        header.append(" ".join(words))
    caption = " ".join(titles) or None
    unit_m = _UNIT.search(caption or "")
    return Grid(caption=caption, unit=unit_m.group(1) if unit_m else None, header=header,
                rows=[r for r, _ in rows])
