"""Read queries: the gap report for reports, and read-only SQL for `plangap sql`.

`plangap sql` runs one read query (SELECT, WITH, FROM, VALUES, DESCRIBE, SHOW, SUMMARIZE,
EXPLAIN) on a read-only connection with DuckDB's external access off and its configuration
locked: no COPY … TO, EXPORT or ATTACH, no INSTALL or LOAD, no reader of local files
(read_text, read_csv, read_parquet, glob …), no SET. Anything else is a QueryError of one line.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from plangap.warehouse.arrow_rows import dict_rows
from plangap.warehouse.errors import QueryError

_GAP_ROWS = "SELECT * FROM gap_report WHERE (? IS NULL OR region = ?) AND (? IS NULL OR year = ?)"
GAP_ORDER = ("region", "year", "target_page_id", "target_row_no")  # the report's reading order


def gap_rows(conn: duckdb.DuckDBPyConnection, region: str | None = None, year: int | None = None) -> list[dict[str, Any]]:
    """Rows of gap_report as dicts in the report's reading order, optionally for one region and/or
    target year. Read a column at a time through Arrow, and ordered by an Arrow sort of the keys
    (warehouse/arrow_rows.py): issue 14."""
    return dict_rows(conn, _GAP_ROWS, [region, region, year, year], GAP_ORDER)


def open_read_only(db_path: str | Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection to an existing warehouse file."""
    if not Path(db_path).is_file():
        raise QueryError(f"no warehouse at {db_path}")
    try:
        return duckdb.connect(str(db_path), read_only=True)
    except duckdb.Error as exc:
        raise QueryError(f"cannot open {db_path} read-only: {exc}") from exc


#: DuckDB settings of the `plangap sql` connection: nothing outside the warehouse file is reached
SANDBOX = {
    "enable_external_access": False,  # no file readers or writers, no ATTACH, no INSTALL/LOAD
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "allow_community_extensions": False,
    "lock_configuration": True,  # and no SET may turn any of it back on
}
READ_STATEMENTS = frozenset({"SELECT", "EXPLAIN"})  # DESCRIBE, SHOW, SUMMARIZE parse as SELECT


def one_line(exc: BaseException) -> str:
    """A DuckDB error in one line (its LINE n: / caret lines dropped)."""
    lines = []
    for line in str(exc).splitlines():
        if line.startswith("LINE "):
            break
        if line.strip():
            lines.append(line.strip())
    return " ".join(lines) or type(exc).__name__


def open_sandboxed(db_path: str | Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection to an existing warehouse file with external access off."""
    if not Path(db_path).is_file():
        raise QueryError(f"no warehouse at {db_path}")
    try:
        return duckdb.connect(str(db_path), read_only=True, config=dict(SANDBOX))
    except duckdb.Error as exc:
        raise QueryError(f"cannot open {db_path} read-only: {one_line(exc)}") from exc


def run_query(db_path: str | Path, sql: str, params: list[Any] | None = None) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Run one read query on a sandboxed read-only connection; return (column names, rows).
    Raise QueryError (one line) for anything but one read query, or when the query fails."""
    conn = open_sandboxed(db_path)
    try:
        statements = conn.extract_statements(sql)
        if len(statements) != 1:
            raise QueryError(f"refused: plangap sql runs exactly one statement (got {len(statements)})")
        kind = statements[0].type.name
        if kind not in READ_STATEMENTS:
            raise QueryError(f"refused: plangap sql is read-only and runs one read query "
                             f"(SELECT, WITH, DESCRIBE, SHOW, EXPLAIN), not {kind}")
        result = conn.execute(sql, params or [])
        rows = result.fetchall()
        columns = [d[0] for d in result.description] if result.description else []
        return columns, rows
    except duckdb.Error as exc:
        raise QueryError(one_line(exc)) from exc
    finally:
        conn.close()
