"""`plangap targets/facts URL` fetch with the run's HTTP settings (timeout, retries, deadline,
size), over a real loopback server; a bad setting is one line and exit 2 for every command."""
from __future__ import annotations

import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from plangap.cli import main

PAGE = "<html><body><div class='article'><p>全年地区生产总值增长6.1%。</p></div></body></html>".encode()


@pytest.fixture
def server():
    hits: Counter[str] = Counter()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:
            pass

        def _send(self, status: int, body: bytes = PAGE) -> None:
            try:
                self.send_response(status)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except OSError:  # the client gave up (the timeout test)
                pass

        def do_GET(self) -> None:  # noqa: N802
            hits[self.path] += 1
            if self.path == "/busy-once":
                self._send(503 if hits[self.path] == 1 else 200)
            elif self.path == "/slow":
                time.sleep(1.5)
                self._send(200)
            elif self.path == "/trickle":
                self.send_response(200)
                self.send_header("Content-Length", "100")
                self.end_headers()
                try:
                    for _ in range(100):
                        self.wfile.write(b"x")
                        self.wfile.flush()
                        time.sleep(0.2)
                except OSError:
                    pass
            else:
                self._send(200)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    httpd.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.hits = hits
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def _call(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("name, value, what", [
    ("PLANGAP_HTTP_TIMEOUT", "abc", "a positive number of seconds"),
    ("PLANGAP_HTTP_TIMEOUT", "0", "a positive number of seconds"),
    ("PLANGAP_HTTP_TIMEOUT", "nan", "a positive number of seconds"),
    ("PLANGAP_HTTP_RETRIES", "-1", "a whole number, 0 or more"),
    ("PLANGAP_HTTP_RETRIES", "two", "a whole number, 0 or more"),
    ("PLANGAP_HTTP_DEADLINE", "soon", "a positive number of seconds"),
])
@pytest.mark.parametrize("command", [("facts", "http://127.0.0.1:9/x"), ("sql", "SELECT 1"), ("run",)])
def test_a_bad_http_setting_is_one_line_exit_2(capsys, monkeypatch, tmp_path, name, value, what, command):
    monkeypatch.setenv(name, value)
    monkeypatch.setenv("PLANGAP_DB", str(tmp_path / "none.duckdb"))
    code, out, err = _call(capsys, *command)
    assert (code, out) == (2, "")
    assert err == f"{name}={value}: expected {what}\n"


def test_retries_come_from_the_settings(server, capsys, monkeypatch):
    monkeypatch.setenv("PLANGAP_HTTP_RETRIES", "0")
    url = server.base + "/busy-once"
    assert _call(capsys, "facts", url) == (2, "", f"{url}: HTTP 503 after 1 attempt(s)\n")
    server.hits.clear()
    monkeypatch.setenv("PLANGAP_HTTP_RETRIES", "1")
    code, out, err = _call(capsys, "facts", url, "--json")
    assert (code, err) == (0, "") and '"value": 6.1' in out
    assert server.hits["/busy-once"] == 2


def test_the_timeout_comes_from_the_settings(server, capsys, monkeypatch):
    monkeypatch.setenv("PLANGAP_HTTP_TIMEOUT", "0.3")
    monkeypatch.setenv("PLANGAP_HTTP_RETRIES", "0")
    url = server.base + "/slow"
    code, _, err = _call(capsys, "targets", url)
    assert code == 2 and err == f"{url}: connection failed after 1 attempts (ReadTimeout)\n"


def test_the_deadline_comes_from_the_settings(server, capsys, monkeypatch):
    monkeypatch.setenv("PLANGAP_HTTP_DEADLINE", "1")
    url = server.base + "/trickle"
    assert _call(capsys, "facts", url) == (2, "", f"{url}: download took longer than 1 s\n")


def test_the_size_limit_applies_to_downloads(server, capsys, monkeypatch):
    monkeypatch.setenv("PLANGAP_MAX_PAGE_BYTES", "50")
    url = server.base + "/page"
    assert _call(capsys, "facts", url) == (2, "", f"{url}: page larger than 50 bytes\n")
