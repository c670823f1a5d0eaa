"""One archived page in, its records out: the transform stage of a run, for one page.

Pure: the caller hands over the bytes (the archived copy for a page answered 304) and what the
registry says of the page; nothing here touches the network or the warehouse.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from plangap.transform.document import DEFAULT_MAX_PAGE_NUMBERS, load_document
from plangap.transform.errors import TransformError
from plangap.transform.facts import extract_facts
from plangap.transform.facts.review import review_facts
from plangap.transform.parts_page import PlanPageParts
from plangap.transform.records import Fact, Target
from plangap.transform.targets import extract_targets
from plangap.transform.version import extractor_version


@dataclass(frozen=True)
class PageInput:
    """What the transform stage needs of one archived page."""

    page_id: int
    url: str
    kind: str  # plan, list, bulletin, release, article, report
    region: str
    content: bytes
    content_type: str | None = None
    period: str | None = None  # the registry's period hint
    title: str | None = None  # the link title when a crawl found the page
    plan_year: int | None = None  # the registry's plan year (plans only)
    max_numbers: int | None = DEFAULT_MAX_PAGE_NUMBERS  # a page whose text holds more is refused


@dataclass(frozen=True)
class PageMeta:
    """What a page says about itself (stg_pages)."""

    title: str | None
    published: str | None
    year: int | None
    encoding: str | None
    meta: tuple[tuple[str, str], ...]
    body_chars: int
    extractor: str  # transform/version.py: which rules read the page


@dataclass(frozen=True)
class ExtractedPage:
    """The records of one page, or the one-line reason it could not be read."""

    page_id: int
    url: str
    kind: str
    region: str
    meta: PageMeta | None = None
    targets: tuple[Target, ...] = ()
    facts: tuple[Fact, ...] = ()
    error: str | None = None


def extract_page(page: PageInput) -> ExtractedPage:
    """Decode and read one page: targets and the review's actuals from plans (transform/facts/review.py),
    facts from every other kind but lists."""
    done = ExtractedPage(page_id=page.page_id, url=page.url, kind=page.kind, region=page.region)
    if page.kind == "list":
        return done
    try:
        doc = load_document(page.content, page.url, page.content_type, url=page.url, max_numbers=page.max_numbers)
    except TransformError as err:
        return replace(done, error=str(err))
    if page.kind == "plan":
        if doc.year is None:
            doc.year = page.plan_year
        parts = PlanPageParts(doc)  # split once, at the year its text names, for both readers
        targets: tuple[Target, ...] = tuple(extract_targets(doc, parts))
        facts: tuple[Fact, ...] = tuple(review_facts(doc, page=parts))  # the actuals of its review
    else:
        if not doc.title and page.title:
            doc.title = page.title
        targets, facts = (), tuple(extract_facts(doc, period_hint=page.period))
    meta = PageMeta(title=doc.title, published=doc.published, year=doc.year, encoding=doc.encoding,
                    meta=tuple(doc.meta.items()), body_chars=len(doc.text), extractor=extractor_version())
    return replace(done, meta=meta, targets=targets, facts=facts)
