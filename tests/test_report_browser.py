"""The report in a real browser: Debian's headless Chromium loads it from disk (offline), with no
console errors; the rendered DOM has the charts, the Chinese text and the filter applied from
the address's fragment; a screenshot at 390 px is not blank."""
from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from report_builders import EVIL, report_warehouse

from plangap.publish.report import write_report

pytestmark = pytest.mark.slow

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--enable-logging=stderr", "--v=0")


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    if not os.access(CHROMIUM, os.X_OK):
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM}: not installed (the project's set-up installs Debian's chromium)")
        pytest.skip("chromium is not installed (make test installs it)")
    base = tmp_path_factory.mktemp("browser")
    conn = report_warehouse(base / "w.duckdb")
    try:
        return write_report(conn, base / "reports")
    finally:
        conn.close()


def _chromium(report: Path, *args: str, fragment: str = "") -> subprocess.CompletedProcess:
    profile = report.parent.parent / f"profile-{abs(hash((args, fragment)))}"
    return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args, report.as_uri() + fragment],
                          capture_output=True, text=True, timeout=120, check=True)


def _dom(report: Path, fragment: str = "") -> tuple[str, str]:
    done = _chromium(report, "--dump-dom", fragment=fragment)
    return done.stdout, done.stderr


def _rows(dom: str) -> tuple[list[str], list[str]]:
    """(statuses of visible rows, statuses of hidden rows) of the targets table."""
    visible, hidden = [], []
    for tag in re.findall(r"<tr [^>]*data-status=[^>]*>", dom):
        status = re.search(r'data-status="(\w+)"', tag).group(1)
        (hidden if re.search(r"\shidden(=|\s|>)", tag) else visible).append(status)
    return visible, hidden


def test_page_loads_offline_without_console_errors_with_charts_and_chinese(report):
    dom, log = _dom(report)
    assert re.findall(r"CONSOLE[^\n]*", log) == []  # no script error, no CSP refusal
    assert "规划目标进展报告" in dom and "序时达标" in dom and "地区生产总值" in dom
    for chart in ("chart-status", "chart-bullet", "chart-pace"):
        assert re.search(rf'<figure class="chart" id="{chart}"><svg ', dom), chart
    assert '<output id="shown" aria-live="polite">6 / 6</output>' in dom  # the script ran


@pytest.mark.parametrize("fragment, visible", [
    ("#status=behind", ["behind"]),
    ("#region=%E6%9F%90%E5%8E%BF", ["no_data"]),  # 某县
    ("#q=5g%E5%9F%BA%E7%AB%99", ["no_data"]),  # 5G基站, searched in lower case
    ("#year=2021&status=on_track", ["on_track", "on_track"]),
])
def test_the_filter_in_the_address_hides_the_other_rows(report, fragment, visible):
    dom, log = _dom(report, fragment)
    shown, hidden = _rows(dom)
    assert shown == visible
    assert len(shown) + len(hidden) == 6
    assert f"<output id=\"shown\" aria-live=\"polite\">{len(visible)} / 6</output>" in dom


def test_a_scraped_script_is_text_not_code(report):
    dom, _ = _dom(report)
    assert EVIL not in dom
    assert "PM2.5浓度&lt;script&gt;alert('x')&lt;/script&gt;" in dom
    assert len(re.findall(r"<script[ >]", dom)) == 1


def _png_pixels(data: bytes) -> tuple[int, int, bytes]:
    """(width, height, decompressed scanlines) of a PNG file."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width, height = 8, b"", 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height = struct.unpack(">II", chunk[:8])
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    return width, height, zlib.decompress(idat)


def test_a_screenshot_at_390_px_is_not_blank(report):
    shot = report.parent / "shot-390.png"
    _chromium(report, "--window-size=390,900", f"--screenshot={shot}")
    width, height, pixels = _png_pixels(shot.read_bytes())
    assert (width, height) == (390, 900)
    ink = sum(1 for b in pixels if b < 0xF0) / len(pixels)
    assert ink > 0.02, f"screenshot nearly blank ({ink:.1%} dark bytes)"
