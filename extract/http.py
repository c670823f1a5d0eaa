"""The one HTTP client: the network policy of plangap lives here.

- a socket timeout on every recv, and a wall-clock deadline per page that no server can
  stretch (checked on every read of at most one recv; a watchdog shuts the socket down when
  a recv outlives it: see extract/deadline.py); a User-Agent that names the project;
- redirects followed only to the page's own host and the hosts allowed for it (the page's
  `allow_hosts`, the client's `allow_hosts`); the final address is recorded on the page;
- retries with exponential backoff only on 429, 5xx and connection errors (honouring
  Retry-After up to a cap);
- conditional requests (If-None-Match / If-Modified-Since) from the validators of the last
  archived copy, so unchanged pages cost a 304;
- a typed FetchError once retries run out; it fetches bytes and never parses them.

A `rewrite` maps registry addresses to another base (the loopback snapshot server): the raw
archive still records the registry address.
"""
from __future__ import annotations

import email.utils
import http.client
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

import requests
import urllib3

from plangap.extract.deadline import Deadline, DeadlineAdapter
from plangap.extract.page import FetchedPage, SourcePage

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_READ_SIZE = 16 * 1024


class _Late(Exception):
    """The page's deadline passed while reading (turned into a FetchError by `fetch`)."""


# what a failed connection, a reset, a truncated body or a socket the watchdog shut down raise
_TRANSPORT_ERRORS = (requests.RequestException, urllib3.exceptions.HTTPError, http.client.HTTPException,
                     OSError, _Late)


class FetchError(Exception):
    """A page could not be fetched: `str(err)` names the address and the reason."""

    def __init__(self, url: str, reason: str):
        self.url = url
        self.reason = reason
        super().__init__(f"{url}: {reason}")


@dataclass(frozen=True)
class NetworkPolicy:
    timeout: float = 20.0  # per connect and per recv
    total_timeout: float = 120.0  # the deadline of a page: every attempt, redirect, wait and read
    retries: int = 3
    backoff: float = 1.0  # seconds; doubles each retry
    max_retry_after: float = 30.0
    user_agent: str = "plangap/0.1 (+https://github.com/plangap; plan-vs-statistics tracker)"
    max_bytes: int = 20 * 1024 * 1024
    max_redirects: int = 10
    concurrency: int = 4  # pages in flight at once in a run (so at most this many on one host)


@dataclass
class Validators:
    etag: str | None = None
    last_modified: str | None = None


