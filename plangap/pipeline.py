"""The nightly pipeline's stages as plain functions: testable without Prefect.

flows/nightly.py wraps each of these in a task; read top to bottom they are the pipeline:
fetch_sources -> parse_page -> load_all -> build_gap -> run_checks (gate) -> publish.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from plangap.extract.http import FetchError, HttpClient, NetworkPolicy, Validators
from plangap.extract.page import FetchedPage, SourcePage
from plangap.extract.registry import Registry
from plangap.extract.crawl import crawl_list
from plangap.transform.document import load_document
from plangap.transform.errors import TransformError
from plangap.transform.facts.extract import extract_facts
from plangap.transform.records import Document, Fact, Target
from plangap.transform.targets.extract import extract_targets


class StageError(Exception):
    """A pipeline stage failed: `str(err)` is the one-line reason the CLI prints."""


@dataclass
class FetchOutcome:
    pages: list[FetchedPage] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def unchanged(self) -> int:
        return sum(1 for p in self.pages if p.not_modified)


@dataclass
class ParsedPage:
    page: FetchedPage
    content: bytes  # the bytes parsed (the archived copy for a 304)
    encoding: str | None = None
    targets: list[Target] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    document: Document | None = None
    error: str | None = None


def make_client(policy: NetworkPolicy, rewrite=None) -> HttpClient:
    return HttpClient(policy=policy, rewrite=rewrite)


def fetch_sources(client: HttpClient, registry: Registry, validators: dict[str, Validators],
                  archived: dict[str, bytes]) -> FetchOutcome:
    """Fetch every plan page, crawl every list, fetch every single page (each address once)."""
    out = FetchOutcome()
    wanted: dict[str, SourcePage] = {}
    for page, _year in registry.plans:
        wanted.setdefault(page.url, page)
    for lst in registry.lists:
        crawl = crawl_list(client, lst, validators, archived)
        out.pages.extend(crawl.list_pages)
        out.errors.extend(crawl.errors)
        for detail in crawl.details:
            wanted.setdefault(detail.url, detail)
    for page in registry.pages:  # the registry's own kind and period win over a crawl's guess
        found = wanted.get(page.url)
        wanted[page.url] = page if found is None else SourcePage(
            url=page.url, kind=page.kind, region=page.region, period=page.period, title=found.title)
    for src in wanted.values():
        try:
            out.pages.append(client.fetch(src, validators.get(src.url)))
        except FetchError as err:
            out.errors.append(str(err))
    return out


def parse_page(page: FetchedPage, archived: dict[str, bytes], plan_years: dict[str, int | None]) -> ParsedPage:
    """Decode and extract one page: targets from plans, facts from everything else but lists."""
    content = archived.get(page.url, b"") if page.not_modified else page.content
    parsed = ParsedPage(page=page, content=content)
    if page.source.kind == "list":
        return parsed
    try:
        doc = load_document(content, page.url, page.content_type, url=page.url)
    except TransformError as err:
        parsed.error = str(err)
        return parsed
    parsed.encoding = doc.encoding
    parsed.document = doc
    if page.source.kind == "plan":
        if doc.year is None:
            doc.year = plan_years.get(page.url)
        parsed.targets = extract_targets(doc)
    else:
        if not doc.title and page.source.title:
            doc.title = page.source.title
        parsed.facts = extract_facts(doc, period_hint=page.source.period)
    return parsed


def plan_years(registry: Registry) -> dict[str, int | None]:
    return {page.url: year for page, year in registry.plans}


def check_failures(errors: list[str], max_failures: int) -> None:
    """Fail the run when more pages failed than the caller allows (default none)."""
    if len(errors) > max_failures:
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise StageError(f"{errors[0]}{more}")


def report_path(reports: Path) -> Path:
    return reports / "gap-report.html"
