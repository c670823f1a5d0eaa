"""Whole tables as pandas DataFrames, for the data-quality checks (BLOB columns left out).

The query runs once, to Arrow. Its text columns go to pandas straight from Arrow (pandas' `str`
dtype is Arrow-backed, so nothing is converted); the other columns go through DuckDB's own
DataFrame conversion of that Arrow table, so their dtypes are those `.df()` gives (Int64 for an
integer column with NULLs, datetime64 for DATE, dicts for MAP …). `.df()` made a Python string
of every text value first: 10,000 gap_report rows took ~100 ms, nine tenths of it in the 26
text columns (issue 14). A text column without a value is an object column of None, as `.df()`
makes it.
"""
from __future__ import annotations

import duckdb
import pandas as pd
import pyarrow as pa

from plangap.warehouse.errors import QueryError


def _text_column(column: pa.ChunkedArray) -> pd.Series:
    if column.null_count == len(column):
        return pd.Series([None] * len(column), dtype=object)
    return column.to_pandas()


def table_frame(conn: duckdb.DuckDBPyConnection, table: str) -> pd.DataFrame:
    """Every row of `table` (a warehouse table or view), without its BLOB columns."""
    cols = conn.execute(
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ? AND data_type <> 'BLOB'"
        " ORDER BY ordinal_position", [table]
    ).fetchall()
    if not cols:
        raise QueryError(f"no table or view named {table!r} in the warehouse")
    names = ", ".join(f'"{c}"' for c, _ in cols)
    rows = conn.sql(f'SELECT {names} FROM "{table}"').to_arrow_table()
    others = [c for c, kind in cols if kind != "VARCHAR"]
    frame = duckdb.from_arrow(rows.select(others), connection=conn).df() if others else pd.DataFrame(index=range(len(rows)))
    parts = {c: _text_column(rows.column(c)) if kind == "VARCHAR" else frame[c] for c, kind in cols}
    return pd.DataFrame(parts, columns=[c for c, _ in cols])
