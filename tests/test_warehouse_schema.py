"""Migrations, the schema against docs/warehouse.md, the analyst copy and read-only queries."""
from __future__ import annotations

import os
import re
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from plangap import warehouse
from plangap.warehouse.db import migrations

DOC = Path(__file__).resolve().parents[1] / "docs" / "warehouse.md"


def documented() -> dict[str, list[tuple[str, str]]]:
    """`### \\`name\\` (table|view)` headings followed by `| column | type | meaning |` rows."""
    out: dict[str, list[tuple[str, str]]] = {}
    current = None
    for line in DOC.read_text("utf-8").splitlines():
        if m := re.match(r"^### `(\w+)` \((?:table|view)\)\s*$", line):
            current = m.group(1)
            out[current] = []
        elif line.startswith("## "):
            current = None
        elif current and line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if cells[0] in ("column", "") or set(cells[0]) <= set("-:"):
                continue
            out[current].append((cells[0], cells[1]))
    return out


def actual(conn) -> dict[str, list[tuple[str, str]]]:
    rows = conn.execute("SELECT table_name, column_name, data_type FROM information_schema.columns"
                        " WHERE table_schema = 'main' ORDER BY table_name, ordinal_position").fetchall()
    out: dict[str, list[tuple[str, str]]] = {}
    for table, column, dtype in rows:
        out.setdefault(table, []).append((column, dtype))
    return out


def test_schema_matches_docs(tmp_path):
    conn = warehouse.connect(tmp_path / "w.duckdb")
    doc, db = documented(), actual(conn)
    assert sorted(doc) == sorted(db), "tables/views documented vs in the warehouse"
    for name in db:
        assert doc[name] == db[name], f"columns of {name} differ from docs/warehouse.md"


def test_doc_kinds_match(tmp_path):
    conn = warehouse.connect(tmp_path / "w.duckdb")
    kinds = dict(conn.execute("SELECT table_name, table_type FROM information_schema.tables"
                              " WHERE table_schema = 'main'").fetchall())
    for name, kind in re.findall(r"^### `(\w+)` \((table|view)\)", DOC.read_text("utf-8"), re.M):
        assert kinds[name] == ("VIEW" if kind == "view" else "BASE TABLE"), name


def test_new_file_is_built_from_nothing(tmp_path):
    conn = warehouse.connect(tmp_path / "w.duckdb")
    assert warehouse.schema_version(conn) == len(migrations())
    assert warehouse.migrate(conn) == []  # nothing pending


def test_old_file_upgrades_in_place(tmp_path):
    path = tmp_path / "old.duckdb"
    conn = warehouse.connect(path, migrate_to=1)
    assert warehouse.schema_version(conn) == 1
    conn.execute("INSERT INTO raw_pages VALUES (1, 'http://x', 1, '常州市', 'plan', NULL, NULL, ?, 200, NULL, NULL,"
                 " 'abc', NULL, 'x'::BLOB, 1, NULL)", [datetime(2020, 1, 1)])
    tables = {t for (t,) in conn.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert "mart_gap" not in tables and "raw_pages" in tables
    conn.close()
    conn = warehouse.connect(path)
    assert [v for (v,) in conn.execute("SELECT version FROM schema_migrations ORDER BY 1").fetchall()] \
        == list(range(1, len(migrations()) + 1))
    assert conn.execute("SELECT url FROM current_pages").fetchall() == [("http://x",)]
    assert conn.execute("SELECT count(*) FROM mart_gap").fetchall() == [(0,)]


def test_edited_migration_is_refused(tmp_path):
    path = tmp_path / "w.duckdb"
    warehouse.connect(path).execute("UPDATE schema_migrations SET checksum = 'x' WHERE version = 2").close()
    with pytest.raises(warehouse.MigrationError):
        warehouse.connect(path)


def test_migration_files_are_numbered():
    names = sorted(p.name for p in (Path(warehouse.__file__).parent / "migrations").glob("*"))
    assert all(re.match(r"^\d{3}_[a-z0-9_]+\.sql$", n) for n in names)
    assert [m.version for m in migrations()] == list(range(1, len(names) + 1))


def test_analyst_copy_is_atomic_and_read_only(tmp_path):
    src = tmp_path / "w.duckdb"
    conn = warehouse.connect(src)
    warehouse.start_run(conn, "r1")
    conn.close()
    dest = tmp_path / "share" / "plangap.duckdb"
    assert warehouse.publish_analyst_copy(src, dest) == dest
    assert not os.access(dest, os.W_OK) or os.geteuid() == 0
    assert oct(dest.stat().st_mode & 0o777) == "0o444"
    assert warehouse.run_query(dest, "SELECT run_id FROM run_log") == (["run_id"], [("r1",)])
    conn = warehouse.connect(src)
    warehouse.start_run(conn, "r2")
    conn.close()
    warehouse.publish_analyst_copy(src, dest)  # replaces the read-only file
    assert warehouse.run_query(dest, "SELECT count(*) AS n FROM run_log") == (["n"], [(2,)])
    assert [p.name for p in dest.parent.iterdir()] == ["plangap.duckdb"]  # no temp file left
    with pytest.raises(warehouse.CopyError):
        warehouse.publish_analyst_copy(tmp_path / "missing.duckdb", dest)


def test_analyst_copy_while_the_pipeline_holds_a_connection(tmp_path):
    src = tmp_path / "w.duckdb"
    conn = warehouse.connect(src)
    warehouse.start_run(conn, "r1")
    dest = warehouse.publish_analyst_copy(src, tmp_path / "copy.duckdb")
    assert warehouse.run_query(dest, "SELECT run_id FROM run_log")[1] == [("r1",)]
    conn.close()


def test_run_query_is_read_only(tmp_path):
    path = tmp_path / "w.duckdb"
    warehouse.connect(path).close()
    cols, rows = warehouse.run_query(path, "SELECT version, name FROM schema_migrations ORDER BY 1 LIMIT 1")
    assert cols == ["version", "name"] and rows == [(1, "raw_and_staging")]
    with pytest.raises(warehouse.QueryError):
        warehouse.run_query(path, "DELETE FROM run_log")
    with pytest.raises(warehouse.QueryError):
        warehouse.run_query(path, "SELECT * FROM no_such_table")
    with pytest.raises(warehouse.QueryError):
        warehouse.run_query(tmp_path / "missing.duckdb", "SELECT 1")
    with pytest.raises(duckdb.Error):  # the read-only connection refuses writes too
        warehouse.open_read_only(path).execute("CREATE TABLE x (i INT)")
