"""The run's context and its stages, in plain Python (flows/nightly.py wraps them in tasks).

A run loads into a working copy of the warehouse (`<db>.run-<id>`); only after the quality
gate passes and the report is written is the copy swapped in with os.replace, and the
analyst copy published. On failure the working copy is discarded and the failure is recorded
in the last good warehouse's run log.
"""
from __future__ import annotations

import contextlib
import logging
import os
import shutil
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Iterator

from plangap.extract.http import HttpClient, NetworkPolicy, Validators
from plangap.extract.registry import Registry, load_registry, registry_from_manifest
from plangap.extract.snapshot import SnapshotServer
from plangap import pipeline
from plangap.config import Settings
from plangap.transform.indicators.dictionary import load_dictionary
from plangap.warehouse.statuses import MATCHED

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RunOptions:
    settings: Settings
    snapshot: Path | None = None  # None with live=False: the bundled snapshot
    live: bool = False
    region: str | None = None
    year: int | None = None
    as_of: date | None = None
    max_page_failures: int = 0


@dataclass
class RunSummary:
    run_id: str
    pages_fetched: int = 0
    pages_unchanged: int = 0
    pages_new: int = 0  # new pages or new versions of known ones
    pages_failed: int = 0
    targets: int = 0
    facts: int = 0
    matched: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    data_quality: str = "not run"
    report: str | None = None
    db: str | None = None
    analyst_copy: str | None = None

    def lines(self) -> list[str]:
        status = ", ".join(f"{k} {v}" for k, v in sorted(self.statuses.items())) or "none"
        return [
            f"run {self.run_id}",
            f"pages fetched: {self.pages_fetched} ({self.pages_new} new or changed, {self.pages_unchanged} unchanged, "
            f"{self.pages_failed} failed)",
            f"targets: {self.targets}",
            f"facts: {self.facts}",
            f"matched targets: {self.matched} ({status})",
            f"data quality: {self.data_quality}",
            f"report: {self.report}",
            f"warehouse: {self.db} (analyst copy: {self.analyst_copy})",
        ]


@dataclass
class RunContext:
    options: RunOptions
    registry: Registry
    client: HttpClient
    conn: object  # duckdb connection to the working copy
    work_db: Path
    summary: RunSummary
    archived_bytes: dict[str, bytes] = field(default_factory=dict)
    archived_sha: dict[str, str] = field(default_factory=dict)
    validators: dict[str, Validators] = field(default_factory=dict)
    plan_years: dict[str, int | None] = field(default_factory=dict)
    gate_result: object = None
    page_ids: dict[str, int] = field(default_factory=dict)


def _registry(options: RunOptions) -> tuple[Registry, Path | None]:
    if options.live:
        return load_registry(options.settings.registry), None
    if options.snapshot is not None:
        return registry_from_manifest(options.snapshot), options.snapshot
    return load_registry(options.settings.registry), options.settings.snapshot


class RunLockedError(pipeline.StageError):
    """Another run holds the warehouse: DuckDB has one writer, and so does plangap."""


@contextlib.contextmanager
def writer_lock(db_path: Path) -> Iterator[None]:
    """Hold `<db>.lock` exclusively for the whole run; a second run fails at once, naming the lock."""
    import fcntl

    lock_path = db_path.with_name(db_path.name + ".lock")
    with open(lock_path, "a+") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise RunLockedError(f"{lock_path}: another plangap run is writing this warehouse") from None
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


@contextlib.contextmanager
def run_context(options: RunOptions) -> Iterator[RunContext]:
    settings = options.settings
    settings.db.parent.mkdir(parents=True, exist_ok=True)
    with writer_lock(settings.db):
        with _run_context(options) as ctx:
            yield ctx


@contextlib.contextmanager
def _run_context(options: RunOptions) -> Iterator[RunContext]:
    from plangap.extract.registry import RegistryError
    from plangap.warehouse import db as wdb
    from plangap.warehouse.archive import latest_pages
    from plangap.warehouse.load import finish_run, start_run

    settings = options.settings
    run_id = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ-") + uuid.uuid4().hex[:6]
    registry, snapshot_dir = _registry(options)
    registry = registry.only(options.region, options.year)
    if not (registry.plans or registry.lists or registry.pages):
        raise RegistryError(f"no sources in the registry for region={options.region or 'any'} "
                            f"year={options.year or 'any'}")
    work_db = settings.db.with_name(f"{settings.db.name}.run-{run_id}")
    if settings.db.exists():
        shutil.copyfile(settings.db, work_db)
        wal = Path(str(settings.db) + ".wal")  # left by a process that died: replayed on open
        if wal.exists():
            shutil.copyfile(wal, str(work_db) + ".wal")
    server = SnapshotServer(snapshot_dir) if snapshot_dir is not None else None
    conn = None
    ctx = None
    try:
        if server is not None:
            server.start()
        policy = NetworkPolicy(timeout=settings.http_timeout, retries=settings.http_retries)
        client = HttpClient(policy=policy, rewrite=server.rewrite if server else None)
        conn = wdb.connect(work_db)
        start_run(conn, run_id)
        archive = latest_pages(conn)
        ctx = RunContext(
            options=options, registry=registry, client=client, conn=conn, work_db=work_db,
            summary=RunSummary(run_id=run_id, db=str(settings.db)),
            archived_bytes={u: a.content for u, a in archive.items()},
            archived_sha={u: a.sha256 for u, a in archive.items()},
            validators={u: Validators(a.etag, a.last_modified) for u, a in archive.items()},
            plan_years=pipeline.plan_years(registry),
        )
        yield ctx
        finish_run(conn, run_id, "success", counts=_counts(ctx))
        conn.close()
        conn = None
        os.replace(work_db, settings.db)
        from plangap.warehouse.copy import publish_analyst_copy

        ctx.summary.analyst_copy = str(publish_analyst_copy(settings.db, settings.analyst_copy))
    except BaseException as err:
        if conn is not None:
            conn.close()
        with contextlib.suppress(FileNotFoundError):
            os.unlink(work_db)
        gate = ctx.gate_result if ctx is not None else None
        _record_failure(settings.db, run_id, err, gate.results if gate is not None else None)
        raise
    finally:
        for suffix in (".wal",):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(str(work_db) + suffix)
        if server is not None:
            server.stop()


