"""The report page written as it is rendered is the same page, byte for byte, as the one rendered whole."""
from __future__ import annotations

from builders import small_gap_warehouse as _warehouse
from report_builders import report_warehouse

from plangap.publish.report import HTML_NAME, render_html, render_html_bytes, write_report
from plangap.warehouse.queries import gap_rows


def test_streamed_page_equals_the_whole_page(tmp_path):
    for i, make in enumerate((_warehouse, report_warehouse)):
        conn = make(tmp_path / f"w{i}.duckdb")
        rows = gap_rows(conn)
        assert rows  # a page with rows, charts and sources
        whole = render_html(rows, run_info=[], previous=None)
        assert render_html_bytes(rows, run_info=[], previous=None) == whole.encode("utf-8")


def test_the_written_page_is_the_rendered_one(tmp_path):
    conn = _warehouse(tmp_path / "w.duckdb")
    path = write_report(conn, tmp_path / "reports")
    assert path.name == HTML_NAME
    assert path.read_text(encoding="utf-8").count("<tr") >= len(gap_rows(conn))
