"""The stages of a nightly run as plain functions over typed records (testable without Prefect).

flows/nightly.py wraps each in a task. Each stage opens the working copy itself: tasks receive
paths and small records, never a connection or a shared context.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from contextlib import closing
from datetime import date
from pathlib import Path
from typing import Any

from plangap.extract.sources import FetchOutcome, KnownPage, fetch_sources, make_client
from plangap.flows import progress
from plangap.flows.records import (
    Archived,
    GapOutcome,
    GateFailed,
    GateOutcome,
    Inputs,
    Loaded,
    RunPlan,
    StageError,
    Tracked,
)
from plangap.transform.page import ExtractedPage, PageInput
from plangap.transform.text.decode import charset_from_content_type
from plangap.transform.version import extractor_version
from plangap.warehouse import db as wdb
from plangap.warehouse.statuses import MATCHED

#: the staging subfolder whose files go to the analysts' folder on commit
ANALYST_STAGING = "analyst"


#: pages one extraction task reads: a task costs Prefect about 15 ms of its own (state changes,
#: events), more than a page's extraction (about 8 ms); 25 a task keeps that under a tenth
PAGES_PER_TASK = 25


def batches(pages: Sequence[PageInput], size: int = PAGES_PER_TASK) -> list[tuple[PageInput, ...]]:
    """The pages in runs of `size`, in order: what each extraction task reads."""
    return [tuple(pages[i:i + size]) for i in range(0, len(pages), size)]


def check_failures(errors: Sequence[str], max_failures: int) -> None:
    """Fail the run when more pages failed than the caller allows (default none)."""
    if len(errors) > max_failures:
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise StageError(f"{errors[0]}{more}")


def fetch(plan: RunPlan, known: Mapping[str, KnownPage]) -> FetchOutcome:
    """Fetch every source of the registry under the run's network policy."""
    outcome = fetch_sources(make_client(plan.policy, plan.snapshot_base), plan.registry, known)
    check_failures(outcome.errors, plan.max_page_failures)
    progress.done("fetch", outcome)
    return outcome


def archive(work_db: Path, plan: RunPlan, fetched: FetchOutcome, known: Mapping[str, KnownPage]) -> Archived:
    """Archive every fetched page's bytes and provenance before anything parses them, and choose
    the pages to read: a page whose bytes and extractor are both unchanged keeps its rows."""
    from plangap.warehouse.archive import archived_bytes
    from plangap.warehouse.bulk import extracted_by
    from plangap.warehouse.history import load_regions, region_rows
    from plangap.warehouse.load import load_pages

    declared = {p.url: charset_from_content_type(p.content_type) for p in fetched.pages}
    current = extractor_version()
    with closing(wdb.connect(work_db)) as conn:
        ids = load_pages(conn, fetched.pages, {u: c for u, c in declared.items() if c})
        load_regions(conn, region_rows(plan.registry))  # the registry's regions: scope resolves through them
        stamps = extracted_by(conn, list(ids.values()))
        to_read = [p for p in fetched.pages if p.source.kind == "list" or stamps.get(ids[p.url]) != current]
        # a page that answered 304 is read again from the archive (only the list pages' bytes came with `known`)
        again = archived_bytes(conn, [ids[p.url] for p in to_read if p.not_modified and known[p.url].content is None])
    years = {page.url: year for page, year in plan.registry.plans}
    inputs = []
    for p in to_read:
        content = p.content
        if p.not_modified:
            saved = known[p.url].content
            content = saved if saved is not None else again[ids[p.url]]
        inputs.append(PageInput(page_id=ids[p.url], url=p.url, kind=p.source.kind, region=p.source.region,
                                content=content, content_type=p.content_type, period=p.source.period,
                                title=p.source.title, plan_year=years.get(p.url), max_numbers=plan.max_page_numbers))
    new = sum(1 for p in fetched.pages if not p.not_modified and (p.url not in known or known[p.url].sha256 != p.sha256))
    kept = sum(1 for p in fetched.pages if p.source.kind != "list") - sum(1 for i in inputs if i.kind != "list")
    archived = Archived(pages=tuple(inputs), new=new, kept=kept, page_ids=tuple(sorted(set(ids.values()))))
    progress.done("archive", archived)
    return archived


def without_pages(archived: Archived) -> Archived:
    """`archived` without the pages it handed to extraction (their bytes): its counts only."""
    return dataclasses.replace(archived, pages=())


def without_content(fetched: FetchOutcome) -> FetchOutcome:
    """`fetched` with each page's bytes dropped (archived already): what the later stages and the
    summary read of it are its addresses, counts, errors and discoveries."""
    return dataclasses.replace(fetched, pages=tuple(dataclasses.replace(p, content=b"") for p in fetched.pages))


def load(work_db: Path, archived: Archived, extracted: Sequence[ExtractedPage], allowed_failures: int) -> Loaded:
    """Stage the targets, facts and page metadata of every page read (one transaction), and the
    indicator dictionary; count what the run's pages hold now."""
    from plangap.transform.indicators.dictionary import load_dictionary
    from plangap.warehouse.bulk import current_counts, load_extracted
    from plangap.warehouse.load import load_indicators

    errors = [p.error for p in extracted if p.error]
    check_failures(errors, allowed_failures)
    progress.done("extract", tuple(extracted))
    dictionary = load_dictionary()
    with closing(wdb.connect(work_db)) as conn:
        load_indicators(conn, [_indicator_row(ind) for ind in dictionary.indicators], dictionary.version)
        load_extracted(conn, [p for p in extracted if not p.error])
        targets, facts = current_counts(conn, archived.page_ids)
    loaded = Loaded(targets=targets, facts=facts, failed=len(errors))
    progress.done("load", loaded)
    return loaded


