"""HttpClient against hostile loopback servers: a body trickled under a Content-Length, headers
trickled byte by byte, redirects within and off the hosts a page allows, redirect loops.

A trickle is judged from the server's side: the server notes how many bytes it wrote before
the client hung up, so a client that waits for the whole trickle fails the test."""
from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from plangap.extract.http import FetchError, HttpClient, NetworkPolicy
from plangap.extract.page import SourcePage

TRICKLE_BYTES = 60  # at 0.2 s a byte: 12 s for the whole body


class _Server:
    def __init__(self) -> None:
        self.sent = 0
        self.hung_up = threading.Event()
        self.done = threading.Event()
        self.other_base = ""  # the same server under another host name (localhost)


def _handler(state: _Server):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:
            pass

        def _trickle(self, data: bytes) -> None:
            try:
                for i in range(len(data)):
                    self.wfile.write(data[i:i + 1])
                    self.wfile.flush()
                    state.sent += 1
                    time.sleep(0.2)
            except OSError:
                state.hung_up.set()
            finally:
                state.done.set()

        def _send(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:  # noqa: N802
            if self.path == "/trickle-body":
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(TRICKLE_BYTES))
                self.end_headers()
                self.wfile.flush()
                self._trickle(b"x" * TRICKLE_BYTES)
            elif self.path == "/trickle-headers":
                self._trickle(b"HTTP/1.1 200 OK\r\nX-Slow: " + b"y" * TRICKLE_BYTES + b"\r\n\r\n")
            elif self.path == "/page":
                self._send(200, "<html><body><p>目标页</p></body></html>".encode(), {"Content-Type": "text/html; charset=utf-8"})
            elif self.path == "/moved":
                self._send(301, headers={"Location": "/page"})
            elif self.path == "/moved-twice":
                self._send(302, headers={"Location": "/moved"})
            elif self.path == "/off-host":
                self._send(302, headers={"Location": state.other_base + "/page"})
            elif self.path == "/elsewhere":
                self._send(302, headers={"Location": "http://unrelated.example.org/page"})
            elif self.path == "/ftp":
                self._send(302, headers={"Location": "ftp://127.0.0.1/page"})
            elif self.path == "/www.example.gov.cn/old":  # a snapshot-style path: /<host>/<path>
                self._send(301, headers={"Location": "/www.example.gov.cn/new?p=1"})
            elif self.path == "/www.example.gov.cn/new?p=1":
                self._send(200, "<html><body><p>新址</p></body></html>".encode(), {"Content-Type": "text/html; charset=utf-8"})
            elif self.path == "/loop":
                self._send(302, headers={"Location": "/loop"})
            else:
                self._send(404)

    return Handler


@pytest.fixture
def server():
    state = _Server()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    port = httpd.server_address[1]
    state.base = f"http://127.0.0.1:{port}"
    state.other_base = f"http://localhost:{port}"
    yield state
    httpd.shutdown()
    httpd.server_close()


def _client(**policy) -> HttpClient:
    policy = {"timeout": 5.0, "retries": 0, "backoff": 0, **policy}
    return HttpClient(NetworkPolicy(**policy), sleep=lambda s: None)


def _src(server, path: str, allow_hosts: tuple[str, ...] = ()) -> SourcePage:
    return SourcePage(url=server.base + path, kind="article", region="测试市", allow_hosts=allow_hosts)


# --- the deadline -------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/trickle-body", "/trickle-headers"])
def test_a_trickle_is_stopped_at_the_deadline(server, path):
    """Every recv is quick (one byte), so only a deadline checked on every read, with the
    socket shut down when a recv outlives it, stops the page before the trickle ends."""
    src = _src(server, path)
    with pytest.raises(FetchError) as err:
        _client(total_timeout=1.0).fetch(src)
    assert str(err.value) == f"{src.url}: download took longer than 1 s"
    assert server.done.wait(30)
    assert server.hung_up.is_set(), "the client read the whole trickle"
    assert server.sent < TRICKLE_BYTES


def test_a_trickle_is_not_retried(server):
    with pytest.raises(FetchError, match="download took longer than 1 s"):
        _client(total_timeout=1.0, retries=3).fetch(_src(server, "/trickle-body"))
    assert server.done.wait(30)
    assert server.sent < TRICKLE_BYTES


