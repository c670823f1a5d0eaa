"""A wall-clock deadline per page that no server can stretch.

A socket timeout bounds each recv, but a server that trickles one byte per second (headers or
a body with a Content-Length) never lets a recv time out. So every connection a fetch uses is
registered with the fetch's Deadline, and when the deadline passes the watchdog shuts the
sockets down: whatever recv is blocked returns at once and the fetch ends with an error.

One watchdog thread serves every deadline of the process (a heap of them, woken by the earliest):
a timer thread per page cost more than the conditional GET it guarded (issue 14: an unchanged
rerun's 3,000 requests took 10.5 s with a thread each, 5.3 s without).

`DeadlineAdapter` is the requests transport adapter whose connections register themselves
(on every request, so a reused keep-alive connection is watched too).
"""
from __future__ import annotations

import contextlib
import heapq
import itertools
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
        self._watched = False

    def remaining(self) -> float:
        return self.at - time.monotonic()

    def passed(self) -> bool:
        return self.expired or self.remaining() <= 0

    def __enter__(self) -> Deadline:
        if not self._watched:  # once: a page's retries re-enter the same deadline
            _WATCHDOG.watch(self)
            self._watched = True
        _local.deadline = self
        return self

    def __exit__(self, *exc: Any) -> None:
        _local.deadline = None
        with self._lock:
            self._conns.clear()  # a connection released to the pool is no longer this page's

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


class _Watchdog:
    """One daemon thread that expires each Deadline at its time. A deadline whose page is done
    stays in the heap until its time comes (it then has no connections: expiring it is a no-op),
    so a page never has to tell the watchdog it finished; the heap holds at most the deadlines of
    the last `total_timeout` seconds."""

    def __init__(self) -> None:
        self._heap: list[tuple[float, int, Deadline]] = []
        self._order = itertools.count()  # ties in time never compare two Deadlines
        self._wake = threading.Condition()
        self._thread: threading.Thread | None = None

    def watch(self, deadline: Deadline) -> None:
        with self._wake:
            heapq.heappush(self._heap, (deadline.at, next(self._order), deadline))
            if self._thread is None or not self._thread.is_alive():  # also after a fork
                self._thread = threading.Thread(target=self._run, name="plangap-deadline-watchdog", daemon=True)
                self._thread.start()
            elif self._heap[0][2] is deadline:
                self._wake.notify()  # sooner than what the thread sleeps towards

    def _run(self) -> None:
        while True:
            with self._wake:
                while not self._heap or self._heap[0][0] > time.monotonic():
                    self._wake.wait(self._heap[0][0] - time.monotonic() if self._heap else None)
                _, _, due = heapq.heappop(self._heap)
            due._expire()


_WATCHDOG = _Watchdog()


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
