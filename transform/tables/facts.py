"""Facts from tables: HTML tables (Document.tables), `a | b | c` lines of text pages, and
tables flattened to one cell per line (`指 标 |`, `单位 |`, `2021年 |`, `地区生产总值 |`, ...).

All three layouts go through the same column and row logic (`_Layout`, `_row_facts`): every
numeric cell is a fact with the row's indicator and the column's period and measure; a `单位` /
`计量单位` column gives the unit of the row's level cells; cells `—` are not facts but still hold
their column. The clause of a cell is its row (both facts of a row share it): the row line of
HTML and pipe tables, the row's label line through its last cell for one-cell-per-line tables.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from plangap.transform.facts.periods import find_periods
from plangap.transform.records import Document
from plangap.transform.tables.regions import column_indicators, is_region_table, scope_of
from plangap.transform.tables.sub_rows import is_sub_row, sub_label
from plangap.transform.text.normalize import normalize
from plangap.transform.units import MULTIPLIERS

_NUMERIC = re.compile(r"^-?\d+(?:,\d{3})*(?:\.\d+)?$")
#: a cell that holds only a unit (万元, 单位:亿元); 百万/百亿 are not read in such a cell
_UNIT_CELL = re.compile(r"^(?:单位[:]?)?(?:" + "|".join(w for w, _ in MULTIPLIERS if w[0] != "百") + r")?(?:元|美元|人|户|个|家|吨|公斤|头|只|%|千瓦时|千瓦|公顷|亩|平方米|件|辆|台|人次|万人次)$")
_ROW_NAME_MARK = re.compile(r"\s*(?:[#＃]\s*)?")
_PAREN_UNIT = re.compile(r"[(（]\s*([^()（）]{1,8}?)\s*[)）]")
_TABLE_UNIT = re.compile(r"单位[:]\s*([^\s|,]{1,6})")
_GROWTH_COL = re.compile(r"增长|增速|增幅|比上年|同比|±")
_SHARE_COL = re.compile(r"比重|占")
# a column of how far a target or plan is done (完成年度目标进度(%), 占年度计划(%), 年度目标完成率)
# or of the target itself (年度目标, 全年计划): its cells are no figures that happened
_PLAN_COL = re.compile(r"目标|计划|预算数|预期(?:值|数)|任务")
_RANK_COL = re.compile(r"位次|排名|名次|排序")
_HEAD_START = re.compile(r"^(?:指标|项目|指标名称)$")
_CJK = re.compile(r"[\u3400-\u9fff]")
# columns of a monthly report: the single month (本月, 当月) and the year to date (累计, 1-N月)
_MONTH_COL = re.compile(r"^(?:本月|当月)")
_CUMUL_COL = re.compile(r"^(?:本年)?累计|^自年初累计")
# a markdown rule under a pipe table's header: ---|---|---
_RULE_LINE = re.compile(r"^[\s|:\-—–=+]+$")
# a row that reports a stock at the end of the period (存款余额, 年末常住人口)
_STOCK_ROW = re.compile(r"余额|末")

#: the measure of a column of targets or of their completion: its cells are skipped
PLAN = "plan"

#: period markers of CellFact.period_text that the page's month resolves (facts.py)
MONTH_MARK, CUMUL_MARK = "@month", "@ytd"


@dataclass
class CellFact:
    start: int  # clause span in the original text
    end: int
    indicator: str
    value: float
    unit: str | None
    measure: str
    period_text: str | None  # the column header's period expression, MONTH_MARK / CUMUL_MARK, or None
    header: str
    row_period: str | None = None  # a period the row label names (地区生产总值(前三季度))
    table_period: str | None = None  # the table's period (caption `（2021年）`, its year column) for columns naming none
    scope: str | None = None  # the place a row of a table of places names (transform/tables/regions.py)
    col: int = -1  # the cell's column


def _norm(cell: str) -> str:
    return normalize(cell).text.strip().strip("|").strip()


def _column(header: str) -> tuple[str, str | None, str | None]:
    """(measure, unit, period text) of a value column from its header cell."""
    h = _norm(header)
    unit = None
    pm = _PAREN_UNIT.search(h)
    if pm:
        unit = pm.group(1)
    elif h.endswith("%"):
        unit = "%"
    mark = MONTH_MARK if _MONTH_COL.match(h) else CUMUL_MARK if _CUMUL_COL.match(h) else None
    if _PLAN_COL.search(h) or _RANK_COL.search(h):
        return PLAN, None, None  # targets, completion ratios and ranks are no figures that happened
    if _GROWTH_COL.search(h):
        return "growth_pct", "%", mark
    if _SHARE_COL.search(h):
        return "share_pct", "%", mark
    periods = [p for p in find_periods(h)]
    return "level", unit, (periods[0].text if periods else mark)


def _indicator(label: str) -> str:
    t = _norm(label)
    t = re.sub(r"^(?:其中|#)\s*[:]?\s*", "", t)
    t = re.sub(r"[(（][^()（）]*[)）]\s*$", "", t).strip()
    return t


_UNIT_HEAD = re.compile(r"^(?:计量)?单位$")
_EMPTY_CELL = re.compile(r"^(?:—+|-{1,2}|–|…+|\.{2,}|/|×|x)$")


def _is_unit_head(cell: str) -> bool:
    return bool(_UNIT_HEAD.match(_norm(cell).replace(" ", "")))


@dataclass
class _Layout:
    """The value columns of a table: header texts, (measure, unit, period) per column, the unit
    column if there is one, and the table's `单位:` unit."""
    header: list[str]
    cols: list[tuple[str, str | None, str | None]]
    unit_col: int | None
    table_unit: str | None = None
    period: str | None = None

    @classmethod
    def of(cls, header: list[str], table_unit: str | None = None, caption: str | None = None) -> _Layout:
        unit_col = next((i for i, h in enumerate(header) if _is_unit_head(h)), None)
        cols = [_column(h) for h in header]
        return cls(list(header), cols, unit_col, table_unit, _table_period(cols, caption))


