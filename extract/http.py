"""The one HTTP client: the network policy of plangap lives here.

- a timeout on every request, and a User-Agent that names the project;
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
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Callable

import requests

from plangap.extract.page import FetchedPage, SourcePage

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


class FetchError(Exception):
    """A page could not be fetched: `str(err)` names the address and the reason."""

    def __init__(self, url: str, reason: str):
        self.url = url
        self.reason = reason
        super().__init__(f"{url}: {reason}")


@dataclass(frozen=True)
class NetworkPolicy:
    timeout: float = 20.0  # per connect and per read
    total_timeout: float = 120.0  # the whole download
    retries: int = 3
    backoff: float = 1.0  # seconds; doubles each retry
    max_retry_after: float = 30.0
    user_agent: str = "plangap/0.1 (+https://github.com/plangap; plan-vs-statistics tracker)"
    max_bytes: int = 20 * 1024 * 1024


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

    def __post_init__(self) -> None:
        self.session.headers["User-Agent"] = self.policy.user_agent
        self.session.trust_env = self.rewrite is None  # a loopback rewrite never goes through a proxy

    def fetch(self, source: SourcePage, validators: Validators | None = None) -> FetchedPage:
        """Fetch one page; raise FetchError on a final failure (4xx, exhausted retries)."""
        target = self.rewrite(source.url) if self.rewrite else source.url
        headers = {}
        if validators and validators.etag:
            headers["If-None-Match"] = validators.etag
        if validators and validators.last_modified:
            headers["If-Modified-Since"] = validators.last_modified
        attempt = 0
        while True:
            attempt += 1
            try:
                resp = self.session.get(target, headers=headers, timeout=self.policy.timeout, stream=True)
                content = self._read(resp, source.url)
            except requests.RequestException as err:
                if attempt > self.policy.retries:
                    raise FetchError(source.url, f"connection failed after {attempt} attempts ({type(err).__name__})") from None
                self.sleep(self.policy.backoff * 2 ** (attempt - 1))
                continue
            if resp.status_code in RETRY_STATUSES and attempt <= self.policy.retries:
                self.sleep(self._retry_delay(resp, attempt))
                continue
            if resp.status_code == 304:
                return self._page(source, resp, b"", not_modified=True)
            if resp.status_code >= 400:
                raise FetchError(source.url, f"HTTP {resp.status_code} after {attempt} attempt(s)")
            return self._page(source, resp, content)

    def _read(self, resp: requests.Response, url: str) -> bytes:
        """The body, within max_bytes and within a whole-download deadline (a trickling server
        must not hold a fetch past `total_timeout`, whatever the per-read timeout)."""
        chunks, size = [], 0
        deadline = time.monotonic() + self.policy.total_timeout
        for chunk in resp.iter_content(64 * 1024):
            if time.monotonic() > deadline:
                resp.close()
                raise FetchError(url, f"download took longer than {self.policy.total_timeout:g} s")
            size += len(chunk)
            if size > self.policy.max_bytes:
                resp.close()
                raise FetchError(url, f"page larger than {self.policy.max_bytes} bytes")
            chunks.append(chunk)
        return b"".join(chunks)

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
                wait = (when - datetime.now(timezone.utc)).total_seconds()
                return min(max(wait, 0.0), self.policy.max_retry_after)
        return self.policy.backoff * 2 ** (attempt - 1)

    @staticmethod
    def _page(source: SourcePage, resp: requests.Response, content: bytes, not_modified: bool = False) -> FetchedPage:
        return FetchedPage(
            source=source,
            url=source.url,
            status=resp.status_code,
            fetched_at=datetime.now(timezone.utc),
            content=content,
            content_type=resp.headers.get("Content-Type"),
            etag=resp.headers.get("ETag"),
            last_modified=resp.headers.get("Last-Modified"),
            not_modified=not_modified,
        )