def _counts(ctx: RunContext) -> dict[str, int]:
    s = ctx.summary
    return {"pages": s.pages_fetched, "pages_new": s.pages_new, "pages_not_modified": s.pages_unchanged, "targets": s.targets,
            "facts": s.facts, "gap_rows": sum(s.statuses.values()),
            "dq_failed": len(ctx.gate_result.failed) if ctx.gate_result is not None else 0}


def _record_failure(db_path: Path, run_id: str, err: BaseException, dq_results: list | None = None) -> None:
    """Write the failed run, and the expectations of a gate that failed it, into the last good
    warehouse's run log (best effort, logged): the data stay as they were."""
    from plangap.warehouse import db as wdb
    from plangap.warehouse.load import finish_run, record_dq_results, start_run

    try:
        conn = wdb.connect(db_path)
        try:
            start_run(conn, run_id)
            finish_run(conn, run_id, "failed", error=str(err)[:2000] or type(err).__name__,
                       counts={"dq_failed": sum(1 for r in dq_results or () if not r["success"])})
            if dq_results:
                record_dq_results(conn, run_id, dq_results)
        finally:
            conn.close()
    except Exception as log_err:  # the run's own error matters more than its log line
        log.warning("could not record the failed run %s in %s: %s", run_id, db_path, log_err)


def fetch(ctx: RunContext) -> pipeline.FetchOutcome:
    outcome = pipeline.fetch_sources(ctx.client, ctx.registry, ctx.validators, ctx.archived_bytes)
    ctx.summary.pages_fetched = len(outcome.pages)
    ctx.summary.pages_unchanged = outcome.unchanged
    ctx.summary.pages_failed = len(outcome.errors)
    pipeline.check_failures(outcome.errors, ctx.options.max_page_failures)
    return outcome


def archive(ctx: RunContext, pages: list) -> dict[str, int]:
    """Archive every fetched page's bytes and provenance before anything parses them."""
    from plangap.warehouse.load import load_pages

    ids = load_pages(ctx.conn, pages)
    ctx.page_ids = ids
    ctx.summary.pages_new = sum(1 for p in pages if not p.not_modified and ctx.archived_sha.get(p.url) != p.sha256)
    return ids


def load(ctx: RunContext, parsed: list[pipeline.ParsedPage]) -> int:
    """Stage the extracted targets and facts of every page, and the indicator dictionary."""
    from plangap.warehouse.archive import record_encodings
    from plangap.warehouse.load import load_facts, load_indicators, load_page_meta, load_targets

    errors = [p.error for p in parsed if p.error]
    fetch_failures = ctx.summary.pages_failed
    ctx.summary.pages_failed += len(errors)
    pipeline.check_failures(errors, ctx.options.max_page_failures - fetch_failures)
    dictionary = load_dictionary()
    load_indicators(ctx.conn, [_indicator_row(i) for i in dictionary.indicators], dictionary.version)
    record_encodings(ctx.conn, {ctx.page_ids[p.page.url]: p.encoding for p in parsed if p.encoding})
    for p in parsed:
        if p.error:
            continue
        page_id = ctx.page_ids[p.page.url]
        if p.document is not None:
            d = p.document
            load_page_meta(ctx.conn, page_id, d.title, d.published, d.year, d.encoding, d.meta, len(d.text))
        if p.page.source.kind == "plan":
            ctx.summary.targets += load_targets(ctx.conn, page_id, p.page.source.region, p.targets)
        elif p.page.source.kind != "list":
            ctx.summary.facts += load_facts(ctx.conn, page_id, p.page.source.region, p.facts)
    return ctx.summary.targets + ctx.summary.facts


def _indicator_row(ind) -> dict:
    return {"id": ind.id, "name": ind.name, "synonyms": list(ind.synonyms),
            "patterns": [p.pattern for p in ind.patterns], "exclude": list(ind.exclude), "unit": ind.unit,
            "kind": ind.kind, "direction": ind.direction, "accumulates": ind.accumulates}


def build_gap(ctx: RunContext, as_of: date) -> int:
    from plangap.warehouse.mart import build_gap_mart
    from plangap.warehouse.summary import status_counts

    n = build_gap_mart(ctx.conn, as_of)
    ctx.summary.statuses = status_counts(ctx.conn)
    ctx.summary.matched = sum(v for k, v in ctx.summary.statuses.items() if k in MATCHED)
    return n


def gate(ctx: RunContext) -> str:
    from plangap.checks.gate import run_gate
    from plangap.warehouse.load import record_dq_results

    result = run_gate(ctx.conn)
    ctx.gate_result = result
    record_dq_results(ctx.conn, ctx.summary.run_id, result.results)
    ctx.summary.data_quality = result.summary()
    if not result.success:
        raise pipeline.StageError(f"data-quality gate: {result.summary()}")
    return ctx.summary.data_quality


def publish(ctx: RunContext) -> str:
    from plangap.publish.report import write_report

    path = write_report(ctx.conn, ctx.options.settings.reports, region=ctx.options.region, year=ctx.options.year)
    ctx.summary.report = str(path)
    return str(path)
