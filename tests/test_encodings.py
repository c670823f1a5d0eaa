"""Odd encodings end to end through the command line: a Big5 plan page without a charset gives
readable text and its targets; a GB18030 page served as utf-8 (over loopback HTTP) gives its
figures; a page nothing can read is named in one line, exit 2."""
from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from plangap.cli import main

PLAN_TRAD = ("<html><head><title>臺中市國民經濟和社會發展第十四個五年規劃綱要</title></head><body><div class='article'>"
             "<p>主要目標：到2025年，全市地區生產總值年均增長6%左右，城鎮新增就業人數每年保持在5萬人以上，"
             "森林覆蓋率達到30%。</p></div></body></html>")
PLAN_SIMP = ("<html><head><title>台中市国民经济和社会发展第十四个五年规划纲要</title></head><body><div class='article'>"
             "<p>主要目标：到2025年，全市地区生产总值年均增长6%左右，城镇新增就业人数每年保持在5万人以上，"
             "森林覆盖率达到30%。</p></div></body></html>")
BULLETIN = ("<html><head><title>东岸市2021年国民经济和社会发展统计公报</title></head><body><div class='article'>"
            "<p>全年全市实现地区生产总值1234.5亿元，比上年增长8.1%。朱镕基路沿线新增企业12家。</p></div></body></html>")


def _rows(capsys, *argv) -> list[dict]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert code == 0, err
    return [json.loads(line) for line in out.splitlines()]


def _key(rows: list[dict]) -> list[tuple]:
    return sorted((r["value"], r["unit"], r["comparator"]) for r in rows)


def test_a_big5_plan_page_without_charset_gives_its_targets(tmp_path, capsys):
    big5, simp = tmp_path / "plan-big5.html", tmp_path / "plan-utf8.html"
    big5.write_bytes(PLAN_TRAD.encode("big5"))
    simp.write_bytes(PLAN_SIMP.encode("utf-8"))
    rows = _rows(capsys, "targets", str(big5), "--json")
    assert rows and _key(rows) == _key(_rows(capsys, "targets", str(simp), "--json"))
    assert any("地區生產總值年均增長6%左右" in r["clause"] for r in rows)  # readable, as written


@pytest.fixture
def server():
    pages = {"/gb-as-utf8": (BULLETIN.encode("gb18030"), "text/html; charset=utf-8"),
             "/unreadable": (b"<html><body><p>" + "地区".encode() + b"\xff\xfe</p></body></html>",
                             "text/html; charset=utf-8")}

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            body, ctype = pages[self.path]
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_a_gb18030_page_labelled_utf8_gives_its_figures(server, capsys):
    rows = _rows(capsys, "facts", server + "/gb-as-utf8", "--json")
    assert {(r["measure"], r["value_normalized"]) for r in rows} >= {("growth_pct", 8.1)}
    assert any("朱镕基" in r["clause"] or "地区生产总值" in r["clause"] for r in rows)


def test_a_page_nothing_reads_is_named_in_one_line(server, capsys):
    url = server + "/unreadable"
    assert main(["facts", url]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"{url}: undecodable bytes at offset 21 for the utf-8 encoding declared by the HTTP header\n"
