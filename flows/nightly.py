"""The nightly flow: the pipeline's table of contents.

fetch -> archive raw pages -> transform (targets, facts) -> load -> gap mart -> GX gate -> publish.

The run works on a copy of the warehouse and swaps it in only when every stage, the quality
gate included, has passed: a failed run leaves the last good data, the last good report and
the last analyst copy in place, and records the failure in the run log.
"""
from __future__ import annotations

from datetime import date

from prefect import flow, task
from prefect.cache_policies import NO_CACHE

from plangap import pipeline, runner
from plangap.runner import RunOptions, RunSummary


@task(name="fetch-sources", cache_policy=NO_CACHE)
def fetch_sources(ctx: runner.RunContext) -> pipeline.FetchOutcome:
    return runner.fetch(ctx)


@task(name="archive-pages", cache_policy=NO_CACHE)
def archive_pages(ctx: runner.RunContext, fetched: pipeline.FetchOutcome) -> dict[str, int]:
    return runner.archive(ctx, fetched.pages)


@task(name="extract-page", cache_policy=NO_CACHE)
def extract_page(ctx: runner.RunContext, page) -> pipeline.ParsedPage:
    return pipeline.parse_page(page, ctx.archived_bytes, ctx.plan_years)


@task(name="load-warehouse", cache_policy=NO_CACHE)
def load_warehouse(ctx: runner.RunContext, parsed: list[pipeline.ParsedPage]) -> int:
    return runner.load(ctx, parsed)


@task(name="build-gap-mart", cache_policy=NO_CACHE)
def build_gap(ctx: runner.RunContext, as_of: date) -> int:
    return runner.build_gap(ctx, as_of)


@task(name="quality-gate", cache_policy=NO_CACHE)
def quality_gate(ctx: runner.RunContext) -> str:
    return runner.gate(ctx)


@task(name="publish", cache_policy=NO_CACHE)
def publish(ctx: runner.RunContext) -> str:
    return runner.publish(ctx)


@flow(name="plangap-nightly", log_prints=False)
def nightly(options: RunOptions) -> RunSummary:
    with runner.run_context(options) as ctx:
        fetched = fetch_sources(ctx)
        archive_pages(ctx, fetched)
        parsed = [extract_page(ctx, page) for page in fetched.pages]
        load_warehouse(ctx, parsed)
        build_gap(ctx, options.as_of or date.today())
        quality_gate(ctx)
        publish(ctx)
        return ctx.summary
