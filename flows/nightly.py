"""The nightly flow: the pipeline's table of contents.

fetch -> archive raw pages -> extract each page -> load -> gap mart -> GX gate -> statuses and alerts -> publish,
inside the run's transaction (flows/transaction.py): a working copy of the warehouse that is
swapped in, with the report, only when every stage has passed.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import TypeVar, cast

from prefect import flow, task
from prefect.cache_policies import NO_CACHE
from prefect.utilities.annotations import quote

from plangap.extract.sources import FetchOutcome, KnownPage
from plangap.flows import stages
from plangap.flows.notify import on_failure_notify
from plangap.flows.reaper import guard_children
from plangap.flows.records import (
    Archived,
    GapOutcome,
    GateOutcome,
    Inputs,
    Loaded,
    RunOptions,
    RunPlan,
    RunSummary,
    Tracked,
)
from plangap.flows.runners import make_task_runner
from plangap.flows.transaction import open_run
from plangap.transform.page import ExtractedPage, PageInput, extract_page

T = TypeVar("T")


def as_is(value: T) -> T:
    """`value` passed to a task without Prefect walking into it (prefect's quote(); typed as the
    value, which is what the task receives)."""
    return cast(T, quote(value))


@task(name="fetch-sources", cache_policy=NO_CACHE)
def fetch_sources(plan: RunPlan, known: Mapping[str, KnownPage]) -> FetchOutcome:
    return stages.fetch(plan, known)


@task(name="archive-pages", cache_policy=NO_CACHE)
def archive_pages(plan: RunPlan, fetched: FetchOutcome, known: Mapping[str, KnownPage]) -> Archived:
    return stages.archive(plan.work_db, plan, fetched, known)


@task(name="extract-pages", cache_policy=NO_CACHE)
def extract(pages: Sequence[PageInput]) -> list[ExtractedPage]:
    return [extract_page(page) for page in pages]


@task(name="load-warehouse", cache_policy=NO_CACHE)
def load_warehouse(work_db: Path, archived: Archived, extracted: Sequence[Sequence[ExtractedPage]],
                   allowed_failures: int) -> Loaded:
    return stages.load(work_db, archived, [page for batch in extracted for page in batch], allowed_failures)


@task(name="compare-inputs", cache_policy=NO_CACHE)
def compare_inputs(plan: RunPlan, fetched: FetchOutcome) -> Inputs:
    return stages.compare_inputs(plan, fetched)


@task(name="keep-unchanged", cache_policy=NO_CACHE)
def keep_unchanged(plan: RunPlan, inputs: Inputs) -> tuple[GapOutcome, GateOutcome, Path]:
    return stages.kept(plan, inputs)


@task(name="build-gap-mart", cache_policy=NO_CACHE)
def build_gap(work_db: Path, as_of: date) -> GapOutcome:
    return stages.build_gap(work_db, as_of)


@task(name="quality-gate", cache_policy=NO_CACHE)
def quality_gate(work_db: Path, run_id: str, dq_docs: Path) -> GateOutcome:
    return stages.gate(work_db, run_id, dq_docs)


@task(name="record-statuses-and-alert", cache_policy=NO_CACHE)
def record_statuses_and_alert(plan: RunPlan, fetched: FetchOutcome) -> Tracked:
    return stages.track(plan, fetched)


@task(name="publish", cache_policy=NO_CACHE)
def publish(work_db: Path, plan: RunPlan, checked: GateOutcome) -> Path:
    return stages.publish(work_db, plan, checked)


@flow(name="plangap-nightly", log_prints=False)
def nightly(options: RunOptions) -> RunSummary:
    with open_run(options) as run:
        # as_is(): the run's plan (its registry names every page) and its pages pass between
        # tasks as they are; Prefect would otherwise walk every source, page, target and fact of
        # them at each task, looking for futures (seconds a task at 10,000 pages)
        plan, known = as_is(run.plan), as_is(run.known)
        fetched = fetch_sources(plan, known)
        archived = archive_pages(plan, as_is(fetched), known)
        extracted = extract.map(stages.batches(archived.pages)).result()
        allowed = run.plan.max_page_failures - len(fetched.errors)
        loaded = load_warehouse(run.plan.work_db, as_is(archived), as_is(extracted), allowed)
        # the pages' bytes and rows are in the warehouse now: let them go before the gate and report
        del extracted
        archived, fetched = stages.without_pages(archived), stages.without_content(fetched)
        inputs = compare_inputs(plan, as_is(fetched))
        if inputs.unchanged_since:  # the last good run read the same: its mart, gate and report stand
            gap, checked, report = keep_unchanged(plan, inputs)
            tracked = record_statuses_and_alert(plan, as_is(fetched))
        else:
            gap = build_gap(run.plan.work_db, run.plan.as_of)
            checked = quality_gate(run.plan.work_db, run.plan.run_id, run.plan.dq_docs)
            tracked = record_statuses_and_alert(plan, as_is(fetched))
            report = publish(run.plan.work_db, plan, checked)
        run.summary = summarise(run.summary, fetched, archived, loaded, gap, checked, report, tracked)
        run.summary.inputs_key, run.summary.unchanged_since = inputs.key, inputs.unchanged_since
    return run.summary


def run_nightly(options: RunOptions) -> RunSummary:
    """The nightly flow with the task runner the options name; what the run starts (Prefect's
    temporary server among it) is ended by a watchdog if the run's process dies (flows/reaper.py);
    a failed run sends its reason by email (flows/notify.py)."""
    guard_children()
    runner = make_task_runner(options.task_runner, options.workers)
    hooks = [on_failure_notify(options.settings.analyst_copy)]  # a failed run emails its reason
    return nightly.with_options(task_runner=runner, on_failure=hooks)(options)  # type: ignore[arg-type]  # any TaskRunner will do


def summarise(summary: RunSummary, fetched: FetchOutcome, archived: Archived, loaded: Loaded,
              gap: GapOutcome, checked: GateOutcome, report: Path, tracked: Tracked | None = None) -> RunSummary:
    """The run's summary from what its stages returned."""
    summary.pages_fetched = len(fetched.pages)
    summary.pages_unchanged = fetched.unchanged
    summary.pages_new = archived.new
    summary.pages_kept = archived.kept
    summary.pages_failed = len(fetched.errors) + loaded.failed
    summary.targets, summary.facts = loaded.targets, loaded.facts
    summary.statuses, summary.matched = dict(gap.statuses), gap.matched
    summary.data_quality, summary.dq_failed = checked.summary, checked.failed
    summary.report = str(report)
    if tracked is not None:
        summary.discovered, summary.listed = list(tracked.discovered), list(tracked.listed)
        summary.status_changes = tracked.changes
        sent = f"sent to {', '.join(tracked.alerts_sent)}" if tracked.alerts_sent else "none sent"
        summary.alerts = "; ".join([sent, *tracked.alerts_unsent])
    return summary
