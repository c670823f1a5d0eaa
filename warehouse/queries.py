"""Read queries: the gap report for reports, and read-only SQL for `plangap sql`."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from plangap.warehouse.errors import QueryError


def gap_rows(conn: duckdb.DuckDBPyConnection, region: str | None = None, year: int | None = None) -> list[dict[str, Any]]:
    """Rows of the gap_report view as dicts, optionally for one region and/or target year."""
    result = conn.execute(
        "SELECT * FROM gap_report WHERE (? IS NULL OR region = ?) AND (? IS NULL OR year = ?)"
        " ORDER BY region, year, target_page_id, target_row_no",
        [region, region, year, year],
    )
    rows = result.fetchall()
    columns = [d[0] for d in result.description]
    return [dict(zip(columns, r)) for r in rows]


def open_read_only(db_path: str | Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection to an existing warehouse file."""
    if not Path(db_path).is_file():
        raise QueryError(f"no warehouse at {db_path}")
    try:
        return duckdb.connect(str(db_path), read_only=True)
    except duckdb.Error as exc:
        raise QueryError(f"cannot open {db_path} read-only: {exc}") from exc


def run_query(db_path: str | Path, sql: str, params: list[Any] | None = None) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Run one SQL statement on a read-only connection; return (column names, rows)."""
    conn = open_read_only(db_path)
    try:
        result = conn.execute(sql, params or [])
        rows = result.fetchall()
        columns = [d[0] for d in result.description] if result.description else []
        return columns, rows
    except duckdb.Error as exc:
        raise QueryError(str(exc)) from exc
    finally:
        conn.close()
