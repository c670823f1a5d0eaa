"""A query result's rows as read-only mappings over its columns (issue 14).

Making a dict of 42 keys for each of 10,000 gap_report rows cost ~40 ms, more than the query
itself. A Row is instead a position in the result's columns, converted once for all rows
(warehouse/arrow_rows.py): making one costs an object, not 42 insertions. It reads like the dict
it replaces, in the spirit of sqlite3.Row and asyncpg's Record: `row["status"]`, `row.get(...)`,
`in`, len, iteration over the column names in their order, keys()/values()/items(), dict(row),
{**row}, `row | {...}`, equality with a dict of the same items, and Jinja's `row.status` and
`row["status"]`. It cannot be changed: a consumer that wants to add or change a value makes its
own dict (dict(row)), as publish/format.py `present` does. A Row is not a dict: isinstance(row,
dict) is False and json.dumps needs dict(row) (no consumer does either). Pickled or copied, a
Row becomes the dict of its values (not its whole result).

A value read costs one Python call more than a dict's (~0.1 µs). Reading every value once costs
less than making the dicts did (10,000 rows: gap_rows and one read of every value ~115 ms of CPU
against ~150 ms), but a consumer that reads each value several times pays the call each time:
render_csv and build_context over Rows took ~70-130 ms more CPU than over dicts (issue 14).
"""
from __future__ import annotations

from collections.abc import ItemsView, Iterator, KeysView, Mapping, ValuesView
from itertools import repeat
from typing import Any

Columns = dict[str, list[Any]]


class Row(Mapping[str, Any]):
    """Row `at` of `columns` (column name -> the result's values of that column, in column
    order), shared by every row of one result."""

    __slots__ = ("_columns", "_at")

    def __init__(self, columns: Columns, at: int) -> None:
        self._columns = columns
        self._at = at

    def __getitem__(self, key: str) -> Any:
        return self._columns[key][self._at]

    def get(self, key: str, default: Any = None) -> Any:
        column = self._columns.get(key)
        return default if column is None else column[self._at]

    def __contains__(self, key: object) -> bool:
        return key in self._columns

    def __iter__(self) -> Iterator[str]:
        return iter(self._columns)

    def __reversed__(self) -> Iterator[str]:
        return reversed(self._columns)

    def __len__(self) -> int:
        return len(self._columns)

    def keys(self) -> KeysView[str]:
        """The result's own dict keys view: set operations as a dict's keys have."""
        return self._columns.keys()

    def values(self) -> ValuesView[Any]:
        return _Values(self)

    def items(self) -> ItemsView[str, Any]:
        return _Items(self)

    def copy(self) -> dict[str, Any]:
        """A dict of the same items, to change (as dict.copy gives); faster than dict(row), which
        reads each value through __getitem__."""
        at = self._at
        return {name: column[at] for name, column in self._columns.items()}

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Row) and other._columns is self._columns:
            return other._at == self._at
        if isinstance(other, dict):
            return self.copy() == other
        if isinstance(other, Mapping):
            return self.copy() == dict(other.items())
        return NotImplemented

    def __or__(self, other: object) -> dict[str, Any]:
        if not isinstance(other, Mapping):
            return NotImplemented
        return {**self, **other}

    def __ror__(self, other: object) -> dict[str, Any]:
        if not isinstance(other, Mapping):
            return NotImplemented
        return {**other, **self}

    def __reduce__(self) -> tuple[type[dict[str, Any]], tuple[dict[str, Any]]]:
        return dict, (self.copy(),)

    def __repr__(self) -> str:
        return f"Row({self.copy()!r})"


class _Values(ValuesView[Any]):
    """A Row's values in column order, read straight from its columns."""

    _mapping: Row

    def __iter__(self) -> Iterator[Any]:
        at = self._mapping._at
        return (column[at] for column in self._mapping._columns.values())


class _Items(ItemsView[str, Any]):
    _mapping: Row

    def __iter__(self) -> Iterator[tuple[str, Any]]:
        at = self._mapping._at
        return ((name, column[at]) for name, column in self._mapping._columns.items())


def as_dict(row: Mapping[str, Any]) -> dict[str, Any]:
    """A new dict of a row's items: a Row's copy(), else dict(row)."""
    return row.copy() if isinstance(row, Row) else dict(row)


def rows_of(columns: Columns, order: list[int] | range) -> list[Row]:
    """A Row for each position of `order` (the result's reading order), over `columns`."""
    return list(map(Row, repeat(columns), order))
