"""`plangap sql` on a real warehouse file: read queries work; every way out of the warehouse
(writing files, reading local files, extensions, other databases, settings) is refused with
exit 2 and one line, and leaves the files it aimed at untouched."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from plangap.cli import main
from plangap.warehouse.db import connect
from plangap.warehouse.errors import QueryError
from plangap.warehouse.queries import run_query

SECRET = "root-only line the analysts must never read"


@pytest.fixture
def warehouse(tmp_path) -> Path:
    db = tmp_path / "plangap.duckdb"
    conn = connect(db)
    conn.execute("CREATE TABLE notes AS SELECT 1 AS n, '常州市' AS region")
    conn.close()
    return db


@pytest.fixture
def report(tmp_path) -> Path:
    path = tmp_path / "reports" / "gap-report.csv"
    path.parent.mkdir()
    path.write_text("status,count\nmet,3\n", encoding="utf-8")
    return path


@pytest.fixture
def secret(tmp_path) -> Path:
    path = tmp_path / "shadow"
    path.write_text(f"{SECRET}\n", encoding="utf-8")
    return path


def _sql(capsys, db: Path, query: str, *extra: str) -> tuple[int, str, str]:
    code = main(["sql", query, "--db", str(db), *extra])
    out, err = capsys.readouterr()
    return code, out, err


def test_select_on_the_warehouse_still_works(capsys, warehouse):
    code, out, err = _sql(capsys, warehouse, "SELECT n, region FROM notes", "--format", "json")
    assert (code, err) == (0, "")
    assert json.loads(out) == {"n": 1, "region": "常州市"}


@pytest.mark.parametrize("query", [
    "WITH x AS (SELECT n FROM notes) SELECT count(*) FROM x",
    "FROM notes",
    "DESCRIBE notes",
    "SHOW TABLES",
    "SELECT count(*) FROM gap_report",
    "EXPLAIN SELECT * FROM notes",
])
def test_read_queries_of_every_shape_run(warehouse, query):
    columns, rows = run_query(warehouse, query)
    assert columns and rows is not None


@pytest.mark.parametrize("query", [
    "COPY notes TO '{report}'",
    "COPY (SELECT 'owned' AS status) TO '{report}' (FORMAT csv)",
    "COPY (SELECT 1) TO '{report}.parquet' (FORMAT parquet)",
    "SELECT 1; COPY notes TO '{report}'",
    "EXPORT DATABASE '{report}.dir'",
])
def test_writing_files_is_refused(capsys, warehouse, report, query):
    before = report.read_bytes()
    code, out, err = _sql(capsys, warehouse, query.format(report=report))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith(f"{warehouse}: ")
    assert report.read_bytes() == before
    assert sorted(p.name for p in report.parent.iterdir()) == ["gap-report.csv"]


@pytest.mark.parametrize("query", [
    "SELECT * FROM read_text('{secret}')",
    "SELECT * FROM read_blob('{secret}')",
    "SELECT * FROM read_csv('{secret}')",
    "SELECT * FROM read_csv_auto('{secret}', header=false)",
    "SELECT * FROM read_json_auto('{secret}')",
    "SELECT * FROM read_parquet('{secret}')",
    "SELECT * FROM '{secret}'",
    "SELECT * FROM glob('{folder}/*')",
    "SELECT * FROM sniff_csv('{secret}')",
])
def test_reading_local_files_is_refused(capsys, warehouse, secret, query):
    code, out, err = _sql(capsys, warehouse, query.format(secret=secret, folder=secret.parent))
    assert code == 2 and out == ""
    assert err.count("\n") == 1
    assert SECRET not in err


@pytest.mark.parametrize("query, word", [
    ("INSTALL httpfs", "LOAD"),
    ("FORCE INSTALL httpfs", "LOAD"),
    ("LOAD httpfs", "LOAD"),
    ("ATTACH '{other}' AS other", "ATTACH"),
    ("SET enable_external_access = true", "SET"),
    ("RESET enable_external_access", "SET"),
    ("PRAGMA enable_profiling", "PRAGMA"),
    ("CREATE TABLE x (a INT)", "CREATE"),
    ("CALL pragma_version()", "CALL"),
])
def test_other_statements_are_refused_before_they_run(capsys, warehouse, tmp_path, query, word):
    code, out, err = _sql(capsys, warehouse, query.format(other=tmp_path / "other.duckdb"))
    assert code == 2 and out == ""
    assert err == (f"{warehouse}: refused: plangap sql is read-only and runs one read query "
                   f"(SELECT, WITH, DESCRIBE, SHOW, EXPLAIN), not {word}\n")
    assert not (tmp_path / "other.duckdb").exists()


def test_the_sandbox_holds_even_for_a_select(warehouse):
    """External access is off for the connection itself, not only by statement type."""
    columns, rows = run_query(warehouse, "SELECT current_setting('enable_external_access')")
    assert rows == [(False,)]
    with pytest.raises(QueryError, match="disabled by configuration"):
        run_query(warehouse, "SELECT * FROM read_text('/etc/hostname')")


def test_errors_are_one_line(capsys, warehouse):
    code, _, err = _sql(capsys, warehouse, "SELECT * FROM no_such_table")
    assert code == 2 and err.count("\n") == 1 and "no_such_table" in err


def test_an_empty_query_is_refused(capsys, warehouse):
    code, _, err = _sql(capsys, warehouse, "  ")
    assert code == 2 and err == f"{warehouse}: refused: plangap sql runs exactly one statement (got 0)\n"