def _table_period(cols: list[tuple[str, str | None, str | None]], caption: str | None) -> str | None:
    """The period of a table's columns that name none (比上年增长 beside 2021年): the period its
    caption names in brackets (4-5 主要农业指标（2021年）), else the latest year of its level columns."""
    if caption:
        for m in _PAREN_UNIT.finditer(_norm(caption)):
            specs = [p for p in find_periods(m.group(1)) if not p.multi_year]
            if specs:
                return specs[0].text
    years = []
    for measure, _, period in cols:
        if measure == "level" and period and period not in (MONTH_MARK, CUMUL_MARK):
            specs = find_periods(_norm(period))
            if specs and specs[0].kind == "year" and specs[0].year:
                years.append((specs[0].year, specs[0].text))
    return max(years)[1] if years else None


def _row_period(raw_label: str) -> str | None:
    """The period a row label names in brackets (地区生产总值(前三季度)), as text."""
    for m in _PAREN_UNIT.finditer(_norm(raw_label)):
        specs = find_periods(m.group(1))
        if specs:
            return specs[0].text
    return None


def _row_facts(layout: _Layout, cells: list[str], start: int, end: int, label: str | None = None,
               row_unit: str | None = None) -> list[CellFact]:
    """The facts of one table row: cells[0] is the label, the rest line up with layout.cols."""
    row_period = _row_period(cells[0]) if cells else None
    label = label if label is not None else _indicator(cells[0]) if cells else ""
    if not label or not _CJK.search(label):
        return []
    if row_unit is None and layout.unit_col is not None and layout.unit_col < len(cells):
        row_unit = _norm(cells[layout.unit_col]).replace(" ", "") or None
        if row_unit and (_EMPTY_CELL.match(row_unit) or not _CJK.search(row_unit) and row_unit != "%"):
            row_unit = None
    out = []
    # which period columns of the row hold a level (a stock row with only 本月 filled)
    level_marks = {layout.cols[i][2] for i, cell in enumerate(cells[1:], start=1)
                   if i < len(layout.cols) and layout.cols[i][0] == "level" and i != layout.unit_col
                   and _NUMERIC.match(_norm(cell))}
    for i, cell in enumerate(cells[1:], start=1):
        if i == layout.unit_col:
            continue
        c = _norm(cell)
        if not _NUMERIC.match(c):
            continue
        measure, unit, period = layout.cols[i] if i < len(layout.cols) else ("level", None, None)
        if measure == PLAN:
            continue  # 完成年度目标进度(%) | 31.6: a completion ratio, not a figure
        if measure == "level":
            unit = unit or row_unit or layout.table_unit
        elif (period == CUMUL_MARK and level_marks == {MONTH_MARK} and _STOCK_ROW.search(label)):
            period = MONTH_MARK  # 存款余额 | 4926.38 | — | 9.8: the growth of the month-end stock
        out.append(CellFact(start, end, label, float(c.replace(",", "")), unit, measure, period,
                            layout.header[i] if i < len(layout.header) else "", row_period, layout.period, col=i))
    return out


