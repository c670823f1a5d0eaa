"""The raw page as fetched: bytes plus provenance, before anything parses it."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class SourcePage:
    """A page the registry (or a crawl of a list page) says to fetch."""

    url: str
    kind: str  # plan, list, bulletin, release, article, report
    region: str
    period: str | None = None  # the registry's period hint ("2020", "2021-01/2021-09")
    title: str | None = None  # the link title when found by a crawl
    allow_hosts: tuple[str, ...] = ()  # hosts besides its own that a redirect may lead to


@dataclass(frozen=True)
class FetchedPage:
    """One HTTP fetch: the bytes and everything needed to trace a number back to them."""

    source: SourcePage
    url: str  # the address as the registry names it (not a loopback rewrite)
    status: int
    fetched_at: datetime  # UTC
    content: bytes
    content_type: str | None
    etag: str | None
    last_modified: str | None
    not_modified: bool = False  # 304: the archived bytes are still current
    final_url: str | None = None  # where the bytes came from, after redirects (None: not recorded)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()

    @property
    def size(self) -> int:
        return len(self.content)
