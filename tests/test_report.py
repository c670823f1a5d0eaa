"""The gap report: written from a real warehouse, Chinese first, every row traceable to its sources."""
from __future__ import annotations

import re
import stat

import vl_convert as vlc
from builders import BULLETIN_URL, PLAN_URL
from builders import small_gap_warehouse as _warehouse
from report_builders import EVIL, add_bulletin, report_warehouse

from plangap.cli import main
from plangap.publish import charts
from plangap.publish.format import gap_text, has_attainment, period_text, target_text
from plangap.publish.report import write_report

OUTPUTS = ["facts.parquet", "gap-report.csv", "gap-report.html", "gap_report.parquet", "targets.parquet"]


def test_report_shows_status_actual_and_both_sources(tmp_path):
    conn = _warehouse(tmp_path / "w.duckdb")
    html = write_report(conn, tmp_path / "reports").read_text(encoding="utf-8")
    assert "达成" in html and "achieved" in html and "不可量化" in html
    assert f'href="{PLAN_URL}"' in html and f'href="{BULLETIN_URL}"' in html
    assert "全年城镇新增就业10.2万人" in html and "2020年统计公报" in html
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert sorted(p.name for p in (tmp_path / "reports").iterdir()) == OUTPUTS


def test_files_are_world_readable_and_linked_from_the_page(tmp_path):
    conn = _warehouse(tmp_path / "w.duckdb")
    html = write_report(conn, tmp_path / "reports").read_text(encoding="utf-8")
    for name in OUTPUTS:
        assert stat.S_IMODE((tmp_path / "reports" / name).stat().st_mode) == 0o644, name
        if name != "gap-report.html":
            assert f'href="{name}"' in html


def test_measured_targets_come_first_with_target_as_written_gap_and_pace(tmp_path):
    conn = report_warehouse(tmp_path / "w.duckdb")
    html = write_report(conn, tmp_path / "reports").read_text(encoding="utf-8")
    body = html[html.index('<table id="targets-table"'):]
    statuses = re.findall(r'<tr class="\w+" data-status="(\w+)"', body)
    assert statuses == ["on_track", "on_track", "behind", "no_data", "no_data", "not_measurable"]
    assert "增长6.5%左右" in body and "+1.8个百分点" in body
    assert "375" not in body and "127.7%" not in body  # no attainment of a rate over a rate (8.3 / 6.5)
    assert "序时进度：9个月应达 6.75万人（全年目标的 9/12）" in body and "-0.75万人" in body
    assert "2021年1–9月" in body and "前三季度统计月报" in body
    assert "(北京时间)" in html and "UTC" not in html.split("<script>")[0]


def test_scraped_markup_shows_as_text(tmp_path):
    conn = report_warehouse(tmp_path / "w.duckdb")
    html = write_report(conn, tmp_path / "reports").read_text(encoding="utf-8")
    assert EVIL not in html
    assert "&lt;script&gt;alert(" in html
    assert html.count("<script>") == 1  # the page's own script, allowed by its CSP hash only
    assert "script-src 'sha256-" in html


def test_charts_are_embedded_svg_with_chinese_labels(tmp_path):
    conn = report_warehouse(tmp_path / "w.duckdb")
    html = write_report(conn, tmp_path / "reports").read_text(encoding="utf-8")
    for chart in ("chart-status", "chart-bullet", "chart-pace"):
        figure = html[html.index(f'id="{chart}"'):]
        assert figure.index("<svg") < figure.index("</figure>")
    assert ">各地区、年度目标状态</text>" in html and ">序时目标</text>" in html
    assert "http" not in re.sub(r'xmlns(:xlink)?="[^"]+"', "", html[html.index("<svg"):html.rindex("</svg>")])


def test_chinese_labels_render_as_glyphs_not_boxes():
    """With a CJK font installed, 达成 and 成达 draw different pixels; missing glyphs would draw
    two identical boxes either way."""
    def png(label):
        return vlc.svg_to_png(charts.status_chart([{"region": label, "year": 2021, "counts": {"achieved": 1}}]))

    assert png("达成") != png("成达")