def _rows_facts(layout: _Layout, rows: list[tuple[int, int, list[str]]]) -> list[CellFact]:
    """Facts of a table's rows; a sub-row (indented, `#`, `其中`) is named within its parent row."""
    facts: list[CellFact] = []
    parent = None
    places = is_region_table(layout.header, [cells[0] for _, _, cells in rows if cells])
    named = column_indicators(layout.header) if places else []
    for rs, re_, cells in rows:
        if not cells:
            continue
        label = _indicator(cells[0])
        if is_sub_row(cells[0]):
            label = sub_label(label, parent)
        else:
            parent = label
        found = _row_facts(layout, cells, rs, re_, label)
        if places:  # 东岭县 | 612.3: the column's indicator, for the row's place
            found = [replace(f, scope=scope_of(cells[0]),
                             indicator=(named[f.col] if 0 <= f.col < len(named) else "") or f.indicator)
                     for f in found]
        facts.extend(found)
    return facts


def html_table_facts(doc: Document) -> tuple[list[CellFact], list[tuple[int, int]]]:
    facts: list[CellFact] = []
    spans: list[tuple[int, int]] = []
    for table in doc.tables:
        if table.header_span:
            spans.append(table.header_span)
        spans.extend(table.row_spans)
        layout = _Layout.of(table.header or [], table.unit, table.caption)
        facts.extend(_rows_facts(layout, [(rs, re_, row) for row, (rs, re_) in zip(table.rows, table.row_spans)]))
    return facts, spans


def _split_cells(line: str) -> list[str]:
    return [c.strip() for c in line.split("|")]


def text_table_facts(text: str, skip: list[tuple[int, int]]) -> tuple[list[CellFact], list[tuple[int, int]]]:
    """Pipe-line tables and one-cell-per-line tables of a text body."""
    facts: list[CellFact] = []
    spans: list[tuple[int, int]] = []
    lines: list[tuple[int, int, str]] = []
    pos = 0
    for raw in text.split("\n"):
        lines.append((pos, pos + len(raw), raw))
        pos += len(raw) + 1
    in_skip = lambda s: any(a <= s < b for a, b in skip)  # noqa: E731
    i = 0
    while i < len(lines):
        s, e, raw = lines[i]
        if in_skip(s):
            i += 1
            continue
        # `| a | b |` lines: the outer pipes open and close the line when the rows have them too
        # (a header `| 绝对数 | 增长 |` over rows `名称 | 1 | 2 |` keeps its empty label cell)
        k = i + 1
        while k < len(lines) and _RULE_LINE.match(lines[k][2]) and lines[k][2].strip():
            k += 1
        edge = bool(re.match(r"^\s*\|", raw)) and k < len(lines) and bool(re.match(r"^\s*\|", lines[k][2]))
        strip = _edge_pipes if edge else (lambda r: (0, r))
        cells = _split_cells(strip(raw)[1])
        nonempty = [c for c in cells if c]
        # a pipe-line table: a header line of label cells, then rows `label | n | n`
        if (raw.count("|") >= 2 and len(nonempty) >= 2 and not any(_NUMERIC.match(_norm(c)) for c in nonempty[1:])
                and _CJK.search(raw)):
            j = i + 1
            header = cells
            while header and not header[-1]:
                header = header[:-1]
            rows = []
            if j < len(lines) and lines[j][2].count("|") >= 1 and _RULE_LINE.match(lines[j][2]):
                j += 1  # the markdown rule under the header
            while j < len(lines) and lines[j][2].count("|") >= 2:
                off, inner = strip(lines[j][2])
                rc = _split_cells(inner)
                if not any(_NUMERIC.match(_norm(c)) for c in rc[1:]):
                    break
                lead = off + (m.end() if (m := _ROW_NAME_MARK.match(inner)) else 0)  # the clause starts at the name
                rows.append((lines[j][0] + lead, lines[j][0] + off + len(inner.rstrip()),
                             [inner.split("|")[0].rstrip()] + rc[1:]))
                j += 1
            if rows:
                layout = _Layout.of(header, _table_unit(lines[max(0, i - 2):i + 1]), _caption(lines, i))
                facts.extend(_rows_facts(layout, rows))
                spans.append((s, rows[-1][1]))
                i = j
                continue
        if _HEAD_START.match(_norm(raw).replace(" ", "")):
            i = _cell_stream(lines, i, facts, spans)
            continue
        i += 1
    return facts, spans


def _edge_pipes(raw: str) -> tuple[int, str]:
    """(offset, text) of a pipe line without the pipes that open and close it (`| a | b |`)."""
    m = re.match(r"^\s*\| ?", raw)
    off = m.end() if m else 0
    inner = raw[off:]
    t = re.search(r"\|\s*$", inner)
    if m and t:
        inner = inner[:t.start()]
    return off, inner


