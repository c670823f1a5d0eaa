"""Fetch what the registry names: every plan page, every list (crawled), every single page."""
from __future__ import annotations

from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from plangap.extract.crawl import Discovery, crawl_list, places_of
from plangap.extract.http import FetchError, HttpClient, NetworkPolicy, Validators
from plangap.extract.page import FetchedPage, SourcePage
from plangap.extract.registry import Registry
from plangap.extract.snapshot import url_key


@dataclass(frozen=True)
class KnownPage:
    """What the archive already holds for an address: validators, and the bytes to crawl again
    when a list page answers 304 (None when not read back: the archive keeps them)."""

    sha256: str
    validators: Validators
    content: bytes | None = None


@dataclass(frozen=True)
class FetchOutcome:
    pages: tuple[FetchedPage, ...] = ()
    errors: tuple[str, ...] = ()  # one line per page that could not be fetched
    discovered: tuple[Discovery, ...] = ()  # what the list pages showed, taken or not (extract/crawl.py)

    @property
    def unchanged(self) -> int:
        return sum(1 for p in self.pages if p.not_modified)


def loopback_rewrite(base: str) -> Callable[[str], str]:
    """Map a registry address onto a snapshot server at `base` (http://127.0.0.1:PORT)."""
    return lambda url: f"{base}/{url_key(url)}"


def make_client(policy: NetworkPolicy, snapshot_base: str | None = None) -> HttpClient:
    """The one HTTP client of a run: the network policy, and the loopback rewrite of a snapshot."""
    return HttpClient(policy=policy, rewrite=loopback_rewrite(snapshot_base) if snapshot_base else None)


def _fetch_all(client: HttpClient, sources: list[SourcePage],
               validators: Mapping[str, Validators]) -> list[FetchedPage | FetchError]:
    """Each source's page or its error, in the sources' order, with at most the policy's
    `concurrency` requests in flight (a conditional GET is mostly waiting for the server)."""
    def one(src: SourcePage) -> FetchedPage | FetchError:
        try:
            return client.fetch(src, validators.get(src.url))
        except FetchError as err:
            return err

    workers = max(1, min(client.policy.concurrency, len(sources)))
    if workers == 1:
        return [one(src) for src in sources]
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="plangap-fetch") as pool:
        return list(pool.map(one, sources))


def fetch_sources(client: HttpClient, registry: Registry, known: Mapping[str, KnownPage]) -> FetchOutcome:
    """Fetch every plan page, crawl every list, fetch every single page (each address once)."""
    validators = {url: k.validators for url, k in known.items()}
    archived = {url: k.content for url, k in known.items() if k.content is not None}
    pages: list[FetchedPage] = []
    errors: list[str] = []
    wanted: dict[str, SourcePage] = {}
    discovered: list[Discovery] = []
    named = {p.url for p, _ in registry.plans} | {p.url for p in registry.pages}
    for page, _year in registry.plans:
        wanted.setdefault(page.url, page)
    for lst in registry.lists:
        crawl = crawl_list(client, lst, validators, archived, places_of(registry))
        for p in crawl.list_pages:  # discovered pages the registry also names are fetched as it says
            if p.url not in named and p.url not in wanted and all(p.url != q.url for q in pages):
                pages.append(p)
        errors.extend(crawl.errors)
        discovered.extend(crawl.discoveries)
        for detail in crawl.details:
            wanted.setdefault(detail.url, detail)
    for page in registry.pages:  # the registry's own kind and period win over a crawl's guess
        found = wanted.get(page.url)
        wanted[page.url] = page if found is None else SourcePage(
            url=page.url, kind=page.kind, region=page.region, period=page.period, title=found.title)
    for result in _fetch_all(client, list(wanted.values()), validators):
        if isinstance(result, FetchError):
            errors.append(str(result))
        else:
            pages.append(result)
    return FetchOutcome(pages=tuple(pages), errors=tuple(errors), discovered=tuple(discovered))
