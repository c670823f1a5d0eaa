"""Publish a read-only copy of the warehouse for analysts (DuckDB allows one writer per file)."""
from __future__ import annotations

import os
import shutil
import stat
import tempfile
from pathlib import Path

import duckdb

from plangap.warehouse.errors import CopyError


def publish_analyst_copy(db_path: str | Path, dest_path: str | Path) -> Path:
    """Checkpoint `db_path`, copy it beside `dest_path`, check it opens, then os.replace it in place.

    The copy is made read-only (mode 0444); readers of the old copy never see a half-written file.
    """
    src, dest = Path(db_path), Path(dest_path)
    if not src.is_file():
        raise CopyError(f"no warehouse at {src}")
    if src.resolve() == dest.resolve():
        raise CopyError("the analyst copy must not be the warehouse itself")
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = ""
    try:
        conn = duckdb.connect(str(src))
        try:
            conn.execute("CHECKPOINT")
        finally:
            conn.close()
        fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=dest.parent)
        os.close(fd)
        shutil.copyfile(src, tmp)
        check = duckdb.connect(tmp, read_only=True)
        try:
            check.execute("SELECT count(*) FROM schema_migrations").fetchall()
        finally:
            check.close()
        os.chmod(tmp, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
        os.replace(tmp, dest)
        tmp = ""
    except (duckdb.Error, OSError) as exc:
        raise CopyError(f"cannot publish {src} to {dest}: {exc}") from exc
    finally:
        if tmp and os.path.exists(tmp):
            os.unlink(tmp)
    return dest