def test_changes_since_the_previous_report(tmp_path):
    conn = report_warehouse(tmp_path / "w.duckdb")
    first = write_report(conn, tmp_path / "reports").read_text(encoding="utf-8")
    assert "首份报告" in first
    add_bulletin(conn)
    second = write_report(conn, tmp_path / "reports").read_text(encoding="utf-8")
    changes = second[second.index('id="changes"'):second.index('id="charts"')]
    assert "某市2021 地区生产总值：新数据 8.1%（2021年）；状态 序时达标 → 达成" in changes


def test_format_rules():
    growth = {"target_value": 6.5, "target_value_normalized": 6.5, "target_unit": "%", "kind": "rate",
              "modifier": "左右", "comparator": "=", "gap": 1.8, "attainment": 1.277}
    assert target_text(growth) == "增长6.5%左右" and gap_text(growth) == "+1.8个百分点"
    assert not has_attainment(growth)
    assert target_text({"target_value": 50.0, "target_unit": "个", "comparator": ">=", "kind": "count"}) == "≥ 50个"
    assert target_text({"target_value": 3.0, "target_value_normalized": -3.0, "target_unit": "%", "kind": "rate",
                        "modifier": "以上", "comparator": ">="}) == "下降3%以上"
    assert target_text({"target_value": 6.0, "target_value_max": 6.5, "target_unit": "%", "kind": "rate",
                        "target_value_normalized": 6.0, "comparator": "range"}) == "增长6–6.5%"
    assert period_text("2021-01/2021-09") == "2021年1–9月" and period_text("2020-12-31") == "2020年末"


def test_report_command_reads_the_warehouse_read_only(tmp_path, capsys):
    _warehouse(tmp_path / "w.duckdb").close()
    code = main(["report", "--db", str(tmp_path / "w.duckdb"), "--reports", str(tmp_path / "out")])
    assert code == 0
    assert (tmp_path / "out" / "gap-report.html").is_file()
    assert capsys.readouterr().out.strip() == f"report: {tmp_path / 'out' / 'gap-report.html'}"


def _measured_row(i: int, year: int, status: str) -> dict:
    return {"region": f"市{i % 7}", "year": year, "indicator": f"指标{i}", "status": status,
            "actual_in_target_unit": 5.0 + i % 3, "expected_value": 6.0, "target_value": 6.0,
            "target_value_max": None, "target_unit": "%", "target_comparator": "=", "target_modifier": None,
            "target_kind": "rate", "target_value_normalized": 6.0}


def test_a_chart_of_many_targets_shows_the_recent_ones_and_says_how_many():
    """A province over ten years has thousands of measured targets: the bullet chart draws at most
    MAX_BULLETS (the latest year's first, missed and behind before achieved) and its title says
    how many of how many; the status chart at most MAX_GROUPS region-years."""
    rows = [_measured_row(i, 2015 + i % 10, ("achieved", "behind", "missed")[i % 3]) for i in range(300)]
    svg = charts.bullet_chart(rows)
    assert svg is not None
    assert f"（显示 {charts.MAX_BULLETS} / 300 项：最近年度优先）" in svg
    drawn = re.findall(r">市\d(20\d\d) 指标(\d+)</text>", svg)
    assert len(drawn) == charts.MAX_BULLETS
    latest = [int(i) for y, i in drawn if y == "2024"]
    before = [int(i) for y, i in drawn if y == "2023"]
    assert len(latest) == 30 and len(before) == charts.MAX_BULLETS - 30  # 30 targets a year
    assert all(rows[i]["status"] in ("missed", "behind") for i in before)  # attention first
    few = charts.bullet_chart(rows[:3])
    assert few is not None and "显示" not in few
    groups = [{"region": f"市{i}", "year": 2000 + i, "counts": {"achieved": 1}} for i in range(60)]
    status = charts.status_chart(groups)
    assert f"（显示 {charts.MAX_GROUPS} / 60 项：最近年度优先）" in status and ">市59 2059</text>" in status
    assert ">市0 2000</text>" not in status
