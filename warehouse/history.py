"""Regions, discoveries and the status history: what changed between runs, and for whom.

`load_regions` writes the registry's regions (mart_gap resolves a fact's scope through them),
`record_discoveries` what list pages showed, `record_statuses` the status of every current
target at this run and the changes since the last recorded one (status_log; the
`status_changes` view adds both figures' sentences and pages). Reads: `discovered_pages`,
`status_changes`, `changes_between`. `show_runs_in_copy` adds the run log rows of failed runs
to the analysts' copy without touching its data.
"""
from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb

from plangap.warehouse.db import transaction
from plangap.warehouse.errors import CopyError, LoadError
from plangap.warehouse.load import bulk_insert


@dataclass(frozen=True)
class RegionRow:
    region: str
    level: str | None
    parent: str | None
    names: tuple[str, ...]
    ancestors: tuple[str, ...]
    alerts: tuple[str, ...]


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def load_regions(conn: duckdb.DuckDBPyConnection, regions: Iterable[RegionRow]) -> int:
    """Replace dim_region with the registry's regions; return the row count."""
    rows = [(r.region, r.level, r.parent, list(r.names), list(r.ancestors), list(r.alerts)) for r in regions]
    try:
        with transaction(conn):
            conn.execute("DELETE FROM dim_region")
            if rows:
                conn.executemany("INSERT INTO dim_region VALUES (?, ?, ?, ?, ?, ?)", rows)
    except duckdb.Error as exc:
        raise LoadError(f"loading the regions failed: {exc}") from exc
    return len(rows)


def record_discoveries(conn: duckdb.DuckDBPyConnection, run_id: str, found: Sequence[Any]) -> list[Any]:
    """Record what list pages showed (extract.crawl.Discovery records); return those first seen
    in this run. A link seen before keeps its first sighting; its classification is updated."""
    known = {r[0] for r in conn.execute("SELECT url FROM discoveries").fetchall()}
    at = _now()
    new, seen_now = [], set()
    try:
        with transaction(conn):
            for d in found:
                if d.url in seen_now:
                    continue
                seen_now.add(d.url)
                if d.url in known:
                    conn.execute("UPDATE discoveries SET title = ?, kind = ?, region = ?, period = ?, taken = ?, "
                                 "reason = ?, last_run_id = ?, last_seen_at = ? WHERE url = ?",
                                 [d.title, d.kind, d.region, d.period, d.taken, d.reason, run_id, at, d.url])
                    continue
                conn.execute("INSERT INTO discoveries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             [d.url, d.list_url, d.title, d.kind, d.region, d.period, d.taken, d.reason,
                              run_id, at, run_id, at])
                new.append(d)
    except duckdb.Error as exc:
        raise LoadError(f"recording discoveries failed: {exc}") from exc
    return new


# the identity of a target across runs and page versions: its page's address, sentence and indicator
_CURRENT = """
SELECT md5(concat_ws('|', p.url, t.clause, m.indicator)) AS target_key, m.region, m.year, m.indicator, m.status,
       m.target_page_id, m.target_row_no, m.fact_page_id, m.fact_row_no, m.actual_value, m.actual_unit,
       m.actual_period
FROM mart_gap AS m
JOIN stg_targets AS t ON t.page_id = m.target_page_id AND t.row_no = m.target_row_no
JOIN raw_pages AS p ON p.page_id = m.target_page_id
QUALIFY row_number() OVER (PARTITION BY target_key ORDER BY m.target_page_id, m.target_row_no) = 1
"""

_LAST = """
SELECT target_key, run_id, status, fact_page_id, fact_row_no, actual_value, actual_unit, actual_period
FROM status_history
QUALIFY row_number() OVER (PARTITION BY target_key ORDER BY recorded_at DESC, run_id DESC) = 1
"""

_HISTORY_COLS = ("run_id", "recorded_at", "as_of", "target_key", "region", "year", "indicator", "status",
                 "target_page_id", "target_row_no", "fact_page_id", "fact_row_no", "actual_value", "actual_unit",
                 "actual_period")
_LOG_COLS = ("run_id", "recorded_at", "target_key", "region", "year", "indicator", "change", "old_status",
             "new_status", "old_run_id", "target_page_id", "target_row_no", "old_fact_page_id", "old_fact_row_no",
             "old_value", "old_unit", "old_period", "new_fact_page_id", "new_fact_row_no", "new_value", "new_unit",
             "new_period")


def _change(now: tuple, last: tuple | None) -> str | None:
    """'status' when the status moved, 'revision' when the same period's figure was republished
    with another value, else None (a first sighting is no change)."""
    if last is None:
        return None
    status, value, period = now[4], now[9], now[11]
    if status != last[2]:
        return "status"
    if period is not None and period == last[7] and value is not None and last[5] is not None and value != last[5]:
        return "revision"
    return None


