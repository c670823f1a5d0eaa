"""Reads and writes of the run's inputs key (flows/inputs.py builds it; migration 014).

`current_page_digest` sums up the pages the warehouse reads now (their addresses and checksums);
`last_success_key` is the key of the last successful run; `record_inputs_key` stores a run's.
"""
from __future__ import annotations

import hashlib

import duckdb

_CURRENT_PAGES = """
SELECT url, sha256 FROM raw_pages
QUALIFY row_number() OVER (PARTITION BY url ORDER BY version DESC) = 1
ORDER BY url
"""


def current_page_digest(conn: duckdb.DuckDBPyConnection) -> str:
    """A sha256 over (url, sha256) of every page's current version, in address order."""
    digest = hashlib.sha256()
    for url, sha in conn.execute(_CURRENT_PAGES).fetchall():
        digest.update(f"{url}\t{sha}\n".encode())
    return digest.hexdigest()


def last_success_key(conn: duckdb.DuckDBPyConnection) -> tuple[str, str | None] | None:
    """(run_id, inputs_key) of the last successful run, or None before any."""
    row = conn.execute("SELECT run_id, inputs_key FROM run_log WHERE result = 'success'"
                       " ORDER BY ended_at DESC NULLS LAST, started_at DESC LIMIT 1").fetchone()
    return (row[0], row[1]) if row else None


def record_inputs_key(conn: duckdb.DuckDBPyConnection, run_id: str, key: str) -> None:
    conn.execute("UPDATE run_log SET inputs_key = ? WHERE run_id = ?", [key, run_id])
