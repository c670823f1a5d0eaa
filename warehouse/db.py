"""Open a warehouse and bring its schema up to date with the versioned migrations."""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb

from plangap.warehouse.errors import MigrationError, WarehouseError

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
_NAME = re.compile(r"^(\d{3})_([a-z0-9_]+)\.sql$")

_LEDGER = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       VARCHAR NOT NULL,
    checksum   VARCHAR NOT NULL,
    applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp
)"""


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.sql.encode("utf-8")).hexdigest()


def migrations(directory: Path = MIGRATIONS_DIR) -> list[Migration]:
    """The migration files, in order; numbers must run 1, 2, 3 ... without gaps."""
    found: list[Migration] = []
    for path in sorted(directory.glob("*.sql")):
        m = _NAME.match(path.name)
        if not m:
            raise MigrationError(f"bad migration file name: {path.name}")
        found.append(Migration(int(m.group(1)), m.group(2), path.read_text("utf-8")))
    for i, mig in enumerate(found, start=1):
        if mig.version != i:
            raise MigrationError(f"migration numbers must be consecutive from 001: {mig.version:03d}")
    return found


@contextmanager
def transaction(conn: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """BEGIN ... COMMIT, or ROLLBACK and re-raise."""
    conn.execute("BEGIN TRANSACTION")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def applied(conn: duckdb.DuckDBPyConnection) -> dict[int, str]:
    """Version -> checksum of the migrations recorded in the file."""
    conn.execute(_LEDGER)
    return {v: c for v, c in conn.execute("SELECT version, checksum FROM schema_migrations").fetchall()}


def migrate(conn: duckdb.DuckDBPyConnection, target: int | None = None) -> list[int]:
    """Apply the pending migrations up to `target` (all by default); return the versions applied."""
    done = applied(conn)
    ran: list[int] = []
    for mig in migrations():
        if target is not None and mig.version > target:
            break
        if mig.version in done:
            if done[mig.version] != mig.checksum:
                raise MigrationError(f"migration {mig.version:03d}_{mig.name} changed after it was applied")
            continue
        try:
            with transaction(conn):
                conn.execute(mig.sql)
                conn.execute(
                    "INSERT INTO schema_migrations (version, name, checksum) VALUES (?, ?, ?)",
                    [mig.version, mig.name, mig.checksum],
                )
        except duckdb.Error as exc:
            raise MigrationError(f"migration {mig.version:03d}_{mig.name} failed: {exc}") from exc
        ran.append(mig.version)
    return ran


def schema_version(conn: duckdb.DuckDBPyConnection) -> int:
    """The highest migration applied (0 for a new file)."""
    return max(applied(conn), default=0)


def connect(path: str | Path, *, migrate_to: int | None = None) -> duckdb.DuckDBPyConnection:
    """Open (or create) the warehouse file at `path` with its migrations applied."""
    try:
        conn = duckdb.connect(str(path))
    except duckdb.Error as exc:  # e.g. another process holds the file for writing
        raise WarehouseError(f"cannot open the warehouse {path}: {exc}") from exc
    try:
        migrate(conn, migrate_to)
    except BaseException:
        conn.close()
        raise
    return conn
