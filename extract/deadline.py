"""A wall-clock deadline per page that no server can stretch.

A socket timeout bounds each recv, but a server that trickles one byte per second (headers or
a body with a Content-Length) never lets a recv time out. So every connection a fetch uses is
registered with the fetch's Deadline, and when the deadline passes a watchdog timer shuts the
sockets down: whatever recv is blocked returns at once and the fetch ends with an error.

`DeadlineAdapter` is the requests transport adapter whose connections register themselves
(on every request, so a reused keep-alive connection is watched too).
"""
from __future__ import annotations

import contextlib
import socket
import threading
import time
from typing import Any

import urllib3
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

_local = threading.local()


class Deadline:
    """`seconds` from now; `with deadline:` watches the connections opened meanwhile."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.at = time.monotonic() + seconds
        self.expired = False
        self._conns: list[HTTPConnection] = []
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None

    def remaining(self) -> float:
        return self.at - time.monotonic()

    def passed(self) -> bool:
        return self.expired or self.remaining() <= 0

    def __enter__(self) -> Deadline:
        self._timer = threading.Timer(max(self.remaining(), 0.0), self._expire)
        self._timer.daemon = True
        self._timer.start()
        _local.deadline = self
        return self

    def __exit__(self, *exc: Any) -> None:
        _local.deadline = None
        if self._timer is not None:
            self._timer.cancel()
        with self._lock:
            self._conns.clear()

    def attach(self, conn: HTTPConnection) -> None:
        with self._lock:
            self._conns.append(conn)
            late = self.expired
        if late:
            _shutdown(conn)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            conns = list(self._conns)
        for conn in conns:
            _shutdown(conn)


def _shutdown(conn: HTTPConnection) -> None:
    sock = getattr(conn, "sock", None)
    if sock is not None:
        with contextlib.suppress(OSError):
            # the plain socket's shutdown, also under TLS: wakes a recv blocked in another thread
            socket.socket.shutdown(sock, socket.SHUT_RDWR)


def _watch(conn: HTTPConnection) -> None:
    deadline = getattr(_local, "deadline", None)
    if deadline is not None:
        deadline.attach(conn)


class _WatchedHTTPConnection(HTTPConnection):
    def request(self, *args: Any, **kwargs: Any) -> None:
        _watch(self)
        super().request(*args, **kwargs)


class _WatchedHTTPSConnection(HTTPSConnection):
    def request(self, *args: Any, **kwargs: Any) -> None:
        _watch(self)
        super().request(*args, **kwargs)


class _HTTPPool(HTTPConnectionPool):
    ConnectionCls = _WatchedHTTPConnection


class _HTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPSConnection


_POOLS = {"http": _HTTPPool, "https": _HTTPSPool}


class DeadlineAdapter(HTTPAdapter):
    """An HTTPAdapter whose connections register with the current Deadline (direct or through
    an HTTP proxy)."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = dict(_POOLS)

    def proxy_manager_for(self, proxy: str, **kwargs: Any) -> Any:
        manager = super().proxy_manager_for(proxy, **kwargs)
        if type(manager) is urllib3.ProxyManager:  # a SOCKS manager keeps its own pools
            manager.pool_classes_by_scheme = dict(_POOLS)
        return manager
