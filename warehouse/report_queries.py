"""Reads the report and the email need beyond gap_rows: exports of the analyst views as Arrow
tables, the in-year series of part-year figures, and the gap model as of another date (what
changed in a month) without writing anything, so a read-only copy is enough."""
from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

import duckdb
import pyarrow as pa

from plangap.warehouse.errors import QueryError
from plangap.warehouse.gap import FactRow, TargetRow, judge
from plangap.warehouse.mart import _FACTS, _TARGETS

#: the views exported next to the report, each with the order its rows are written in
EXPORT_VIEWS = {
    "gap_report": "region, year, target_page_id, target_row_no",
    "targets": "region, year, page_id, row_no",
    "facts": "region, indicator, period, measure, vintage, page_id, row_no",
}


def view_table(conn: duckdb.DuckDBPyConnection, view: str, region: str | None = None,
               year: int | None = None) -> pa.Table:
    """One analyst view as an Arrow table, optionally for one region and (targets) year."""
    if view not in EXPORT_VIEWS:
        raise QueryError(f"not an exported view: {view}")
    params: list[Any] = [region, region]
    year_filter = ""
    if view != "facts":  # facts have periods, not target years: all of them are exported
        year_filter, params = " AND (? IS NULL OR year = ?)", params + [year, year]
    sql = f"SELECT * FROM {view} WHERE (? IS NULL OR region = ?){year_filter} ORDER BY {EXPORT_VIEWS[view]}"
    try:
        return conn.sql(sql, params=params).to_arrow_table()
    except duckdb.Error as exc:
        raise QueryError(f"reading {view}: {exc}") from exc


def ytd_series(conn: duckdb.DuckDBPyConnection, region: str | None = None) -> list[dict[str, Any]]:
    """Latest-vintage year-to-date levels (periods YYYY-01/YYYY-MM) of mapped indicators:
    region, indicator_id, year, month, value_normalized, unit_normalized, period."""
    result = conn.execute(
        "SELECT region, scope, indicator_id, CAST(substr(period, 1, 4) AS INTEGER) AS year,"
        " CAST(substr(period, 14, 2) AS INTEGER) AS month, value_normalized, unit_normalized, period"
        " FROM facts WHERE is_latest_vintage AND indicator_id IS NOT NULL AND measure = 'level'"
        " AND regexp_matches(period, '^\\d{4}-01/\\d{4}-\\d{2}$') AND substr(period, 1, 4) = substr(period, 9, 4)"
        " AND (? IS NULL OR region = ?)"
        " ORDER BY region, indicator_id, year, month", [region, region])
    cols = [d[0] for d in result.description]
    return [dict(zip(cols, r)) for r in result.fetchall()]


def judgements_as_of(conn: duckdb.DuckDBPyConnection, as_of: date) -> dict[tuple[int, int], dict[str, Any]]:
    """The gap model's verdict on every current target as it stood on `as_of` (facts published
    later ignored), keyed by (target page id, row no): status, actual period and value."""
    facts: dict[tuple[str, str], list[FactRow]] = defaultdict(list)
    for row in conn.execute(_FACTS).fetchall():
        fact = FactRow(*row[:11])
        facts[(fact.indicator_id, fact.region)].append(fact)
    out: dict[tuple[int, int], dict[str, Any]] = {}
    for row in conn.execute(_TARGETS).fetchall():
        target = TargetRow(*row[:17])
        j = judge(target, facts.get((target.indicator_id or "", target.region), []), as_of)
        out[(target.page_id, target.row_no)] = {
            "status": j.status, "actual_period": j.fact.period if j.fact else None,
            "actual_value_normalized": j.fact.value_normalized if j.fact else None,
        }
    return out


def runs(conn: duckdb.DuckDBPyConnection) -> dict[str, dict[str, Any] | None]:
    """The last run and the last successful run of run_log (None when there is none)."""
    out: dict[str, dict[str, Any] | None] = {}
    for key, where in (("last", ""), ("last_success", " WHERE result = 'success'")):
        result = conn.execute(
            "SELECT run_id, started_at, ended_at, result, pages, pages_new, targets, facts, gap_rows, dq_failed,"
            f" error_message FROM run_log{where} ORDER BY started_at DESC LIMIT 1")
        rows = result.fetchall()
        out[key] = dict(zip([d[0] for d in result.description], rows[0])) if rows else None
    return out
