"""What the raw archive holds for each address: validators for conditional requests, and the
bytes to parse again when a server answers 304.

A run starts knowing every address's validators but reads back only the bytes of list pages
(a 304 list page is crawled again from them); any other page's bytes are read when a page that
answered 304 has to be parsed again (a new extractor), by `archived_bytes`. Reading every page's
bytes up front held the whole archive in memory for the run (issue 14: 10,000 pages)."""
from __future__ import annotations

from dataclasses import dataclass

import duckdb


@dataclass(frozen=True)
class ArchivedPage:
    page_id: int
    sha256: str
    etag: str | None
    last_modified: str | None
    content: bytes | None  # None: not read (see `archived_bytes`)


def latest_pages(conn: duckdb.DuckDBPyConnection, bytes_of: tuple[str, ...] = ("list",)) -> dict[str, ArchivedPage]:
    """url -> the current (highest) version of each archived page, with its bytes when its kind
    is one of `bytes_of`."""
    rows = conn.execute(
        "SELECT url, page_id, sha256, etag, last_modified, CASE WHEN list_contains(?, kind) THEN bytes END"
        " FROM raw_pages QUALIFY row_number() OVER (PARTITION BY url ORDER BY version DESC) = 1",
        [list(bytes_of)],
    ).fetchall()
    return {url: ArchivedPage(pid, sha, etag, lm, None if content is None else bytes(content))
            for url, pid, sha, etag, lm, content in rows}


def archived_bytes(conn: duckdb.DuckDBPyConnection, page_ids: list[int]) -> dict[int, bytes]:
    """page_id -> the archived bytes of each of `page_ids`."""
    if not page_ids:
        return {}
    rows = conn.execute("SELECT page_id, bytes FROM raw_pages WHERE page_id IN (SELECT unnest(?))", [page_ids]).fetchall()
    return {pid: bytes(content) for pid, content in rows}
