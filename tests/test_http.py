"""HttpClient against a real threaded HTTP server on 127.0.0.1: status codes, retries,
Retry-After, conditional requests, timeouts, size limit and the User-Agent."""
from __future__ import annotations

import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from plangap.extract.http import FetchError, HttpClient, NetworkPolicy, Validators
from plangap.extract.page import SourcePage

ETAG = '"v1-abc"'
LAST_MODIFIED = "Wed, 01 Jul 2020 08:00:00 GMT"
BODY = "<html><body><p>二〇二〇年上半年</p></body></html>".encode()


class _State:
    def __init__(self) -> None:
        self.hits: Counter[str] = Counter()
        self.headers: dict[str, dict[str, str]] = {}
        self.lock = threading.Lock()


def _handler(state: _State):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:
            pass

        def _send(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if body:
                self.wfile.write(body)

        def do_GET(self) -> None:  # noqa: N802
            path = self.path
            with state.lock:
                state.hits[path] += 1
                n = state.hits[path]
                state.headers[path] = dict(self.headers.items())
            if path == "/ok":
                if self.headers.get("If-None-Match") == ETAG:
                    self._send(304, headers={"ETag": ETAG})
                    return
                self._send(200, BODY, {"Content-Type": "text/html; charset=utf-8", "ETag": ETAG,
                                       "Last-Modified": LAST_MODIFIED})
            elif path == "/since":
                if self.headers.get("If-Modified-Since") == LAST_MODIFIED:
                    self._send(304, headers={"Last-Modified": LAST_MODIFIED})
                    return
                self._send(200, BODY, {"Last-Modified": LAST_MODIFIED})
            elif path == "/missing":
                self._send(404, b"not found")
            elif path == "/throttled":
                if n == 1:
                    self._send(429, b"slow down", {"Retry-After": "0"})
                else:
                    self._send(200, BODY)
            elif path == "/throttled-long":
                if n == 1:
                    self._send(429, b"slow down", {"Retry-After": "120"})
                else:
                    self._send(200, BODY)
            elif path == "/throttled-date":
                if n == 1:
                    self._send(503, b"maintenance", {"Retry-After": "Fri, 31 Dec 2100 23:59:59 GMT"})
                else:
                    self._send(200, BODY)
            elif path == "/throttled-past":
                if n == 1:
                    self._send(429, b"slow down", {"Retry-After": "Thu, 01 Jan 2015 00:00:00 GMT"})
                else:
                    self._send(200, BODY)
            elif path == "/flaky":
                if n <= 2:
                    self._send(503, b"busy")
                else:
                    self._send(200, BODY)
            elif path == "/down":
                self._send(503, b"busy")
            elif path == "/slow":
                time.sleep(1.0)
                self._send(200, BODY)
            elif path == "/trickle":
                self.send_response(200)
                self.send_header("Content-Length", "2000")
                self.end_headers()
                for _ in range(20):  # 100 bytes every 0.1 s: every read is quick, the whole is not
                    self.wfile.write(b"x" * 100)
                    self.wfile.flush()
                    time.sleep(0.1)
            elif path == "/big":
                self._send(200, b"x" * 5000)
            elif path == "/ua":
                self._send(200, self.headers.get("User-Agent", "").encode("utf-8"))
            else:
                self._send(404)

    return Handler


@pytest.fixture
def server():
    state = _State()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    host, port = httpd.server_address[:2]
    state.base = f"http://{host}:{port}"
    yield state
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def delays() -> list[float]:
    return []


def _client(delays: list[float], **policy) -> HttpClient:
    policy.setdefault("backoff", 0)
    policy.setdefault("timeout", 5.0)
    return HttpClient(NetworkPolicy(**policy), sleep=delays.append)


def _src(server, path: str) -> SourcePage:
    return SourcePage(url=f"{server.base}{path}", kind="article", region="测试市")


def test_200_returns_bytes_and_validators(server, delays):
    page = _client(delays).fetch(_src(server, "/ok"))
    assert page.status == 200
    assert page.content == BODY
    assert page.etag == ETAG
    assert page.last_modified == LAST_MODIFIED
    assert page.content_type == "text/html; charset=utf-8"
    assert page.not_modified is False
    assert page.url == f"{server.base}/ok"
    assert page.size == len(BODY)
    assert page.fetched_at.tzinfo is not None
    assert server.hits["/ok"] == 1
    assert delays == []


def test_304_when_etag_matches(server, delays):
    page = _client(delays).fetch(_src(server, "/ok"), Validators(etag=ETAG))
    assert page.status == 304
    assert page.not_modified is True
    assert page.content == b""
    assert page.etag == ETAG
    assert server.headers["/ok"]["If-None-Match"] == ETAG
    assert server.hits["/ok"] == 1


def test_200_when_etag_differs(server, delays):
    page = _client(delays).fetch(_src(server, "/ok"), Validators(etag='"old"'))
    assert page.status == 200
    assert page.not_modified is False
    assert page.content == BODY


def test_304_by_if_modified_since(server, delays):
    page = _client(delays).fetch(_src(server, "/since"), Validators(last_modified=LAST_MODIFIED))
    assert page.status == 304
    assert page.not_modified is True
    assert server.headers["/since"]["If-Modified-Since"] == LAST_MODIFIED
    assert "If-None-Match" not in server.headers["/since"]


def test_no_conditional_headers_without_validators(server, delays):
    _client(delays).fetch(_src(server, "/ok"), Validators())
    assert "If-None-Match" not in server.headers["/ok"]
    assert "If-Modified-Since" not in server.headers["/ok"]


def test_404_is_a_fetch_error_without_retry(server, delays):
    src = _src(server, "/missing")
    with pytest.raises(FetchError) as err:
        _client(delays).fetch(src)
    assert err.value.url == src.url
    assert str(err.value) == f"{src.url}: HTTP 404 after 1 attempt(s)"
    assert server.hits["/missing"] == 1
    assert delays == []


def test_429_honours_retry_after_then_succeeds(server, delays):
    page = _client(delays, backoff=7.0).fetch(_src(server, "/throttled"))
    assert page.status == 200
    assert page.content == BODY
    assert server.hits["/throttled"] == 2
    assert delays == [0.0]  # Retry-After: 0, not the backoff of 7 s


def test_retry_after_is_capped(server, delays):
    page = _client(delays, max_retry_after=2.5).fetch(_src(server, "/throttled-long"))
    assert page.status == 200
    assert server.hits["/throttled-long"] == 2
    assert delays == [2.5]


def test_retry_after_http_date_in_the_future_is_capped(server, delays):
    page = _client(delays, backoff=7.0, max_retry_after=3.0).fetch(_src(server, "/throttled-date"))
    assert page.status == 200
    assert server.hits["/throttled-date"] == 2
    assert delays == [3.0]


def test_retry_after_http_date_in_the_past_means_now(server, delays):
    page = _client(delays, backoff=7.0).fetch(_src(server, "/throttled-past"))
    assert page.status == 200
    assert delays == [0.0]


def test_503_twice_then_200(server, delays):
    page = _client(delays).fetch(_src(server, "/flaky"))
    assert page.status == 200
    assert page.content == BODY
    assert server.hits["/flaky"] == 3
    assert delays == [0, 0]


def test_backoff_doubles(server, delays):
    _client(delays, backoff=0.5).fetch(_src(server, "/flaky"))
    assert delays == [0.5, 1.0]


def test_503_always_gives_fetch_error_after_retries(server, delays):
    src = _src(server, "/down")
    with pytest.raises(FetchError) as err:
        _client(delays, retries=3).fetch(src)
    assert server.hits["/down"] == 4
    assert str(err.value) == f"{src.url}: HTTP 503 after 4 attempt(s)"
    assert len(delays) == 3


def test_zero_retries_means_one_attempt(server, delays):
    with pytest.raises(FetchError):
        _client(delays, retries=0).fetch(_src(server, "/down"))
    assert server.hits["/down"] == 1
    assert delays == []


def test_slow_response_times_out(server, delays):
    src = _src(server, "/slow")
    with pytest.raises(FetchError) as err:
        _client(delays, timeout=0.2, retries=1).fetch(src)
    assert err.value.url == src.url
    assert "connection failed after 2 attempts" in err.value.reason
    assert "Timeout" in err.value.reason
    assert server.hits["/slow"] == 2
    assert delays == [0]


def test_connection_refused_is_retried_then_fetch_error(delays):
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    src = SourcePage(url=f"http://127.0.0.1:{port}/x", kind="article", region="测试市")
    with pytest.raises(FetchError) as err:
        _client(delays, retries=2, backoff=0.25).fetch(src)
    assert err.value.reason == "connection failed after 3 attempts (ConnectionError)"
    assert delays == [0.25, 0.5]


def test_user_agent_names_plangap(server, delays):
    page = _client(delays).fetch(_src(server, "/ua"))
    ua = page.content.decode("utf-8")
    assert ua == NetworkPolicy().user_agent
    assert ua.startswith("plangap/")


def test_max_bytes_exceeded_is_fetch_error(server, delays):
    src = _src(server, "/big")
    with pytest.raises(FetchError) as err:
        _client(delays, max_bytes=1000).fetch(src)
    assert str(err.value) == f"{src.url}: page larger than 1000 bytes"
    assert server.hits["/big"] == 1


def test_max_bytes_at_the_limit_is_fine(server, delays):
    page = _client(delays, max_bytes=5000).fetch(_src(server, "/big"))
    assert page.size == 5000


def test_rewrite_fetches_elsewhere_but_records_registry_address(server, delays):
    src = SourcePage(url="https://www.example.gov.cn/ok", kind="plan", region="测试市")
    client = HttpClient(NetworkPolicy(backoff=0, timeout=5), sleep=delays.append,
                        rewrite=lambda u: server.base + "/ok")
    page = client.fetch(src)
    assert page.url == "https://www.example.gov.cn/ok"
    assert page.source is src
    assert page.content == BODY
    assert server.hits["/ok"] == 1


def test_a_trickling_download_is_cut_at_the_total_timeout(server):
    client = HttpClient(policy=NetworkPolicy(timeout=1.0, total_timeout=0.5, retries=0, backoff=0))
    with pytest.raises(FetchError, match=r"/trickle: download took longer than 0.5 s"):
        client.fetch(SourcePage(url=server.base + "/trickle", kind="article", region="r"))
