"""Pages are fetched a few at a time (NetworkPolicy.concurrency), never more, in the registry's
order, over a real HTTP server on 127.0.0.1."""
from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from plangap.extract.http import HttpClient, NetworkPolicy
from plangap.extract.page import SourcePage
from plangap.extract.registry import Registry
from plangap.extract.sources import fetch_sources


class _Server:
    """Answers /pN with a page after every `together` requests have arrived (a barrier): a run
    that fetched fewer at once would wait out the barrier's timeout and get 503s."""

    def __init__(self, together: int) -> None:
        self.lock = threading.Lock()
        self.in_flight = self.most = 0
        barrier = threading.Barrier(together, timeout=20) if together > 1 else None
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - the http.server API
                with server.lock:
                    server.in_flight += 1
                    server.most = max(server.most, server.in_flight)
                try:
                    if barrier is not None:
                        barrier.wait()
                    code, body = (404, b"") if self.path == "/missing" else (200, f"<p>{self.path}</p>".encode())
                except threading.BrokenBarrierError:
                    code, body = 503, b""
                finally:
                    with server.lock:
                        server.in_flight -= 1
                self.send_response(code)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()


@pytest.fixture
def serve():
    started: list[_Server] = []

    def start(together: int) -> _Server:
        started.append(_Server(together))
        return started[-1]

    yield start
    for s in started:
        s.httpd.shutdown()
        s.httpd.server_close()


def _registry(base: str, paths: list[str]) -> Registry:
    return Registry(pages=[SourcePage(url=f"{base}{p}", kind="bulletin", region="东岭市", period="2024")
                           for p in paths])


def _client(concurrency: int) -> HttpClient:
    return HttpClient(NetworkPolicy(backoff=0, timeout=30, retries=0, concurrency=concurrency), sleep=lambda s: None)


def test_pages_are_fetched_as_many_at_once_as_the_policy_allows(serve):
    server = serve(3)
    paths = [f"/p{i}" for i in range(6)]
    outcome = fetch_sources(_client(3), _registry(server.base, paths), {})
    assert outcome.errors == ()
    assert [p.url for p in outcome.pages] == [f"{server.base}{p}" for p in paths]  # the registry's order
    assert [p.content for p in outcome.pages] == [f"<p>{p}</p>".encode() for p in paths]
    assert server.most == 3


def test_one_at_a_time_when_the_policy_says_one(serve):
    server = serve(1)
    outcome = fetch_sources(_client(1), _registry(server.base, ["/a", "/missing", "/b"]), {})
    assert server.most == 1
    assert [p.url.rsplit("/", 1)[1] for p in outcome.pages] == ["a", "b"]
    assert len(outcome.errors) == 1 and "/missing" in outcome.errors[0]


def test_the_concurrency_setting_reaches_the_policy(monkeypatch):
    from plangap.config import SettingsError, load_settings, network_policy

    monkeypatch.setenv("PLANGAP_FETCH_CONCURRENCY", "2")
    assert network_policy(load_settings()).concurrency == 2
    monkeypatch.setenv("PLANGAP_FETCH_CONCURRENCY", "0")
    with pytest.raises(SettingsError, match="PLANGAP_FETCH_CONCURRENCY"):
        load_settings()