def _indicator_row(ind: Any) -> dict[str, Any]:
    return {"id": ind.id, "name": ind.name, "synonyms": list(ind.synonyms),
            "patterns": [p.pattern for p in ind.patterns], "exclude": list(ind.exclude), "unit": ind.unit,
            "kind": ind.kind, "direction": ind.direction, "accumulates": ind.accumulates}


def compare_inputs(plan: RunPlan, fetched: FetchOutcome) -> Inputs:
    """The run's inputs key, and whether the last successful run read the same inputs (with
    every page fetched and its report in place): then there is nothing new to judge or publish."""
    from plangap.flows.inputs import inputs_key
    from plangap.publish.report import HTML_NAME
    from plangap.warehouse.inputs import current_page_digest, last_success_key

    with closing(wdb.connect(plan.work_db)) as conn:
        key = inputs_key(plan, current_page_digest(conn))
        last = last_success_key(conn)
    same = last is not None and last[1] == key and not fetched.errors and (plan.reports / HTML_NAME).is_file()
    return Inputs(key=key, unchanged_since=last[0] if same and last else None)


def kept(plan: RunPlan, inputs: Inputs) -> tuple[GapOutcome, GateOutcome, Path]:
    """What an unchanged run keeps from the run that read the same inputs: its gap mart (the
    working copy holds it), its passed gate and its report (already in place)."""
    from plangap.publish.report import HTML_NAME
    from plangap.warehouse.mart import status_counts

    with closing(wdb.connect(plan.work_db)) as conn:
        statuses = status_counts(conn)
    gap = _gap_outcome(sum(statuses.values()), statuses)
    progress.done("gap", gap)
    checked = GateOutcome(summary=f"passed at run {inputs.unchanged_since}; inputs unchanged since, not run again",
                          failed=0)
    progress.done("gate", checked)
    return gap, checked, plan.reports / HTML_NAME


def build_gap(work_db: Path, as_of: date) -> GapOutcome:
    """Judge every current target against the published figures (docs/methodology.md)."""
    from plangap.warehouse.mart import build_gap_mart, status_counts

    with closing(wdb.connect(work_db)) as conn:
        rows = build_gap_mart(conn, as_of)
        statuses = status_counts(conn)
    outcome = _gap_outcome(rows, statuses)
    progress.done("gap", outcome)
    return outcome


def _gap_outcome(rows: int, statuses: dict[str, int]) -> GapOutcome:
    return GapOutcome(rows=rows, statuses=tuple(sorted(statuses.items())),
                      matched=sum(n for s, n in statuses.items() if s in MATCHED))


def gate(work_db: Path, run_id: str, dq_docs: Path | None = None) -> GateOutcome:
    """Run the data-quality gate; a failure stops the run before anything is published."""
    from plangap.checks.gate import run_gate
    from plangap.warehouse.load import record_dq_results

    with closing(wdb.connect(work_db)) as conn:
        result = run_gate(conn, docs_dir=dq_docs, run_id=run_id) if dq_docs else run_gate(conn, run_id=run_id)
        record_dq_results(conn, run_id, result.results)
    if not result.success:
        raise GateFailed(f"data-quality gate: {result.summary()}", result.results)
    checked = GateOutcome(summary=result.summary(), failed=len(result.failed),
                          warnings=tuple(str(w.get("reason") or w["expectation"]) for w in result.warnings),
                          docs_index=result.docs_index)
    progress.done("gate", checked)
    return checked


def track(plan: RunPlan, fetched: FetchOutcome) -> Tracked:
    """Record what the list pages showed and every target's status at this run; send the short
    alert to the recipients the registry names for each region whose targets changed."""
    from plangap.publish.alerts import send_alerts
    from plangap.warehouse.history import record_discoveries, record_statuses

    with closing(wdb.connect(plan.work_db)) as conn:
        new = record_discoveries(conn, plan.run_id, fetched.discovered)
        changes = record_statuses(conn, plan.run_id, plan.as_of)
        alerts = send_alerts(conn, plan.run_id, plan.registry.recipients, plan.as_of) if changes else None
    lines = tuple(f"{d.kind} {d.region or '?'} {d.period or '?'}: {d.title} ({d.url})" for d in new if d.taken)
    listed = tuple(f"{d.kind}: {d.title} ({d.url}; {d.reason})" for d in new if not d.taken)
    return Tracked(discovered=lines, listed=listed, changes=changes,
                   alerts_sent=alerts.sent if alerts else (), alerts_unsent=alerts.unsent if alerts else ())


def publish(work_db: Path, plan: RunPlan, checked: GateOutcome | None = None) -> Path:
    """Write the report from the working copy into the run's staging folder (the analysts'
    exports into its `analyst/` folder); the transaction moves them into place only after the
    warehouse is committed."""
    import os

    from plangap.publish.report import write_report

    quality = None
    if checked is not None:
        docs = os.path.relpath(checked.docs_index, plan.reports) if checked.docs_index else None
        quality = {"summary": checked.summary, "docs": docs, "warnings": list(checked.warnings)}
    with closing(wdb.connect(work_db)) as conn:
        path = write_report(conn, plan.staging, region=plan.region, year=plan.year, previous_dir=plan.reports,
                            analyst_dir=plan.staging / ANALYST_STAGING if plan.analyst_dir else None, quality=quality)
    return plan.reports / Path(path).name
