"""gap_rows gives Rows (warehouse/rows.py), read-only mappings over the result's columns, in place of
a dict per row (issue 14): each reads like the dict fetchall() gives (values, their types, the
columns and their order, NULLs), they come in DuckDB's ORDER BY order, and a consumer's output
(the report page, the CSV, a template's attribute and subscript reads) is the one dicts give."""
from __future__ import annotations

import pickle
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from report_builders import report_warehouse

from plangap.publish.exports import render_csv
from plangap.publish.report import environment, render_html
from plangap.warehouse.arrow_rows import read_rows
from plangap.warehouse.queries import gap_rows
from plangap.warehouse.rows import Row

ORDER = "ORDER BY region, year, target_page_id, target_row_no"
NOW = datetime(2021, 11, 21, 4, 0, tzinfo=UTC)


def fetched(conn, sql: str, params: list | None = None) -> list[dict]:
    """The straightforward read: fetchall, a dict per row."""
    result = conn.execute(sql, params or [])
    names = [d[0] for d in result.description]
    return [dict(zip(names, row)) for row in result.fetchall()]


def gap_dicts(conn, region=None, year=None) -> list[dict]:
    return fetched(conn, f"SELECT * FROM gap_report WHERE (? IS NULL OR region = ?) AND (? IS NULL OR year = ?) {ORDER}",
                   [region, region, year, year])


@pytest.fixture
def report(tmp_path):
    conn = report_warehouse(tmp_path / "w.duckdb")
    yield conn
    conn.close()


def test_rows_read_as_the_fetched_dicts(report):
    rows, dicts = gap_rows(report), gap_dicts(report)
    assert len(rows) == len(dicts) > 3
    assert any(v is None for d in dicts for v in d.values()) and any(d["actual_url"] for d in dicts)
    for row, d in zip(rows, dicts):
        assert isinstance(row, Row) and not isinstance(row, dict)
        assert row == d and d == row and (row != d) is False
        assert list(row) == list(d) and list(row.keys()) == list(d.keys()) and len(row) == len(d)
        assert list(row.values()) == list(d.values()) and list(row.items()) == list(d.items())
        assert [type(v) for v in row.values()] == [type(v) for v in d.values()]
        assert [row[k] for k in d] == list(d.values()) and [row.get(k) for k in d] == list(d.values())
        assert dict(row) == d and list(dict(row)) == list(d) and {**row} == d and row.copy() == d
        assert list(reversed(row)) == list(reversed(d))
        assert ("status" in row, "no_such_column" in row) == (True, False)
        assert row.get("no_such_column") is None and row.get("no_such_column", 7) == 7
        assert row.keys() & {"status", "x"} == {"status"}
        assert (row | {"status": "x"}) == (d | {"status": "x"}) and ({"status": "x"} | row) == ({"status": "x"} | d)
        assert pickle.loads(pickle.dumps(row)) == d
    assert rows == dicts and dicts == rows
    other = dict(dicts[0], status="changed")
    assert rows[0] != other and other != rows[0] and rows[0] != rows[1] and rows[0] == gap_rows(report)[0]


def test_rows_cannot_be_changed_or_hashed(report):
    row = gap_rows(report)[0]
    with pytest.raises(KeyError):
        row["no_such_column"]
    with pytest.raises(TypeError):
        row["status"] = "achieved"  # type: ignore[index]
    with pytest.raises(TypeError):
        hash(row)
    with pytest.raises(AttributeError):
        row.status = "achieved"  # type: ignore[attr-defined]


def test_filters_and_no_rows(report):
    years = sorted({d["year"] for d in gap_dicts(report)})
    for region, year in [("某市", None), (None, years[0]), ("某县", years[-1]), ("无锡市", None)]:
        assert gap_rows(report, region=region, year=year) == gap_dicts(report, region, year)
    assert gap_rows(report, region="无锡市") == []


def test_the_order_is_duckdbs(report):
    """Arrow sorts the keys as DuckDB's ORDER BY does: text by its bytes, NULLs last, then the year."""
    regions = [None, "", "a", "B", "b", "Ä", "z", "某市", "某县", "无锡市", "𠀀市", "某市 ", "AB", "A"]
    for i, region in enumerate(regions * 2):
        report.execute("INSERT INTO gap_report (region, year, target_page_id, target_row_no, status)"
                       " VALUES (?, ?, ?, ?, 'no_data')", [region, None if i % 3 == 0 else 2020 + i % 4, 900 - i, i % 2])
    rows, dicts = gap_rows(report), gap_dicts(report)
    key = ("region", "year", "target_page_id", "target_row_no")
    assert [tuple(r[k] for k in key) for r in rows] == [tuple(d[k] for k in key) for d in dicts]
    assert rows == dicts


def test_a_column_arrow_does_not_convert_reads_through_fetchall(report):
    sql = ("SELECT * FROM (VALUES (2, 1.5::DECIMAL(9, 2), [1, 2], 'b'), (1, NULL, NULL, NULL),"
           " (NULL, 3.25::DECIMAL(9, 2), [], 'a')) AS t(k, amount, items, name)")
    rows = read_rows(report, sql, None, ["k"])
    assert rows == fetched(report, f"{sql} ORDER BY k")
    assert [r["amount"] for r in rows] == [None, Decimal("1.50"), Decimal("3.25")]
    assert read_rows(report, f"{sql} WHERE k > 5", None, ["k"]) == []


def test_a_float_key_is_ordered_by_duckdb(report):
    sql = "SELECT * FROM (VALUES ('nan'::DOUBLE, 'x'), (1.0, 'y'), (NULL, 'z'), (-2.0, 'w')) AS t(v, name)"
    got = [r["name"] for r in read_rows(report, sql, None, ["v"])]
    assert got == [d["name"] for d in fetched(report, f"{sql} ORDER BY v")]


def test_the_report_and_the_csv_are_those_of_dicts(report):
    rows, dicts = gap_rows(report), gap_dicts(report)
    assert render_html(rows, now=NOW, previous=dicts[1:]) == render_html(dicts, now=NOW, previous=dicts[1:])
    assert render_csv(rows) == render_csv(dicts)


def test_a_template_reads_a_row_as_a_dict(report):
    template = environment().from_string(
        "{% for r in rows %}{{ r.region }}|{{ r['status'] }}|{{ r.get('gap') | num }}|{{ r.missing }}|"
        "{{ 'reason' in r }}|{{ r | length }}|{% for k, v in r.items() %}{{ k }}={{ v }};{% endfor %}"
        "{{ r.actual_value | default('none', true) }}|{{ r.as_of }}\n{% endfor %}")
    rows, dicts = gap_rows(report), gap_dicts(report)
    assert template.render(rows=rows) == template.render(rows=dicts)
    assert "某市" in template.render(rows=rows) and date(2021, 11, 20).isoformat() in template.render(rows=rows)
