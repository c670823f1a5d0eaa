"""Crawl statistics list pages: fetch (extract/), read the links (transform/), follow pages.

Pagination is followed within a list; detail links to other hosts are kept only when the
registry allows the host. Every page fetched, list pages included, is returned for archiving.
"""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from plangap.extract.http import FetchError, HttpClient, Validators
from plangap.extract.page import FetchedPage, SourcePage
from plangap.extract.registry import ListSource
from plangap.transform.text.decode import decode_bytes
from plangap.transform.errors import TransformError
from plangap.transform.listing import parse_list_page


@dataclass
class CrawlResult:
    list_pages: list[FetchedPage]
    details: list[SourcePage]
    errors: list[str]


def crawl_list(client: HttpClient, source: ListSource, validators: dict[str, Validators],
               archived: dict[str, bytes]) -> CrawlResult:
    """Walk one list and its pagination; `archived` gives the last bytes of a page that answers 304."""
    result = CrawlResult([], [], [])
    queue, seen = [source.url], set()
    own_host = urlsplit(source.url).netloc
    allowed = {own_host, *source.allow_hosts}
    found: dict[str, SourcePage] = {}
    while queue and len(seen) < source.max_pages:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        page_src = SourcePage(url=url, kind="list", region=source.region)
        try:
            page = client.fetch(page_src, validators.get(url))
        except FetchError as err:
            result.errors.append(str(err))
            continue
        result.list_pages.append(page)
        content = archived.get(url, b"") if page.not_modified else page.content
        try:
            html, _ = decode_bytes(content, url, page.content_type)
            listing = parse_list_page(html, url)
        except TransformError as err:
            result.errors.append(str(err))
            continue
        for link in listing.details:
            if urlsplit(link.url).netloc in allowed and link.url not in found:
                found[link.url] = SourcePage(url=link.url, kind=link.kind, region=source.region, title=link.title)
        for nxt in listing.pages:
            if urlsplit(nxt).netloc == own_host and nxt not in seen:
                queue.append(nxt)
    result.details = list(found.values())
    return result
