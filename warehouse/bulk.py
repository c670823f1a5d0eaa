"""Stage a whole run's extracted pages at once: one transaction, one insert per table.

Row hashes are compared per page against what is staged: a page whose rows are unchanged is
left as it is (nothing rewritten), the others are replaced.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import duckdb
import pandas as pd

from plangap.transform.page import ExtractedPage
from plangap.warehouse.db import transaction
from plangap.warehouse.errors import LoadError
from plangap.warehouse.load import FACT_COLS, TARGET_COLS, _now, bulk_insert, fact_rows, target_rows

Conn = duckdb.DuckDBPyConnection
_PAGE_COLS = ("page_id", "title", "published", "year", "encoding", "meta_keys", "meta_values", "body_chars",
              "extracted_by")


def _staged_hashes(conn: Conn, table: str, page_ids: list[int]) -> dict[int, list[str]]:
    rows = conn.execute(
        f"SELECT page_id, list(row_hash ORDER BY row_no) FROM {table} WHERE page_id IN (SELECT unnest(?::BIGINT[]))"
        " GROUP BY page_id", [page_ids]).fetchall()
    return {pid: list(hashes) for pid, hashes in rows}


def _replace_changed(conn: Conn, table: str, columns: Sequence[str], rows_by_page: dict[int, list[tuple[Any, ...]]]) -> None:
    staged = _staged_hashes(conn, table, list(rows_by_page))
    changed = [pid for pid, rows in rows_by_page.items() if staged.get(pid, []) != [r[-1] for r in rows]]
    if not changed:
        return
    conn.execute(f"DELETE FROM {table} WHERE page_id IN (SELECT unnest(?::BIGINT[]))", [changed])
    rows = [r for pid in changed for r in rows_by_page[pid]]
    if rows:
        bulk_insert(conn, table, columns, rows)


def _page_rows(pages: Sequence[ExtractedPage]) -> list[tuple[Any, ...]]:
    return [(p.page_id, p.meta.title, p.meta.published, p.meta.year, p.meta.encoding,
             [k for k, _ in p.meta.meta], [v for _, v in p.meta.meta], p.meta.body_chars, p.meta.extractor)
            for p in pages if p.meta is not None]


def _insert_pages(conn: Conn, rows: list[tuple[Any, ...]]) -> None:
    frame = pd.DataFrame(rows, columns=list(_PAGE_COLS), dtype=object)
    conn.register("_incoming_pages", frame)
    try:
        conn.execute("INSERT INTO stg_pages (page_id, title, published, year, encoding, meta, body_chars, extracted_by)"
                     " SELECT page_id, title, published, year, encoding,"
                     " map(meta_keys::VARCHAR[], meta_values::VARCHAR[]), body_chars, extracted_by FROM _incoming_pages")
    finally:
        conn.unregister("_incoming_pages")


def load_extracted(conn: Conn, pages: Sequence[ExtractedPage]) -> None:
    """Stage every page's metadata, its targets (plans) and its facts (plans' reviews and the rest),
    in one transaction."""
    at = _now()
    targets = {p.page_id: target_rows(p.page_id, p.region, p.targets, at) for p in pages if p.kind == "plan"}
    # plan pages too: the actuals of their review parts (a 2021 report states what 2020 achieved)
    facts = {p.page_id: fact_rows(p.page_id, p.region, p.facts, at) for p in pages if p.kind != "list"}
    meta = _page_rows(pages)
    try:
        with transaction(conn):
            if meta:
                conn.execute("DELETE FROM stg_pages WHERE page_id IN (SELECT unnest(?::BIGINT[]))", [[m[0] for m in meta]])
                _insert_pages(conn, meta)
            _replace_changed(conn, "stg_targets", TARGET_COLS, targets)
            _replace_changed(conn, "stg_facts", FACT_COLS, facts)
    except duckdb.Error as exc:
        raise LoadError(f"staging {len(pages)} pages failed: {exc}") from exc


def current_counts(conn: Conn, page_ids: Sequence[int]) -> tuple[int, int]:
    """(targets, facts) staged for these page versions."""
    ids = list(page_ids)
    t = conn.execute("SELECT count(*) FROM stg_targets WHERE page_id IN (SELECT unnest(?::BIGINT[]))", [ids]).fetchone()
    f = conn.execute("SELECT count(*) FROM stg_facts WHERE page_id IN (SELECT unnest(?::BIGINT[]))", [ids]).fetchone()
    return (t[0] if t else 0), (f[0] if f else 0)


def extracted_by(conn: Conn, page_ids: Sequence[int]) -> dict[int, str | None]:
    """page_id -> the extractor fingerprint that staged it (pages never staged are absent)."""
    rows = conn.execute("SELECT page_id, extracted_by FROM stg_pages WHERE page_id IN (SELECT unnest(?::BIGINT[]))",
                        [list(page_ids)]).fetchall()
    return {pid: by for pid, by in rows}
