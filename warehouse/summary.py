"""Small summaries of the run log and of recent facts, for the report and the monthly email."""
from __future__ import annotations

import duckdb


def last_successful_run(conn: duckdb.DuckDBPyConnection) -> tuple[str, object] | None:
    rows = conn.execute(
        "SELECT run_id, ended_at FROM run_log WHERE result = 'success' ORDER BY ended_at DESC LIMIT 1").fetchall()
    return rows[0] if rows else None


def last_run(conn: duckdb.DuckDBPyConnection) -> dict | None:
    """The latest run of the log: id, start, end, result, counts and error."""
    result = conn.execute(
        "SELECT run_id, started_at, ended_at, result, pages, targets, facts, dq_failed, error_message"
        " FROM run_log ORDER BY started_at DESC LIMIT 1")
    rows = result.fetchall()
    if not rows:
        return None
    return dict(zip([d[0] for d in result.description], rows[0]))


def facts_published_between(conn: duckdb.DuckDBPyConnection, start: str, end: str) -> list[dict]:
    """Latest-vintage facts mapped to an indicator whose page was published, or first fetched
    when it gives no date, in [start, end) (ISO dates), in a total order: facts that share a
    publication day, publication and indicator (two regions' bulletins of one day) are ordered
    by region, period, measure and their page and row, so the email lists them the same way
    every run."""
    result = conn.execute(
        "SELECT region, indicator, indicator_id, measure, period, value, unit, value_normalized, unit_normalized,"
        " publication,"
        " coalesce(published, strftime(fetched_at, '%Y-%m-%d')) AS published, url"
        " FROM facts WHERE is_latest_vintage AND indicator_id IS NOT NULL"
        " AND coalesce(published, strftime(fetched_at, '%Y-%m-%d')) >= ?"
        " AND coalesce(published, strftime(fetched_at, '%Y-%m-%d')) < ?"
        " ORDER BY published, publication, indicator, region, period, measure, page_id, row_no", [start, end])
    rows = result.fetchall()
    cols = [d[0] for d in result.description]
    return [dict(zip(cols, r)) for r in rows]
