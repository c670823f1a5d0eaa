"""Files for spreadsheets and analysts, and the atomic swap that publishes them with the report.

- CSV: UTF-8 with a byte-order mark (Excel reads the Chinese), plain numbers (5000, not 5,000),
  and cells that a spreadsheet would run as a formula (= + - @, tab, carriage return) prefixed
  with an apostrophe, unless they are a plain number (-4.9 stays a number).
- Parquet (pyarrow): gap_report, targets and facts as the warehouse has them.

`publish_files` writes every output to a temporary name in the destination folder, sets 0644 and
then os.replace's each into place, so readers never see a half-written file and a failure
before the swap leaves the previous outputs untouched.
"""
from __future__ import annotations

import csv
import io
import os
import re
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from plangap.publish.format import plain

CSV_COLUMNS = ("region", "year", "section", "indicator", "indicator_id", "kind", "comparator", "modifier",
               "target_value", "target_value_max", "target_unit", "actual_value", "actual_unit",
               "actual_value_normalized", "actual_unit_normalized", "actual_measure", "actual_period",
               "actual_in_target_unit", "expected_value", "status", "reason", "attainment", "gap", "basis",
               "basis_period", "target_url", "target_clause", "actual_url", "actual_clause", "actual_publication",
               "actual_published", "target_fetched_at", "target_sha256", "actual_fetched_at", "actual_sha256", "as_of")
BOM = "\ufeff"
FILE_MODE = 0o644
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_CHARS = frozenset(_FORMULA_START)
_NUMBER = re.compile(r"^[+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$")


class ExportError(Exception):
    """An output could not be written (names the file and the reason)."""


def safe_cell(value: Any) -> str:
    """A CSV cell that a spreadsheet shows as written: numbers plain, formulas neutralised.

    Text and None, most of a report's 90,000 cells, take the short way (the same result)."""
    kind = type(value)
    if kind is str:
        return "'" + value if value[:1] in _FORMULA_CHARS and not _NUMBER.match(value) else value
    if value is None:
        return ""
    text = plain(value)
    if kind is float or kind is int:
        return text
    if text.startswith(_FORMULA_START) and not (isinstance(value, (int, float)) or _NUMBER.match(text)):
        return "'" + text
    return text


def render_csv(rows: Iterable[Mapping[str, Any]], columns: tuple[str, ...] = CSV_COLUMNS) -> bytes:
    """The gap report as CSV bytes: BOM, header, one line per target."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows([safe_cell(r.get(c)) for c in columns] for r in rows)
    return (BOM + buf.getvalue()).encode("utf-8")


def parquet_bytes(table: pa.Table) -> bytes:
    """An Arrow table as Parquet file bytes (zstd)."""
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression="zstd")
    return sink.getvalue().to_pybytes()


def publish_files(files: dict[Path, bytes]) -> list[Path]:
    """Write every file to a temporary name beside it, then swap them all into place (0644).

    Nothing is replaced until every temporary file is written; then each is os.replace'd (each
    swap is atomic; together they happen in a moment, the HTML last so that its links resolve)."""
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            staged.append((tmp, path))
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, FILE_MODE)
        staged.sort(key=lambda item: item[1].suffix == ".html")
        for tmp, path in staged:
            os.replace(tmp, path)
    except OSError as exc:
        raise ExportError(f"cannot write {exc.filename or 'report files'}: {exc.strerror or exc}") from None
    finally:
        for tmp, _ in staged:
            if os.path.exists(tmp):
                os.unlink(tmp)
    return [path for _, path in staged]
