"""Query results as Rows (warehouse/rows.py) over columns converted once, from Arrow.

`fetchall()` makes one Python object per value in DuckDB's row-by-row conversion: 10,000
gap_report rows of 42 columns took ~170 ms (issue 14), most of it in the 260,000 strings. Here
each column is converted once, in C: a string column through its dictionary (a region, a unit, a
url or a checksum repeats across rows, so each distinct string becomes one Python object, shared
by the rows that hold it), numbers, dates and timestamps through numpy. The values are those
`fetchall()` gives, with the same types. The rows are not made into dicts (a dict of 42 keys per
row cost more than the query): each Row reads its values from the columns.

The reading order is taken from Arrow too: DuckDB's ORDER BY carried every column of the result
through its sort (~15 ms of the ~35 ms query); Arrow sorts the keys alone (under a millisecond) in
the same order (ascending, text by its UTF-8 bytes as DuckDB compares it, NULLs last). A result
with a column type not converted here (lists, maps, decimals, time zones …), or an order key that
is not text, integer, boolean, date or timestamp, is read with `fetchall()` and DuckDB's ORDER BY.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from plangap.warehouse.rows import Row, rows_of


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


def read_rows(conn: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None,
              order_by: Sequence[str]) -> list[Row]:
    """The rows of `sql` (a query without ORDER BY) in the order `ORDER BY <order_by>` (each key
    ascending) would give: the values and types `fetchall()` gives, as Rows."""
    table = conn.sql(sql, params=params).to_arrow_table()
    names = table.column_names
    converters = [_converter(field.type) for field in table.schema]
    if any(c is None for c in converters) or not all(_sorts_as_duckdb(table.schema.field(k).type) for k in order_by):
        keys = ", ".join('"' + k.replace('"', '""') + '"' for k in order_by)
        fetched = conn.execute(f"{sql} ORDER BY {keys}", params or []).fetchall()
        values = list(map(list, zip(*fetched))) if fetched else [[] for _ in names]
        return rows_of(dict(zip(names, values)), range(len(fetched)))
    columns = {name: convert(table.column(i).combine_chunks())
               for i, (name, convert) in enumerate(zip(names, converters)) if convert is not None}
    order = pc.sort_indices(table, sort_keys=[(k, "ascending", "at_end") for k in order_by])
    return rows_of(columns, order.to_numpy().tolist())