def record_statuses(conn: duckdb.DuckDBPyConnection, run_id: str, as_of: date) -> int:
    """Record the status of every current target for this run and log the changes since each
    target's last recorded status; return the number of changes logged."""
    at = _now()
    last = {r[0]: r for r in conn.execute(_LAST).fetchall()}
    history, log = [], []
    for row in conn.execute(_CURRENT).fetchall():
        key = row[0]
        history.append((run_id, at, as_of, *row))
        before = last.get(key)
        change = _change(row, before)
        if change and before is not None:
            log.append((run_id, at, key, row[1], row[2], row[3], change, before[2], row[4], before[1], row[5], row[6],
                        before[3], before[4], before[5], before[6], before[7], row[7], row[8], row[9], row[10],
                        row[11]))
    try:
        with transaction(conn):
            conn.execute("DELETE FROM status_history WHERE run_id = ?", [run_id])
            conn.execute("DELETE FROM status_log WHERE run_id = ?", [run_id])
            if history:
                bulk_insert(conn, "status_history", _HISTORY_COLS, history)
            if log:
                bulk_insert(conn, "status_log", _LOG_COLS, log)
    except duckdb.Error as exc:
        raise LoadError(f"recording the statuses of run {run_id} failed: {exc}") from exc
    return len(log)


def _dicts(result: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    rows = result.fetchall()
    columns = [d[0] for d in result.description]
    return [dict(zip(columns, r)) for r in rows]


def status_changes(conn: duckdb.DuckDBPyConnection, run_id: str | None = None) -> list[dict[str, Any]]:
    """Rows of the status_changes view (one run's, or all), in region, year, reading order."""
    return _dicts(conn.execute(
        "SELECT * FROM status_changes WHERE (? IS NULL OR run_id = ?) "
        "ORDER BY recorded_at, region, year, target_page_id, target_row_no", [run_id, run_id]))


def changes_between(conn: duckdb.DuckDBPyConnection, start: date, end: date,
                    region: str | None = None) -> list[dict[str, Any]]:
    """The changes recorded by runs from `start` up to (not including) `end` (dates in UTC)."""
    return _dicts(conn.execute(
        "SELECT * FROM status_changes WHERE recorded_at >= ? AND recorded_at < ? AND (? IS NULL OR region = ?) "
        "ORDER BY recorded_at, region, year, target_page_id, target_row_no", [start, end, region, region]))


def discovered_pages(conn: duckdb.DuckDBPyConnection, run_id: str | None = None) -> list[dict[str, Any]]:
    """Rows of the discovered_pages view: those first seen by `run_id`, or all."""
    return _dicts(conn.execute(
        "SELECT * FROM discovered_pages WHERE (? IS NULL OR first_run_id = ?) ORDER BY first_seen_at, url",
        [run_id, run_id]))


def region_rows(registry: Any) -> list[RegionRow]:
    """The rows of dim_region for an extract.registry.Registry."""
    return [RegionRow(r.name, r.level, r.parent, r.names, tuple(registry.ancestors(r.name)), r.alerts)
            for r in registry.regions.values()]


def _run_log(path: Path) -> tuple[list[str], list[tuple]]:
    """(columns, rows) of run_log in the warehouse file `path`, read-only."""
    conn = duckdb.connect(str(path), read_only=True)
    try:
        result = conn.execute("SELECT * FROM run_log ORDER BY started_at, run_id")
        rows = result.fetchall()
        return [d[0] for d in result.description], rows
    finally:
        conn.close()


def show_runs_in_copy(db_path: str | Path, copy_path: str | Path) -> int:
    """Add the run_log rows of the warehouse `db_path` that the analysts' copy `copy_path` lacks
    (a failed run with its reason, a crashed run) to the copy, and change nothing else in it: the
    data stay as the last good run left them. Atomic like publish_analyst_copy: the copy is copied
    to a temporary file beside it, the rows inserted, the file checkpointed and fsynced, made
    read-only and renamed over the copy. Return the rows added (0 without a warehouse or a copy)."""
    src, dest = Path(db_path), Path(copy_path)
    if not src.is_file() or not dest.is_file():
        return 0
    tmp = ""
    try:
        columns, rows = _run_log(src)
        have_columns, have = _run_log(dest)
        known = {r[have_columns.index("run_id")] for r in have}
        keep = [c for c in columns if c in have_columns]  # a copy older than the warehouse's schema
        missing = [tuple(r[columns.index(c)] for c in keep) for r in rows if r[columns.index("run_id")] not in known]
        if not missing:
            return 0
        fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=dest.parent)
        os.close(fd)
        shutil.copyfile(dest, tmp)
        os.chmod(tmp, stat.S_IRUSR | stat.S_IWUSR)
        conn = duckdb.connect(tmp)
        try:
            conn.executemany(f"INSERT INTO run_log ({', '.join(keep)}) VALUES ({', '.join('?' for _ in keep)})",
                             missing)
            conn.execute("CHECKPOINT")
        finally:
            conn.close()
        _fsync(Path(tmp))
        os.chmod(tmp, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
        os.replace(tmp, dest)
        tmp = ""
        _fsync(dest.parent)
    except (duckdb.Error, OSError) as exc:
        raise CopyError(f"cannot add the run log of {src} to {dest}: {exc}") from exc
    finally:
        for leftover in (tmp, tmp + ".wal") if tmp else ():
            if os.path.exists(leftover):
                os.unlink(leftover)
    return len(missing)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
