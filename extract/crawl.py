"""Crawl list pages: fetch (extract/), read the links (transform/), follow pages.

Pagination is followed within a list; detail links to other hosts are kept only when the
registry allows the host. Every page fetched, list pages included, is returned for archiving.

A statistics list (no `kinds` in the registry) yields the detail links its titles choose, for
the run to fetch. A discovery list (`kinds: [plan, bulletin, release]`) is read link by link:
each title is classified (transform/classify.py); notices and speeches are listed and left;
every other link is fetched and classified again with the opening of its body, and taken only
when it is a plan, bulletin or release of a kind the list names, with a region and a period.
What a list showed, taken or not, is returned as `Discovery` records (the `discovered_pages`
view), so that a page that cannot be classified is listed, never guessed.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit

from plangap.extract.http import FetchError, HttpClient, Validators
from plangap.extract.page import FetchedPage, SourcePage
from plangap.extract.registry import ListSource, Registry
from plangap.transform.classify import NOT_READ_KINDS, Classification, Place, classify
from plangap.transform.document import load_document
from plangap.transform.errors import TransformError
from plangap.transform.listing import Link, parse_list_page
from plangap.transform.text.decode import decode_bytes

MAX_DETAIL_FETCHES = 60  # detail pages one discovery list may fetch in a run


@dataclass(frozen=True)
class Discovery:
    """A link a list page showed: what it was classified as, and whether the run took it."""

    url: str
    list_url: str
    title: str
    kind: str  # plan, bulletin, release, notice, speech, unknown
    region: str | None
    period: str | None
    taken: bool
    reason: str


@dataclass
class CrawlResult:
    list_pages: list[FetchedPage]  # list pages, then the detail pages discovery fetched and took
    details: list[SourcePage]  # detail pages for the run to fetch (statistics lists)
    errors: list[str]
    discoveries: list[Discovery] = field(default_factory=list)


_DEPTH = {"province": 0, "city": 1, "county": 2, "district": 2}


def places_of(registry: Registry) -> tuple[Place, ...]:
    """The registry's regions as the classifier sees them (depth from the level, else the parents)."""
    return tuple(Place(name=r.name, names=r.names,
                       depth=_DEPTH.get(r.level or "", len(registry.ancestors(r.name))))
                 for r in registry.regions.values())


def crawl_list(client: HttpClient, source: ListSource, validators: dict[str, Validators],
               archived: dict[str, bytes], places: Sequence[Place] = ()) -> CrawlResult:
    """Walk one list and its pagination; `archived` gives the last bytes of a page that answers 304."""
    result = CrawlResult([], [], [])
    queue: list[str] = [source.url]
    seen: set[str] = set()
    own_host = urlsplit(source.url).netloc
    allowed = {own_host, *source.allow_hosts}
    found: dict[str, SourcePage] = {}
    links: dict[str, tuple[Link, str]] = {}
    while queue and len(seen) < source.max_pages:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        page_src = SourcePage(url=url, kind="list", region=source.region, allow_hosts=source.allow_hosts)
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
                found[link.url] = SourcePage(url=link.url, kind=link.kind, region=source.region, title=link.title,
                                             allow_hosts=source.allow_hosts)
        for link in listing.links:
            if urlsplit(link.url).netloc in allowed and link.url not in links and link.url not in seen:
                links[link.url] = (link, url)
        for nxt in listing.pages:
            if urlsplit(nxt).netloc == own_host and nxt not in seen:
                queue.append(nxt)
    if source.kinds:
        _discover(client, source, [v for k, v in links.items() if k not in seen], validators, archived, places,
                  result)
    else:
        result.details = list(found.values())
        result.discoveries = [Discovery(d.url, source.url, d.title or "", d.kind, d.region, d.period, True,
                                        "title on a statistics list") for d in result.details]
    return result


def _discover(client: HttpClient, source: ListSource, links: list[tuple[Link, str]],
              validators: dict[str, Validators], archived: dict[str, bytes], places: Sequence[Place],
              result: CrawlResult) -> None:
    """Classify each link of a discovery list; fetch and re-classify those the title leaves open
    or takes; keep the pages that are plans, bulletins or releases of the list's kinds."""
    fetches = 0
    for link, list_url in links:
        first = classify(link.title, None, places, source.region)
        if first.kind in ("notice", "speech"):
            result.discoveries.append(_record(link, list_url, first, False))
            continue
        if first.kind not in NOT_READ_KINDS and first.kind not in source.kinds:
            result.discoveries.append(_record(link, list_url, first, False, "not a kind this list is read for"))
            continue
        if fetches >= MAX_DETAIL_FETCHES:
            result.discoveries.append(_record(link, list_url, first, False, "over the list's fetch limit this run"))
            continue
        fetches += 1
        src = SourcePage(url=link.url, kind="unknown", region=source.region, title=link.title,
                         allow_hosts=source.allow_hosts)
        try:
            page = client.fetch(src, validators.get(link.url))
        except FetchError as err:
            result.errors.append(str(err))
            continue
        content = archived.get(link.url, b"") if page.not_modified else page.content
        final = _classify_body(link, page, content, places, source.region)
        taken = final.kind in source.kinds and final.kind not in NOT_READ_KINDS
        result.discoveries.append(_record(link, list_url, final, taken))
        if taken:
            result.list_pages.append(replace(page, source=SourcePage(
                url=link.url, kind=final.kind, region=final.region or source.region, period=final.period,
                title=link.title, allow_hosts=source.allow_hosts)))


def _classify_body(link: Link, page: FetchedPage, content: bytes, places: Sequence[Place],
                   region: str) -> Classification:
    try:
        doc = load_document(content, link.url, page.content_type, url=link.url)
    except TransformError as err:
        return Classification("unknown", None, None, f"body not readable ({err})")
    found = classify(link.title, doc.text, places, region)
    if found.kind == "unknown" and doc.title and doc.title != link.title:
        again = classify(doc.title, doc.text, places, region)
        if again.kind != "unknown":
            return replace(again, reason=f"{again.reason} (the page's own title)")
    return found


def _record(link: Link, list_url: str, c: Classification, taken: bool, why: str | None = None) -> Discovery:
    reason = f"{c.reason}; {why}" if why else c.reason
    return Discovery(link.url, list_url, link.title, c.kind, c.region, c.period, taken, reason)
