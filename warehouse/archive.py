"""What the raw archive holds for each address: validators for conditional requests, and the
bytes to parse again when a server answers 304."""
from __future__ import annotations

from dataclasses import dataclass

import duckdb


@dataclass(frozen=True)
class ArchivedPage:
    page_id: int
    sha256: str
    etag: str | None
    last_modified: str | None
    content: bytes


def latest_pages(conn: duckdb.DuckDBPyConnection) -> dict[str, ArchivedPage]:
    """url -> the current (highest) version of each archived page."""
    rows = conn.execute(
        "SELECT url, page_id, sha256, etag, last_modified, bytes FROM raw_pages"
        " QUALIFY row_number() OVER (PARTITION BY url ORDER BY version DESC) = 1"
    ).fetchall()
    return {url: ArchivedPage(pid, sha, etag, lm, bytes(content)) for url, pid, sha, etag, lm, content in rows}
