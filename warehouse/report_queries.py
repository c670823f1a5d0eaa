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


def status_snapshot(conn: duckdb.DuckDBPyConnection, day: date) -> dict[str, Any]:
    """Which statuses the warehouse kept for `day` (status_history, one snapshot per run):
    {"state": "current"} when the latest run judged on or before `day` (today's gap_report is
    the state of that day) or no history was ever kept; {"state": "history", "run_id", "as_of",
    "recorded_at"} for the latest snapshot judged on or before `day` (latest as-of date, then the
    latest run); {"state": "none", "earliest": as_of} when every snapshot is of a later date."""
    latest = conn.execute("SELECT as_of FROM status_history ORDER BY recorded_at DESC, run_id DESC LIMIT 1").fetchall()
    if not latest or latest[0][0] <= day:
        return {"state": "current"}
    rows = conn.execute(
        "SELECT run_id, as_of, max(recorded_at) AS recorded_at FROM status_history WHERE as_of <= ?"
        " GROUP BY run_id, as_of ORDER BY as_of DESC, recorded_at DESC, run_id DESC LIMIT 1", [day]).fetchall()
    if rows:
        return {"state": "history", "run_id": rows[0][0], "as_of": rows[0][1], "recorded_at": rows[0][2]}
    earliest = conn.execute("SELECT min(as_of) FROM status_history").fetchall()[0][0]
    return {"state": "none", "earliest": earliest}


#: a run's status snapshot in the columns of gap_report: the target and the figure the status
#: rested on as staged then (the gap model's arithmetic is not kept per run: see history_rows)
_HISTORY_ROWS = """
SELECT h.region, h.year, t.section, h.indicator, t.indicator_id, t.kind, t.comparator, t.modifier,
       t.value AS target_value, t.value_max AS target_value_max, t.unit AS target_unit,
       t.value_normalized AS target_value_normalized, t.unit_normalized AS target_unit_normalized,
       f.value AS actual_value, f.unit AS actual_unit, f.value_normalized AS actual_value_normalized,
       f.unit_normalized AS actual_unit_normalized, f.measure AS actual_measure, h.actual_period,
       h.status, tp.url AS target_url, t.clause AS target_clause, fp.url AS actual_url, f.clause AS actual_clause,
       f.publication AS actual_publication, f.published AS actual_published, h.as_of,
       tp.fetched_at AS target_fetched_at, tp.sha256 AS target_sha256,
       fp.fetched_at AS actual_fetched_at, fp.sha256 AS actual_sha256,
       h.target_page_id, h.target_row_no
FROM status_history AS h
LEFT JOIN stg_targets AS t ON t.page_id = h.target_page_id AND t.row_no = h.target_row_no
LEFT JOIN raw_pages AS tp ON tp.page_id = h.target_page_id
LEFT JOIN stg_facts AS f ON f.page_id = h.fact_page_id AND f.row_no = h.fact_row_no
LEFT JOIN raw_pages AS fp ON fp.page_id = h.fact_page_id
WHERE h.run_id = ? AND (? IS NULL OR h.region = ?)
ORDER BY h.region, h.year, h.target_page_id, h.target_row_no
"""

#: what gap_report computes from a target and its figure: taken over from today's row when the
#: snapshot's target and figure are today's (the arithmetic is the same), else left empty
_GAP_FIELDS = ("actual_in_target_unit", "expected_value", "tolerance", "attainment", "gap", "basis", "basis_period",
               "dictionary_version")


def history_rows(conn: duckdb.DuckDBPyConnection, run_id: str, current: list[dict[str, Any]],
                 region: str | None = None) -> list[dict[str, Any]]:
    """The status snapshot of run `run_id` as gap_report-like rows: status, target and figure as
    that run recorded them. The gap, attainment and pace come from today's row (`current`) when it
    has the same target and the same figure, else they are None; the reason only when the status
    is also the same."""
    result = conn.execute(_HISTORY_ROWS, [run_id, region, region])
    columns = [d[0] for d in result.description]
    today = {(r.get("target_page_id"), r.get("target_row_no")): r for r in current}
    out = []
    for values in result.fetchall():
        row = dict(zip(columns, values))
        now = today.get((row["target_page_id"], row["target_row_no"]))
        same_figure = now is not None and all(now.get(k) == row[k] for k in (
            "actual_url", "actual_clause", "actual_period", "actual_value"))
        row.update({k: now.get(k) if same_figure and now else None for k in _GAP_FIELDS})
        row["reason"] = now.get("reason") if same_figure and now and now.get("status") == row["status"] else None
        out.append(row)
    return out
