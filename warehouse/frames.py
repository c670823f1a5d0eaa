"""Whole tables as pandas DataFrames, for the data-quality checks (BLOB columns left out)."""
from __future__ import annotations

import duckdb
import pandas as pd

from plangap.warehouse.errors import QueryError


def table_frame(conn: duckdb.DuckDBPyConnection, table: str) -> pd.DataFrame:
    """Every row of `table` (a warehouse table or view), without its BLOB columns."""
    cols = conn.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ? AND data_type <> 'BLOB'"
        " ORDER BY ordinal_position", [table]
    ).fetchall()
    if not cols:
        raise QueryError(f"no table or view named {table!r} in the warehouse")
    names = ", ".join(f'"{c}"' for (c,) in cols)
    return conn.execute(f'SELECT {names} FROM "{table}"').df()
