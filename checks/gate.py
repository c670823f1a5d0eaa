"""The data-quality gate: the suites of checks/suites/*.yaml validated by Great Expectations
against the warehouse tables and against frames that compare this run with the last good run
(warehouse/quality.py), in one checkpoint of the file context checks/gx, with the GX Data Docs
built to a folder the caller names (docs/checks.md).

GX's SQL data source is broken on DuckDB, so every dataset is read into pandas, written as a
parquet batch into a temporary folder and validated through a pandas filesystem data source
over it. GX is imported lazily: only the nightly run pays its import time.
"""
from __future__ import annotations

import tempfile
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from plangap.checks.context import GX_DIR, attach_batches, build_docs, locked, open_context, sync
from plangap.checks.derive import derive
from plangap.checks.results import GateResult, record
from plangap.checks.suites import SUITES_DIR, Suite, SuiteError, load_suites
from plangap.warehouse.quality import dataset_frame

__all__ = ["DEFAULT_DOCS_DIR", "GateResult", "SuiteError", "load_suites", "run_gate", "SUITES_DIR"]

#: where the Data Docs site goes when the caller names no folder
DEFAULT_DOCS_DIR = Path("data/dq-docs")


def _parquet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """Nested values (MAP, lists) as text: a batch holds plain columns."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object and out[col].map(lambda v: isinstance(v, (dict, list, tuple))).any():
            out[col] = out[col].map(lambda v: None if v is None else str(v))
    return out


def _frames(conn: duckdb.DuckDBPyConnection, suites: list[Suite]) -> dict[str, pd.DataFrame]:
    frames = {}
    for dataset in sorted({s.dataset for s in suites}):
        frame = derive(dataset, dataset_frame(conn, dataset)).reset_index(drop=True)
        for suite in (s for s in suites if s.dataset == dataset):
            missing = [c for c in suite.index if c not in frame.columns]
            if missing:
                raise SuiteError(f"suite {suite.name}: index columns {missing} are not in {dataset}")
        frames[dataset] = frame
    return frames


def _collect(outcome: Any, suites: list[Suite], frames: dict[str, pd.DataFrame]) -> list[dict[str, Any]]:
    by_name = {s.name: s for s in suites}
    out: list[dict[str, Any]] = []
    for run_result in outcome.run_results.values():
        suite = by_name[run_result.suite_name]
        specs = {spec.name: spec for spec in suite.expectations}
        for r in run_result.results:
            spec = specs[(r.expectation_config.meta or {})["name"]]
            out.append(record(suite, spec, r.success, r.result or {}, frames[suite.dataset]))
    order = {s.name: i for i, s in enumerate(suites)}
    return sorted(out, key=lambda r: order[r["suite"]])


def run_gate(conn: duckdb.DuckDBPyConnection, suites: list[Suite] | None = None, *,
             docs_dir: Path | str = DEFAULT_DOCS_DIR, run_id: str | None = None,
             root: Path = GX_DIR) -> GateResult:
    """Validate every suite in one checkpoint run and build the Data Docs into `docs_dir`.

    The result passes when no critical expectation failed; warnings are returned with it.
    `docs_dir` also keeps the GX validation results (docs_dir/results/) the site is built from.
    """
    suites = load_suites() if suites is None else suites
    docs = Path(docs_dir)
    run_time = datetime.now(UTC)
    run_name = run_id or run_time.strftime("%Y%m%dT%H%M%SZ-") + uuid.uuid4().hex[:6]
    from great_expectations.core.run_identifier import RunIdentifier

    frames = _frames(conn, suites)
    with tempfile.TemporaryDirectory(prefix="plangap-dq-") as tmp:
        folder = Path(tmp)
        for dataset, frame in frames.items():
            _parquet_safe(frame).to_parquet(folder / f"{dataset}.parquet", index=False)
        context = open_context(docs / "results", docs, root)
        batches = attach_batches(context, folder, sorted(frames))
        with locked(root):
            checkpoint = sync(context, suites, batches)
        # the run time is given: without it GX reads one out of the run's name with dateutil, which
        # takes some names ("20261203T021029Z-5307ad") for a date with an offset of days and fails
        outcome = checkpoint.run(run_id=RunIdentifier(run_name=run_name, run_time=run_time))
        build_docs(context, outcome)
    results = _collect(outcome, suites, frames)
    result = GateResult(success=True, results=results, docs_index=docs / "index.html", run_id=run_name)
    result.success = not result.failed
    return result
