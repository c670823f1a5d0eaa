"""gap_report as a table (migration 013) read through Arrow (issue 14): gap_rows gives the rows, the
order and the values of the view it replaced, on warehouses built through warehouse/ functions;
table_frame gives the DataFrames `.df()` gave."""
from __future__ import annotations

import duckdb
import pandas as pd
import pytest
from builders import small_gap_warehouse
from report_builders import CITY, add_bulletin, report_warehouse

from plangap import warehouse
from plangap.warehouse.db import migrations
from plangap.warehouse.frames import table_frame
from plangap.warehouse.history import RegionRow, load_regions
from plangap.warehouse.queries import gap_rows

#: the gap_report view of migration 005, as analysts read it before 013: its SELECT, read from the file
OLD_VIEW = next(m.sql for m in migrations() if m.version == 5).split("CREATE OR REPLACE VIEW gap_report AS", 1)[1].strip().rstrip(";")


def old_rows(conn, region=None, year=None) -> list[dict]:
    """The straightforward read of the old view: fetchall, a dict per row."""
    result = conn.execute(f"SELECT * FROM ({OLD_VIEW}) WHERE (? IS NULL OR region = ?) AND (? IS NULL OR year = ?)"
                          " ORDER BY region, year, target_page_id, target_row_no", [region, region, year, year])
    names = [d[0] for d in result.description]
    return [dict(zip(names, row)) for row in result.fetchall()]


def same(new: list[dict], old: list[dict]) -> None:
    assert new == old
    assert [list(r) for r in new] == [list(r) for r in old]  # the columns, in their order
    assert [[type(v) for v in r.values()] for r in new] == [[type(v) for v in r.values()] for r in old]


@pytest.fixture
def report(tmp_path):
    conn = report_warehouse(tmp_path / "w.duckdb")
    yield conn
    conn.close()


def test_gap_rows_are_the_old_views_rows(report, tmp_path):
    rows = gap_rows(report)
    assert len(rows) > 3 and any(r["actual_url"] is None for r in rows) and any(r["actual_url"] for r in rows)
    same(rows, old_rows(report))
    small = small_gap_warehouse(tmp_path / "small.duckdb")
    same(gap_rows(small), old_rows(small))
    small.close()


def test_filters_keep_the_old_rows(report):
    years = {r["year"] for r in gap_rows(report)}
    for region, year in [(CITY, None), (None, min(years)), (CITY, max(years)), ("无锡市", None)]:
        same(gap_rows(report, region=region, year=year), old_rows(report, region, year))
    assert gap_rows(report, region="无锡市") == []


def test_a_rebuilt_mart_rewrites_gap_report(report):
    before = gap_rows(report)
    add_bulletin(report)  # a new page and fact, then build_gap_mart
    after = gap_rows(report)
    assert after != before
    same(after, old_rows(report))


def test_a_failed_build_leaves_gap_report_as_it_was(report):
    before = gap_rows(report)
    report.execute("ALTER TABLE gap_report RENAME COLUMN status TO status_was")  # the refresh must fail
    with pytest.raises(warehouse.LoadError):
        warehouse.build_gap_mart(report, before[0]["as_of"])
    report.execute("ALTER TABLE gap_report RENAME COLUMN status_was TO status")
    assert gap_rows(report) == before
    same(before, old_rows(report))


def test_a_warehouse_of_the_view_upgrades_with_its_rows(tmp_path):
    path = tmp_path / "old.duckdb"
    conn = report_warehouse(path)
    rows = gap_rows(conn)
    # back to schema 12: gap_report the view of 005, migration 013 not applied
    conn.execute("DROP TABLE gap_report")
    conn.execute(f"CREATE VIEW gap_report AS {OLD_VIEW}")
    conn.execute("DELETE FROM schema_migrations WHERE version = 13")
    conn.close()
    conn = warehouse.connect(path)
    assert warehouse.schema_version(conn) == len(migrations())
    kind = conn.execute("SELECT table_type FROM information_schema.tables WHERE table_name = 'gap_report'").fetchall()
    assert kind == [("BASE TABLE",)]
    same(gap_rows(conn), rows)
    conn.close()


def test_the_analyst_copy_reads_the_same_rows(report, tmp_path):
    rows = gap_rows(report)
    report.execute("CHECKPOINT")
    copy = warehouse.publish_analyst_copy(tmp_path / "w.duckdb", tmp_path / "copy" / "latest.duckdb")
    ro = duckdb.connect(str(copy), read_only=True)
    try:
        same(gap_rows(ro), rows)
    finally:
        ro.close()


def _df(conn, table: str) -> pd.DataFrame:
    """table_frame as it was: the columns but BLOBs, DuckDB's own DataFrame conversion."""
    cols = conn.execute("SELECT column_name FROM information_schema.columns WHERE table_name = ?"
                        " AND data_type <> 'BLOB' ORDER BY ordinal_position", [table]).fetchall()
    return conn.execute(f'SELECT {", ".join(chr(34) + c + chr(34) for (c,) in cols)} FROM "{table}"').df()


def test_table_frame_is_the_frame_df_gave(report):
    load_regions(report, [RegionRow("某市", "city", None, ("某市", "某"), (), ("a",)),
                          RegionRow("某县", "county", "某市", ("某县",), ("某市",), ())])
    tables = [t for (t,) in report.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' AND table_type = 'BASE TABLE'"
    ).fetchall()]
    assert {"gap_report", "mart_gap", "run_log", "dim_region", "raw_pages", "status_history"} <= set(tables)
    for table in tables:  # views without an ORDER BY may give their rows in another order per query
        pd.testing.assert_frame_equal(table_frame(report, table), _df(report, table), check_exact=True,
                                      obj=table)
