"""What a run is asked to do, what its stages hand each other, and how it ends.

Every stage result is a small frozen record, so the flow reads as a table of contents and
Prefect shows what each task received and returned.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from plangap.config import Settings
from plangap.extract.http import NetworkPolicy
from plangap.extract.registry import Registry
from plangap.transform.page import PageInput


class StageError(Exception):
    """A pipeline stage failed: `str(err)` is the one-line reason the CLI prints."""


class RunLockedError(StageError):
    """Another run holds the warehouse: DuckDB has one writer, and so does plangap."""


class GateFailed(StageError):
    """The data-quality gate stopped the run; `results` are its expectations, recorded in the
    last good warehouse's log."""

    def __init__(self, reason: str, results: list[dict]):
        super().__init__(reason)
        self.results = results


@dataclass(frozen=True)
class RunOptions:
    settings: Settings
    snapshot: Path | None = None  # None with live=False: the bundled snapshot
    live: bool = False
    region: str | None = None
    year: int | None = None
    as_of: date | None = None
    max_page_failures: int = 0
    task_runner: str = "threads"  # flows/runners.py: threads, processes or dask
    workers: int | None = None


@dataclass(frozen=True)
class RunPlan:
    """The run's fixed inputs, opened by flows/transaction.py: where it writes and what it reads."""

    run_id: str
    work_db: Path  # the working copy of the warehouse
    registry: Registry
    policy: NetworkPolicy
    snapshot_base: str | None  # http://127.0.0.1:PORT of the snapshot server, or None when live
    as_of: date
    reports: Path
    staging: Path  # where this run writes its outputs before they are swapped in
    dq_docs: Path  # where the gate builds GX Data Docs
    analyst_dir: Path | None = None  # the analysts' folder: the exports go there too
    region: str | None = None
    year: int | None = None
    max_page_failures: int = 0
    max_page_numbers: int = 5_000  # PLANGAP_MAX_PAGE_NUMBERS: a page with more is refused


@dataclass(frozen=True)
class Archived:
    """Pages archived this run, as the transform stage gets them."""

    pages: tuple[PageInput, ...]  # the pages to read: new or changed bytes, or a new extractor
    new: int  # new pages or new versions of known ones
    kept: int  # pages whose bytes and extractor are unchanged: not read again, their rows stay
    page_ids: tuple[int, ...] = ()  # the current version of every page of the run


@dataclass(frozen=True)
class Loaded:
    targets: int
    facts: int
    failed: int  # pages that could not be read (within --max-page-failures)


@dataclass(frozen=True)
class GapOutcome:
    rows: int
    statuses: tuple[tuple[str, int], ...]
    matched: int


@dataclass(frozen=True)
class Tracked:
    """What the run saw for the first time and what it changed (flows/stages.py:track)."""

    discovered: tuple[str, ...] = ()  # pages first seen on a list and taken: kind, region, period, title
    listed: tuple[str, ...] = ()  # links first seen and not taken (notices, speeches, unclassified)
    changes: int = 0  # status changes and revisions recorded (status_changes view)
    alerts_sent: tuple[str, ...] = ()  # recipients the alert went to
    alerts_unsent: tuple[str, ...] = ()  # alerts that could not be sent, one line each


@dataclass(frozen=True)
class Inputs:
    """What the run reads, as one key (flows/inputs.py), and the last successful run that read
    the same (None when something changed): that run's gap mart, gate and report are kept."""

    key: str
    unchanged_since: str | None = None


@dataclass(frozen=True)
class GateOutcome:
    summary: str
    failed: int
    warnings: tuple[str, ...] = ()  # reasons of the warning-level expectations that failed
    docs_index: Path | None = None  # the GX Data Docs of this run


@dataclass
class RunSummary:
    run_id: str
    pages_fetched: int = 0
    pages_unchanged: int = 0
    pages_new: int = 0  # new pages or new versions of known ones
    pages_failed: int = 0
    pages_kept: int = 0  # unchanged bytes and extractor: not parsed again
    targets: int = 0
    facts: int = 0
    matched: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    data_quality: str = "not run"
    dq_failed: int = 0
    report: str | None = None
    discovered: list[str] = field(default_factory=list)  # pages first seen on a list and taken
    listed: list[str] = field(default_factory=list)  # links first seen and not taken
    status_changes: int = 0
    alerts: str = "none"
    db: str | None = None
    analyst_copy: str | None = None
    inputs_key: str | None = None  # flows/inputs.py: run_log keeps it for the next run to compare
    unchanged_since: str | None = None  # the run whose gap mart, gate and report this run kept

    def counts(self) -> dict[str, int]:
        """The run_log counts of this run."""
        return {"pages": self.pages_fetched, "pages_new": self.pages_new, "pages_not_modified": self.pages_unchanged,
                "targets": self.targets, "facts": self.facts, "gap_rows": sum(self.statuses.values()),
                "dq_failed": self.dq_failed}

    def lines(self) -> list[str]:
        status = ", ".join(f"{k} {v}" for k, v in sorted(self.statuses.items())) or "none"
        return [
            f"run {self.run_id}",
            f"pages fetched: {self.pages_fetched} ({self.pages_new} new or changed, {self.pages_unchanged} unchanged, "
            f"{self.pages_failed} failed; {self.pages_kept} not parsed again)",
            f"targets: {self.targets}",
            f"facts: {self.facts}",
            f"matched targets: {self.matched} ({status})",
            f"data quality: {self.data_quality}",
            f"discovered: {len(self.discovered)} new pages taken, {len(self.listed)} listed and not taken"
            + "".join(f"\n  + {d}" for d in self.discovered) + "".join(f"\n  - {d}" for d in self.listed),
            f"status changes: {self.status_changes} (alerts: {self.alerts})",
            f"report: {self.report}",
            f"warehouse: {self.db} (analyst copy: {self.analyst_copy})",
        ]