def _table_unit(lines) -> str | None:
    for _, _, raw in lines:
        m = _TABLE_UNIT.search(_norm(raw))
        if m:
            return m.group(1)
    return None


def _cell_stream(lines, i: int, facts: list[CellFact], spans: list[tuple[int, int]]) -> int:
    """A table flattened to one cell per line, starting at its 指标/项目 line i: its facts go to
    `facts`, its span to `spans`; returns the line to go on from."""
    tunit = _table_unit(lines[max(0, i - 3):i + 1])
    found = _stream_cells(lines, i)
    if found is None:
        return i + 1
    cells, j, k = found
    header = [c for _, _, c in cells[:k] if c and _CJK.search(c)]
    layout = _Layout.of([_norm(lines[i][2])] + header, tunit, _caption(lines, i))
    stop, last_end = _stream_rows(layout, cells, k, i + 1, j, tunit, facts)
    spans.append((lines[i][0], last_end))
    return stop


def _stream_cells(lines, i: int) -> tuple[list[tuple[int, int, str]], int, int] | None:
    """The cells after the 指标 line i (up to a line of prose), the line after them, and the index of
    the first row label (the last CJK cell before the first number that is not a unit), or None."""
    j = i + 1
    # header cells: until the first row label (a line followed, before the next label, by a number)
    cells: list[tuple[int, int, str]] = []
    while j < len(lines):
        s, e, raw = lines[j]
        c = _norm(raw)
        if len(c) > 40 and _CJK.search(c):
            break
        cells.append((s, e, c))
        j += 1
    first_num = next((k for k, (_, _, c) in enumerate(cells) if _NUMERIC.match(c)), None)
    if first_num is None:
        return None
    k = first_num - 1
    while k >= 0 and (not cells[k][2] or not _CJK.search(cells[k][2]) or _UNIT_CELL.match(cells[k][2].replace(" ", ""))):
        k -= 1
    return None if k < 0 else (cells, j, k)


def _stream_rows(layout: _Layout, cells: list[tuple[int, int, str]], k: int, first_line: int, stop: int,
                 tunit: str | None, facts: list[CellFact]) -> tuple[int, int]:
    """Read cells[k:] (cells[0] on line `first_line`) row by row into `facts`; returns (the line to
    go on from, the end of the last cell read)."""
    # the value columns in reading order: every column but the label and the unit column
    value_slots = [n for n in range(1, len(layout.header)) if n != layout.unit_col]
    row: dict = {}
    prev_unit = None
    last_end = cells[k][1]
    for n, (s, e, c) in enumerate(cells[k:], start=k):
        if not c:
            continue
        cc = c.replace(" ", "")
        if _HEAD_START.match(cc):
            stop = first_line + n  # the 指标 line of the next table
            break
        if _NUMERIC.match(c) or _EMPTY_CELL.match(cc):
            if row:
                row["values"].append(c)  # a `—` cell holds its column
                row["end"] = e
                last_end = e
            continue
        if _UNIT_CELL.match(cc):
            if row:
                row["unit"] = re.sub(r"^单位[:]?", "", cc)
            continue
        if not _CJK.search(c):
            continue  # English glosses of bilingual tables
        if c.startswith("注") or len(c) > 30:
            break
        _flush_row(layout, value_slots, row, facts)
        pm = _PAREN_UNIT.search(c)
        own_unit = pm.group(1) if pm else None
        if own_unit:
            prev_unit = own_unit
        row = {"label": _indicator(c), "start": s, "end": e, "values": [],
               "unit": own_unit or (prev_unit if not tunit else None)}
    _flush_row(layout, value_slots, row, facts)
    return stop, last_end


def _flush_row(layout: _Layout, value_slots: list[int], row: dict, facts: list[CellFact]) -> None:
    """The facts of one row of a one-cell-per-line table, its values laid into their columns."""
    if not row or not row["values"]:
        return
    width = max(len(layout.header), (value_slots[-1] if value_slots else 0) + 1)
    extra = len(row["values"]) - len(value_slots)
    slots = value_slots + list(range(width, width + max(0, extra)))
    out = [""] * (max(slots) + 1 if slots else 1)
    for slot, v in zip(slots, row["values"]):
        out[slot] = v
    facts.extend(_row_facts(layout, out, row["start"], row["end"], row["label"], row_unit=row["unit"]))


def _caption(lines, i: int) -> str | None:
    """The caption line right above a table's first line (4-5 主要农业指标（2021年）)."""
    for _, _, raw in reversed(lines[max(0, i - 2):i]):
        c = _norm(raw)
        if c:
            return c if _CJK.search(c) and len(c) <= 40 else None
    return None
