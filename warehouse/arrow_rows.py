"""Query results as a list of dicts, built a column at a time from Arrow, in a given order.

`fetchall()` makes one Python object per value in DuckDB's row-by-row conversion: 10,000
gap_report rows of 42 columns took ~170 ms (issue 14), most of it in the 260,000 strings. Here
each column is converted once, in C: a string column through its dictionary (a region, a unit, a
url or a checksum repeats across rows, so each distinct string becomes one Python object, shared
by the rows that hold it), numbers, dates and timestamps through numpy. The values are those
`fetchall()` gives, with the same types. Each row is then a plain dict: its readers (the report,
the CSV, the email) read each value several times, and a dict reads fastest (issue 14 tried
read-only views over the columns instead: gap_rows got ~45 ms of CPU cheaper, but render_csv,
present() and build_context each 60-150 ms dearer).

The reading order is taken from Arrow too: DuckDB's ORDER BY carried every column of the result
through its sort (the query 22-35 ms with it, 15-18 ms without); Arrow sorts the keys alone (about
a millisecond) in the same order (ascending, text by its UTF-8 bytes as DuckDB compares it, NULLs
last), and the dicts are put in that order. A result with a column type not converted here
(lists, maps, decimals, time zones …), or an order key that is not text, integer, boolean, date or
timestamp, is read with `fetchall()` and DuckDB's ORDER BY.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import repeat
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc


def _strings(column: pa.Array) -> list[Any]:
    encoded = pc.dictionary_encode(column)
    values = np.empty(len(encoded.dictionary) + 1, dtype=object)  # the last slot: NULL
    values[:-1] = encoded.dictionary.to_numpy(zero_copy_only=False)
    values[-1] = None
    indices = encoded.indices.fill_null(len(encoded.dictionary)).to_numpy()
    return list(values[indices].tolist())


def _numbers(column: pa.Array) -> list[Any]:
    """ints, floats and bools as Python numbers (NULL as None; a NaN stays a NaN)."""
    if column.null_count == 0:
        return list(column.to_numpy(zero_copy_only=False).tolist())
    out = column.fill_null(False if pa.types.is_boolean(column.type) else 0).to_numpy(zero_copy_only=False)
    out = out.astype(object)
    out[column.is_null().to_numpy(zero_copy_only=False)] = None
    return list(out.tolist())


def _temporal(column: pa.Array) -> list[Any]:
    """DATE as datetime.date, TIMESTAMP (microseconds, no zone) as naive datetime.datetime."""
    out = column.to_numpy(zero_copy_only=False).astype(object)  # NaT -> None
    if column.null_count:
        out[column.is_null().to_numpy(zero_copy_only=False)] = None
    return list(out.tolist())


def _is_temporal(kind: pa.DataType) -> bool:
    return pa.types.is_date32(kind) or (pa.types.is_timestamp(kind) and kind.tz is None and kind.unit == "us")


def _converter(kind: pa.DataType) -> Callable[[pa.Array], list[Any]] | None:
    """How a column of Arrow type `kind` becomes the Python values fetchall() gives, if known."""
    if pa.types.is_string(kind) or pa.types.is_large_string(kind):
        return _strings
    if pa.types.is_integer(kind) or pa.types.is_floating(kind) or pa.types.is_boolean(kind):
        return _numbers
    if _is_temporal(kind):
        return _temporal
    return None


def _sorts_as_duckdb(kind: pa.DataType) -> bool:
    """Arrow orders a key of this type as DuckDB's ORDER BY does (floats are left out: NaN)."""
    return (pa.types.is_string(kind) or pa.types.is_large_string(kind) or pa.types.is_integer(kind)
            or pa.types.is_boolean(kind) or _is_temporal(kind))


def dict_rows(conn: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None,
              order_by: Sequence[str]) -> list[dict[str, Any]]:
    """The rows of `sql` (a query without ORDER BY) as dicts (column name -> value) in the order
    `ORDER BY <order_by>` (each key ascending) would give: the list `fetchall()` and
    dict(zip(columns, row)) would give."""
    table = conn.sql(sql, params=params).to_arrow_table()
    names = table.column_names
    converters = [_converter(field.type) for field in table.schema]
    if any(c is None for c in converters) or not all(_sorts_as_duckdb(table.schema.field(k).type) for k in order_by):
        keys = ", ".join('"' + k.replace('"', '""') + '"' for k in order_by)
        fetched = conn.execute(f"{sql} ORDER BY {keys}", params or []).fetchall()
        return [dict(zip(names, row)) for row in fetched]
    columns = [convert(table.column(i).combine_chunks())
               for i, convert in enumerate(converters) if convert is not None]
    rows = list(map(dict, map(zip, repeat(names), zip(*columns))))  # none measured cheaper (issue 14)
    order = pc.sort_indices(table, sort_keys=[(k, "ascending", "at_end") for k in order_by])
    return list(map(rows.__getitem__, order.to_numpy().tolist()))