def test_the_deadline_covers_the_waits_between_retries(server):
    slept: list[float] = []
    client = HttpClient(NetworkPolicy(timeout=5, retries=3, backoff=60, total_timeout=5), sleep=slept.append)
    with pytest.raises(FetchError) as err:
        client.fetch(_src(server, "/none"))  # 404: not retried
    assert err.value.reason == "HTTP 404 after 1 attempt(s)"
    import socket

    with socket.socket() as s:  # refused: a retry would wait 60 s, past the 5 s deadline
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(FetchError) as err:
        client.fetch(SourcePage(url=f"http://127.0.0.1:{port}/x", kind="article", region="r"))
    assert err.value.reason == "no time left for a retry within 5 s"
    assert slept == []


# --- redirects ----------------------------------------------------------------------------

def test_a_same_host_redirect_is_followed_and_the_final_address_recorded(server):
    page = _client().fetch(_src(server, "/moved-twice"))
    assert page.status == 200
    assert "目标页".encode() in page.content
    assert page.url == server.base + "/moved-twice"  # the registry's address, the page's key
    assert page.final_url == server.base + "/page"  # where the bytes came from


def test_a_page_without_redirect_records_its_own_address(server):
    page = _client().fetch(_src(server, "/page"))
    assert page.final_url == server.base + "/page"


def test_an_off_host_redirect_is_refused(server):
    src = _src(server, "/off-host")
    with pytest.raises(FetchError) as err:
        _client().fetch(src)
    assert str(err.value) == (f"{src.url}: redirected to {server.other_base}/page, "
                              "off the hosts the registry allows for this page")


def test_a_redirect_to_a_host_the_page_allows_is_followed(server):
    page = _client().fetch(_src(server, "/off-host", allow_hosts=("localhost",)))
    assert page.final_url == server.other_base + "/page"
    assert "目标页".encode() in page.content


def test_a_redirect_to_a_host_the_client_allows_is_followed(server):
    client = HttpClient(NetworkPolicy(timeout=5, retries=0), allow_hosts=frozenset({"localhost"}))
    assert client.fetch(_src(server, "/off-host")).final_url == server.other_base + "/page"


@pytest.mark.parametrize("path, where", [("/elsewhere", "http://unrelated.example.org/page"),
                                         ("/ftp", "ftp://127.0.0.1/page")])
def test_other_hosts_and_schemes_are_refused_without_being_contacted(server, path, where):
    with pytest.raises(FetchError, match=f"redirected to {where}, off the hosts"):
        _client().fetch(_src(server, path, allow_hosts=("localhost",)))


def test_the_final_address_is_stored_in_raw_pages(server, tmp_path):
    from contextlib import closing

    from plangap.warehouse import db as wdb
    from plangap.warehouse.load import load_pages

    moved, direct = _client().fetch(_src(server, "/moved-twice")), _client().fetch(_src(server, "/page"))
    with closing(wdb.connect(tmp_path / "w.duckdb")) as conn:
        load_pages(conn, [moved, direct])
        rows = conn.execute("SELECT url, final_url FROM raw_pages ORDER BY page_id").fetchall()
    assert rows == [(server.base + "/moved-twice", server.base + "/page"),  # where the bytes came from
                    (server.base + "/page", server.base + "/page")]


def test_under_a_loopback_rewrite_the_final_address_is_the_registrys(server):
    from plangap.extract.sources import loopback_rewrite

    client = HttpClient(NetworkPolicy(timeout=5, retries=0), rewrite=loopback_rewrite(server.base))
    src = SourcePage(url="https://www.example.gov.cn/old", kind="article", region="测试市")
    page = client.fetch(src)
    assert "新址".encode() in page.content
    assert (page.url, page.final_url) == (src.url, "https://www.example.gov.cn/new?p=1")  # not 127.0.0.1
    plain = client.fetch(SourcePage(url="https://www.example.gov.cn/new?p=1", kind="article", region="测试市"))
    assert plain.final_url == "https://www.example.gov.cn/new?p=1"


def test_a_redirect_loop_ends_in_a_fetch_error(server):
    src = _src(server, "/loop")
    with pytest.raises(FetchError) as err:
        _client(max_redirects=4).fetch(src)
    assert str(err.value) == f"{src.url}: more than 4 redirects (last to {server.base}/loop)"
