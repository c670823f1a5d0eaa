"""The gate's GX file context (checks/gx): opened with the caller's output folders, its saved
suites, validation definitions and checkpoint kept equal to checks/suites/*.yaml.

Saved entities are written only when they differ from what the suite files say (under a lock,
so that two gates on one checkout take turns), so a run normally writes nothing into checks/gx.
The data source is not saved: a pandas filesystem source over the run's own batch folder is
put into the context's data sources for the run only, with fixed ids so that the saved
validation definitions stay the same from run to run. GX 1.24 has no public call that adds a
data source without writing it into great_expectations.yml, so this module sets the source's
context itself (`_data_context`, what GX's own add does); GX is pinned (pyproject.toml).
"""
from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from plangap.checks.suites import CHECKS_DIR, ExpectationSpec, Suite, SuiteError
from plangap.checks.where import condition

GX_DIR = CHECKS_DIR / "gx"
DATASOURCE, ASSET, CHECKPOINT, SITE = "plangap_gate", "frames", "plangap_gate", "plangap_dq_docs"
#: the checkpoint's result format: every failing row's index (the gate names the rows from its frames)
RESULT_FORMAT = {"result_format": "COMPLETE", "partial_unexpected_count": 5}
_IDS = uuid.UUID("6b1f0e0e-8a4e-4c43-9a55-7d3c1b0f0a11")


@contextlib.contextmanager
def locked(root: Path = GX_DIR) -> Iterator[None]:
    """Hold checks/gx/uncommitted/gate.lock while saved entities are compared and written."""
    path = root / "uncommitted" / "gate.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def open_context(results_dir: Path, docs_dir: Path, root: Path = GX_DIR) -> Any:
    """The file context at `root`, its results store and Data Docs site at the caller's folders."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    import great_expectations as gx

    for name in ("great_expectations", "great_expectations.data_context.types.base"):
        logging.getLogger(name).setLevel(logging.WARNING)
    results_dir.mkdir(parents=True, exist_ok=True)
    docs_dir.mkdir(parents=True, exist_ok=True)
    return gx.get_context(mode="file", context_root_dir=str(root), runtime_environment={
        "plangap_dq_results": str(results_dir.resolve()) + "/", "plangap_dq_docs": str(docs_dir.resolve()) + "/"})


def gx_expectation(spec: ExpectationSpec) -> Any:
    """The GX expectation of a spec: structured row condition, severity, the why as notes and
    the spec's name in meta (the gate finds the spec of a result by it)."""
    import great_expectations as gx

    name = "".join(part.capitalize() for part in spec.type.split("_"))
    cls = getattr(gx.expectations, name, None)
    if cls is None:
        raise SuiteError(f"{spec.name}: unknown expectation type {spec.type!r}")
    kwargs = dict(spec.kwargs)
    if spec.where:
        kwargs["row_condition"] = condition(spec.where)
    try:
        return cls(**kwargs, severity=spec.severity, notes=spec.why, meta={"name": spec.name})
    except Exception as err:  # pydantic says what is wrong with the kwargs
        raise SuiteError(f"{spec.name}: {err}") from None


def _comparable(suite: Any) -> list[dict[str, Any]]:
    out = []
    for e in suite.expectations:
        cfg = e.configuration.to_json_dict()
        cfg.pop("id", None)
        cfg.pop("rendered_content", None)
        out.append(cfg)
    return out


def attach_batches(context: Any, folder: Path, datasets: list[str]) -> dict[str, Any]:
    """Put a pandas filesystem source over `folder` (one parquet batch per dataset) into the
    context's data sources for this run (not saved); return dataset -> batch definition."""
    from great_expectations.datasource.fluent import PandasFilesystemDatasource

    source = PandasFilesystemDatasource(name=DATASOURCE, base_directory=folder)
    source.id = uuid.uuid5(_IDS, DATASOURCE)
    asset = source.add_parquet_asset(ASSET)
    asset.id = uuid.uuid5(_IDS, ASSET)
    batches = {}
    for name in datasets:
        batch = asset.add_batch_definition_path(name, path=f"{name}.parquet")
        batch.id = str(uuid.uuid5(_IDS, f"batch:{name}"))
        batches[name] = batch
    context.data_sources.all().set_datasource(name=DATASOURCE, ds=source)
    source._data_context = context  # what GX's own add does; see the module docstring
    return batches


def _sync_suite(context: Any, suite: Suite) -> Any:
    import great_expectations as gx

    wanted = gx.ExpectationSuite(name=suite.name, expectations=[gx_expectation(s)
                                                                for s in suite.expectations])
    try:
        stored = context.suites.get(suite.name)
    except Exception:  # noqa: BLE001 - DataContextError when missing
        return context.suites.add(wanted)
    if _comparable(stored) == _comparable(wanted):
        return stored
    wanted.id = stored.id
    return context.suites.add_or_update(wanted)


def _sync_validation(context: Any, suite: Any, batch: Any) -> Any:
    import great_expectations as gx

    try:
        stored = context.validation_definitions.get(suite.name)
        if stored.suite.id == suite.id and stored.batch_definition.id == batch.id:
            return stored
        context.validation_definitions.delete(suite.name)
    except Exception:  # noqa: BLE001 - missing or stale
        pass
    return context.validation_definitions.add(gx.ValidationDefinition(name=suite.name, data=batch, suite=suite))


def sync(context: Any, suites: list[Suite], batches: dict[str, Any]) -> Any:
    """Make the saved suites, validation definitions and the one checkpoint those of `suites`
    (over `batches`, see attach_batches); return the checkpoint."""
    import great_expectations as gx

    validations = [_sync_validation(context, _sync_suite(context, s), batches[s.dataset]) for s in suites]
    wanted_ids = [v.id for v in validations]
    try:
        checkpoint = context.checkpoints.get(CHECKPOINT)
        if [v.id for v in checkpoint.validation_definitions] == wanted_ids \
                and checkpoint.result_format == RESULT_FORMAT and not checkpoint.actions:
            return checkpoint
        context.checkpoints.delete(CHECKPOINT)
    except Exception:  # noqa: BLE001 - missing or stale
        pass
    _drop_stale(context, {s.name for s in suites})
    # No actions: an UpdateDataDocsAction builds the whole site once per validation (13 times
    # a run, each compiling GX's templates anew: 9 of the gate's 11 s at 1,000 pages);
    # build_docs() builds it once, after the checkpoint.
    return context.checkpoints.add(gx.Checkpoint(
        name=CHECKPOINT, validation_definitions=validations, result_format=RESULT_FORMAT, actions=[]))


def build_docs(context: Any, outcome: Any) -> None:
    """Build the Data Docs site once for this checkpoint run's validation results (and the index)."""
    context.build_data_docs(site_names=[SITE], resource_identifiers=list(outcome.run_results))


def _drop_stale(context: Any, names: set[str]) -> None:
    """Remove saved suites and validation definitions no suite file names any more."""
    for vd in list(context.validation_definitions.all()):
        if vd.name not in names:
            context.validation_definitions.delete(vd.name)
    for suite in list(context.suites.all()):
        if suite.name not in names:
            context.suites.delete(suite.name)
