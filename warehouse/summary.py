"""Small summaries of the gap mart for run summaries and reports."""
from __future__ import annotations

import duckdb


def status_counts(conn: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """status -> number of targets in mart_gap."""
    return {s: n for s, n in conn.execute("SELECT status, count(*) FROM mart_gap GROUP BY status ORDER BY status").fetchall()}


def last_successful_run(conn: duckdb.DuckDBPyConnection) -> tuple[str, object] | None:
    rows = conn.execute(
        "SELECT run_id, ended_at FROM run_log WHERE result = 'success' ORDER BY ended_at DESC LIMIT 1").fetchall()
    return rows[0] if rows else None
