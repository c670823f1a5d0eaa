"""What changed: between the previous report and this one (read from the gap_report Parquet file the
previous report left beside it), or within a month (the gap model as of the month's start and end).

A target is known by its region, year, indicator and clause, which stay the same when its plan page
is fetched again as a new version."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from plangap.publish.format import LABEL_ZH, actual_text, period_text

Key = tuple[Any, Any, Any, Any]
#: the columns of a previous report's row that diff and Change.text read (key, _figure, status, ...)
COMPARED = ("region", "year", "indicator", "target_clause", "actual_period", "actual_value_normalized",
            "actual_value", "status")


@dataclass(frozen=True)
class Change:
    kind: str  # new_figure | status | new_target | gone
    row: Mapping[str, Any]
    before: Mapping[str, Any] | None

    @property
    def text(self) -> str:
        """One line in Chinese: 常州市2021 地区生产总值：新数据 8.3%（2021年1–9月）；状态 无数据 → 达成."""
        r = self.row
        head = f"{r.get('region') or ''}{r.get('year') or ''} {r.get('indicator') or ''}"
        if self.kind == "new_target":
            return f"{head}：新目标（{LABEL_ZH[r['status']]}）"
        if self.kind == "gone":
            return f"{head}：目标不再出现在规划中"
        parts = []
        new_figure = self.kind == "new_figure" or _figure(r) != _figure(self.before or {})
        if new_figure and r.get("actual_value") is not None:
            parts.append(f"新数据 {actual_text(r)}（{period_text(r.get('actual_period'))}）")
        if self.before and self.before.get("status") != r["status"]:
            parts.append(f"状态 {LABEL_ZH[self.before['status']]} → {LABEL_ZH[r['status']]}")
        return f"{head}：{'；'.join(parts)}"


def key(row: Mapping[str, Any]) -> Key:
    return (row.get("region"), row.get("year"), row.get("indicator"), row.get("target_clause"))


def _figure(row: Mapping[str, Any]) -> tuple[Any, Any]:
    return (row.get("actual_period"), row.get("actual_value_normalized"))


def diff(before: Sequence[Mapping[str, Any]] | None, after: Sequence[Mapping[str, Any]]) -> list[Change]:
    """Changes from `before` to `after` (None: no previous report, nothing to compare)."""
    if before is None:
        return []
    old = {key(r): r for r in before}
    out: list[Change] = []
    for r in after:
        prev = old.pop(key(r), None)
        if prev is None:
            out.append(Change("new_target", r, None))
        elif _figure(prev) != _figure(r) and r.get("actual_value") is not None:
            out.append(Change("new_figure", r, prev))
        elif prev.get("status") != r["status"]:
            out.append(Change("status", r, prev))
    out.extend(Change("gone", r, None) for r in old.values())
    order = {"status": 0, "new_figure": 1, "new_target": 2, "gone": 3}
    return sorted(out, key=lambda c: order[c.kind])


def previous_rows(parquet: Path) -> list[dict[str, Any]] | None:
    """The rows of the previous report's gap_report export, None when there is none (or unreadable).

    Only the COMPARED columns are read (those of the file that it has): diff and Change.text read
    nothing else of a previous row, and the other 34 columns, clauses and timestamps, were most
    of the time of reading it."""
    if not parquet.is_file():
        return None
    import pyarrow.parquet as pq

    try:
        file = pq.ParquetFile(parquet)
        names = set(file.schema_arrow.names)
        return file.read(columns=[c for c in COMPARED if c in names]).to_pylist()
    except Exception:  # a damaged or foreign file: the report goes on without a comparison
        return None


def month_changes(rows: Sequence[Mapping[str, Any]], start: dict[tuple[int, int], dict[str, Any]],
                  end: dict[tuple[int, int], dict[str, Any]]) -> list[Change]:
    """Changes between the model as of a month's start and its end, for the targets of `rows`."""
    out: list[Change] = []
    for r in rows:
        k = (int(r.get("target_page_id") or 0), int(r.get("target_row_no") or 0))
        a, b = start.get(k), end.get(k)
        if a is None or b is None:
            continue
        now = {**r, "status": b["status"]}
        if (a["actual_period"], a["actual_value_normalized"]) != (b["actual_period"], b["actual_value_normalized"]) \
                and b["actual_value_normalized"] is not None:
            out.append(Change("new_figure", now, {**r, **a}))
        elif a["status"] != b["status"]:
            out.append(Change("status", now, {**r, **a}))
    return out