@dataclass
class HttpClient:
    policy: NetworkPolicy = field(default_factory=NetworkPolicy)
    rewrite: Callable[[str], str] | None = None
    sleep: Callable[[float], None] = time.sleep
    session: requests.Session = field(default_factory=requests.Session)
    allow_hosts: frozenset[str] = frozenset()  # hosts any page may be redirected to (beyond its own)

    def __post_init__(self) -> None:
        self.session.headers["User-Agent"] = self.policy.user_agent
        self.session.trust_env = self.rewrite is None  # a loopback rewrite never goes through a proxy
        adapter = DeadlineAdapter()
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)

    def fetch(self, source: SourcePage, validators: Validators | None = None) -> FetchedPage:
        """Fetch one page; raise FetchError on a final failure (4xx, exhausted retries, an
        off-host redirect, the page's deadline passed).

        The deadline (`total_timeout`) covers the whole page: every attempt, redirect and wait.
        """
        target = self.rewrite(source.url) if self.rewrite else source.url
        headers = {}
        if validators and validators.etag:
            headers["If-None-Match"] = validators.etag
        if validators and validators.last_modified:
            headers["If-Modified-Since"] = validators.last_modified
        deadline = Deadline(self.policy.total_timeout)
        attempt = 0
        while True:
            attempt += 1
            try:
                with deadline:
                    resp, final = self._get(source, target, headers, deadline)
                    content = self._read(resp, deadline, source)
            except _TRANSPORT_ERRORS as err:
                if isinstance(err, _Late) or deadline.passed():
                    raise self._late(source) from None
                if attempt > self.policy.retries:
                    raise FetchError(source.url, f"connection failed after {attempt} attempts ({type(err).__name__})") from None
                self._wait(source, deadline, self.policy.backoff * 2 ** (attempt - 1))
                continue
            if resp.status_code in RETRY_STATUSES and attempt <= self.policy.retries:
                self._wait(source, deadline, self._retry_delay(resp, attempt),
                           f"HTTP {resp.status_code} after {attempt} attempt(s)")
                continue
            if resp.status_code == 304:
                return self._page(source, resp, b"", self._registry_address(source, target, final), not_modified=True)
            if resp.status_code >= 400:
                raise FetchError(source.url, f"HTTP {resp.status_code} after {attempt} attempt(s)")
            return self._page(source, resp, content, self._registry_address(source, target, final))

    def _get(self, source: SourcePage, target: str, headers: dict[str, str],
             deadline: Deadline) -> tuple[requests.Response, str]:
        """GET `target`, following redirects only to the page's own host and the hosts allowed
        for it; return the response (body unread) and the address it came from."""
        allowed = {h.lower() for h in (*source.allow_hosts, *self.allow_hosts)}
        allowed |= {urlsplit(target).hostname or "", urlsplit(source.url).hostname or ""}
        url = target
        for _hop in range(self.policy.max_redirects + 1):
            left = max(deadline.remaining(), 0.001)
            resp = self.session.get(url, headers=headers, stream=True, allow_redirects=False,
                                    timeout=(min(self.policy.timeout, left), min(self.policy.timeout, left)))
            location = resp.headers.get("Location")
            if resp.status_code not in REDIRECT_STATUSES or not location:
                return resp, url
            resp.close()
            nxt = urljoin(url, location.strip())
            parts = urlsplit(nxt)
            if parts.scheme not in ("http", "https") or (parts.hostname or "").lower() not in allowed:
                raise FetchError(source.url, f"redirected to {nxt}, off the hosts the registry allows for this page")
            url = nxt
        raise FetchError(source.url, f"more than {self.policy.max_redirects} redirects (last to {url})")

    def _registry_address(self, source: SourcePage, target: str, final: str) -> str:
        """Where the bytes came from, as the registry would write it: under a loopback rewrite
        (`<base>/<host>/<path>`) a redirect's address is mapped back to `<scheme>://<host>/<path>`."""
        if self.rewrite is None or final == target:
            return source.url if self.rewrite else final
        key = target.split("://", 1)[-1].split("/", 1)[-1]  # host/path?q of the rewritten target
        base = target[: len(target) - len(key)]
        if not key or not final.startswith(base):
            return final  # left the loopback server (a host the page allows): its own address
        return f"{urlsplit(source.url).scheme}://{final[len(base):]}"

    def _read(self, resp: requests.Response, deadline: Deadline, source: SourcePage) -> bytes:
        """The body, within max_bytes and within the page's deadline: small reads of at most one
        recv each, the socket timeout cut to the time left before each, the deadline checked
        after each (and the watchdog shuts the socket down if a recv outlives it)."""
        chunks, size = [], 0
        raw = resp.raw
        try:
            while True:
                left = deadline.remaining()
                if left <= 0:
                    raise _Late()
                sock = getattr(raw.connection, "sock", None)
                if sock is not None:
                    sock.settimeout(min(self.policy.timeout, left))
                chunk = raw.read1(_READ_SIZE, decode_content=True)
                if not chunk:
                    break
                size += len(chunk)
                if size > self.policy.max_bytes:
                    raise FetchError(source.url, f"page larger than {self.policy.max_bytes} bytes")
                chunks.append(chunk)
        except BaseException:
            resp.close()
            raise
        if deadline.passed():  # the last bytes came in after the deadline
            resp.close()
            raise _Late()
        raw.release_conn()
        return b"".join(chunks)

    def _wait(self, source: SourcePage, deadline: Deadline, delay: float, why: str | None = None) -> None:
        """Sleep before a retry, unless the wait would end past the page's deadline."""
        if delay >= deadline.remaining():
            reason = f"{why}; " if why else ""
            raise FetchError(source.url, f"{reason}no time left for a retry within {self.policy.total_timeout:g} s")
        self.sleep(delay)

    def _late(self, source: SourcePage) -> FetchError:
        return FetchError(source.url, f"download took longer than {self.policy.total_timeout:g} s")

    def _retry_delay(self, resp: requests.Response, attempt: int) -> float:
        after = (resp.headers.get("Retry-After") or "").strip()
        if after.isdigit():
            return min(float(after), self.policy.max_retry_after)
        if after:  # an HTTP date (RFC 9110 10.2.3)
            try:
                when = email.utils.parsedate_to_datetime(after)
            except (TypeError, ValueError):
                when = None
            if when is not None and when.tzinfo is not None:
                wait = (when - datetime.now(UTC)).total_seconds()
                return min(max(wait, 0.0), self.policy.max_retry_after)
        return self.policy.backoff * 2 ** (attempt - 1)

    @staticmethod
    def _page(source: SourcePage, resp: requests.Response, content: bytes, final: str,
              not_modified: bool = False) -> FetchedPage:
        return FetchedPage(
            source=source,
            url=source.url,
            final_url=final,
            status=resp.status_code,
            fetched_at=datetime.now(UTC),
            content=content,
            content_type=resp.headers.get("Content-Type"),
            etag=resp.headers.get("ETag"),
            last_modified=resp.headers.get("Last-Modified"),
            not_modified=not_modified,
        )
