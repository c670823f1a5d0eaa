"""gap_rows builds its dicts from columns converted through Arrow and takes its order from an Arrow
sort of the keys (warehouse/arrow_rows.py, issue 14): the rows must be the dicts fetchall() and
DuckDB's ORDER BY give (values, their types, the columns and their order, NULLs, the order of odd
strings and NULLs), and a result Arrow cannot convert or sort as DuckDB does is read through
fetchall() and ORDER BY."""
from __future__ import annotations

from decimal import Decimal

import pytest
from report_builders import report_warehouse

from plangap.warehouse.arrow_rows import dict_rows
from plangap.warehouse.queries import GAP_ORDER, gap_rows

ORDER = "ORDER BY region, year, target_page_id, target_row_no"


def fetched(conn, sql: str, params: list | None = None) -> list[dict]:
    """The straightforward read: fetchall, a dict per row."""
    result = conn.execute(sql, params or [])
    names = [d[0] for d in result.description]
    return [dict(zip(names, row)) for row in result.fetchall()]


def gap_dicts(conn, region=None, year=None) -> list[dict]:
    return fetched(conn, f"SELECT * FROM gap_report WHERE (? IS NULL OR region = ?) AND (? IS NULL OR year = ?) {ORDER}",
                   [region, region, year, year])


def same(rows: list[dict], dicts: list[dict]) -> None:
    assert rows == dicts
    assert [list(r) for r in rows] == [list(d) for d in dicts]  # the columns, in their order
    assert [[type(v) for v in r.values()] for r in rows] == [[type(v) for v in d.values()] for d in dicts]


@pytest.fixture
def report(tmp_path):
    conn = report_warehouse(tmp_path / "w.duckdb")
    yield conn
    conn.close()


def test_rows_are_the_fetched_dicts(report):
    rows, dicts = gap_rows(report), gap_dicts(report)
    assert len(rows) == len(dicts) > 3
    assert any(v is None for d in dicts for v in d.values()) and any(d["actual_url"] for d in dicts)
    same(rows, dicts)


def test_each_row_is_a_dict_of_its_own(report):
    rows = gap_rows(report)
    assert all(type(r) is dict for r in rows)
    first = dict(rows[0])
    rows[0]["status"] = "changed"
    rows[0]["extra"] = 1
    assert all(r["status"] != "changed" and "extra" not in r for r in rows[1:])
    assert gap_rows(report)[0] == first


def test_filters_and_no_rows(report):
    years = sorted({d["year"] for d in gap_dicts(report)})
    for region, year in [("某市", None), (None, years[0]), ("某县", years[-1]), ("无锡市", None)]:
        same(gap_rows(report, region=region, year=year), gap_dicts(report, region, year))
    assert gap_rows(report, region="无锡市") == []


def test_the_order_is_duckdbs(report):
    """Arrow sorts the keys as DuckDB's ORDER BY does: text by its bytes, NULLs last, then the year."""
    regions = [None, "", "a", "B", "b", "Ä", "z", "某市", "某县", "无锡市", "𠀀市", "某市 ", "AB", "A"]
    for i, region in enumerate(regions * 2):
        report.execute("INSERT INTO gap_report (region, year, target_page_id, target_row_no, status)"
                       " VALUES (?, ?, ?, ?, 'no_data')", [region, None if i % 3 == 0 else 2020 + i % 4, 900 - i, i % 2])
    rows, dicts = gap_rows(report), gap_dicts(report)
    assert [tuple(r[k] for k in GAP_ORDER) for r in rows] == [tuple(d[k] for k in GAP_ORDER) for d in dicts]
    same(rows, dicts)


def test_a_column_arrow_does_not_convert_reads_through_fetchall(report):
    sql = ("SELECT * FROM (VALUES (2, 1.5::DECIMAL(9, 2), [1, 2], 'b'), (1, NULL, NULL, NULL),"
           " (NULL, 3.25::DECIMAL(9, 2), [], 'a')) AS t(k, amount, items, name)")
    rows = dict_rows(report, sql, None, ["k"])
    same(rows, fetched(report, f"{sql} ORDER BY k"))
    assert any(isinstance(r["amount"], Decimal) for r in rows) and any(r["items"] for r in rows)
    assert dict_rows(report, f"{sql} WHERE k > 5", None, ["k"]) == []


def test_a_float_key_is_ordered_by_duckdb(report):
    sql = "SELECT * FROM (VALUES ('nan'::DOUBLE, 'x'), (1.0, 'y'), (NULL, 'z'), (-2.0, 'w')) AS t(v, name)"
    got = [r["name"] for r in dict_rows(report, sql, None, ["v"])]
    assert got == [d["name"] for d in fetched(report, f"{sql} ORDER BY v")]
