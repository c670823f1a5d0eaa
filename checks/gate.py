"""The data-quality gate: one Great Expectations suite per warehouse table, kept as data in
checks/suites/<table>.yaml, validated against the table read from the warehouse.

GX's SQL data source is broken on DuckDB (see docs), so each table is read into a pandas
DataFrame and validated through a pandas data source, a dataframe asset, a batch definition,
an ExpectationSuite, a ValidationDefinition and a Checkpoint. GX is imported lazily: only the
nightly run pays its import time.
"""
from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import yaml

from plangap.warehouse.frames import table_frame

SUITES_DIR = Path(__file__).parent / "suites"
log = logging.getLogger(__name__)


class SuiteError(Exception):
    """A suite file is unusable: names the file and the reason."""


@dataclass
class GateResult:
    success: bool
    results: list[dict[str, Any]] = field(default_factory=list)  # one per expectation

    @property
    def failed(self) -> list[dict[str, Any]]:
        return [r for r in self.results if not r["success"]]

    def summary(self) -> str:
        n, bad = len(self.results), len(self.failed)
        if not bad:
            return f"passed ({n} expectations)"
        first = self.failed[0]
        return f"FAILED {bad} of {n} expectations (first: {first['table']}.{first.get('column') or ''} {first['expectation']})"


def load_suites(folder: Path = SUITES_DIR) -> list[dict[str, Any]]:
    suites = []
    for path in sorted(folder.glob("*.yaml")):
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as err:
            raise SuiteError(f"{path}: not valid YAML ({err})") from None
        if not isinstance(raw, dict) or not raw.get("table") or not isinstance(raw.get("expectations"), list):
            raise SuiteError(f"{path}: needs 'table' and a list of 'expectations'")
        suites.append({"name": path.stem, **raw})
    return suites


def _expectation(gx, spec: dict[str, Any]):
    name = "".join(part.capitalize() for part in spec["type"].split("_"))
    cls = getattr(gx.expectations, name, None)
    if cls is None:
        raise SuiteError(f"unknown expectation type {spec['type']!r}")
    return cls(**spec.get("kwargs", {}))


def run_gate(conn: duckdb.DuckDBPyConnection, suites: list[dict[str, Any]] | None = None) -> GateResult:
    """Validate every suite's table; the gate passes only when every expectation does."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    for name in ("great_expectations", "great_expectations.data_context.types.base"):  # the latter sets INFO itself
        logging.getLogger(name).setLevel(logging.WARNING)
    suites = load_suites() if suites is None else suites
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    source = context.data_sources.add_pandas("plangap_warehouse")
    result = GateResult(success=True)
    for suite_spec in suites:
        table = suite_spec["table"]
        frame = table_frame(conn, table)
        asset = source.add_dataframe_asset(name=suite_spec["name"])
        batch = asset.add_batch_definition_whole_dataframe(f"{suite_spec['name']}_all")
        suite = context.suites.add(gx.ExpectationSuite(name=suite_spec["name"]))
        for spec in suite_spec["expectations"]:
            suite.add_expectation(_expectation(gx, spec))
        validation = context.validation_definitions.add(
            gx.ValidationDefinition(name=f"{suite_spec['name']}_validation", data=batch, suite=suite))
        checkpoint = context.checkpoints.add(
            gx.Checkpoint(name=f"{suite_spec['name']}_gate", validation_definitions=[validation]))
        outcome = checkpoint.run(batch_parameters={"dataframe": frame})
        for run_result in outcome.run_results.values():
            for r in run_result.results:
                cfg = r.expectation_config
                kwargs = dict(cfg.kwargs)
                res = r.result or {}
                observed = res.get("observed_value")
                result.results.append({
                    "suite": suite_spec["name"], "table": table, "expectation": cfg.type,
                    "column": kwargs.get("column") or ",".join(kwargs.get("column_list") or []) or None,
                    "success": bool(r.success),
                    "observed_value": json.loads(json.dumps(observed, default=str)) if observed is not None else None,
                    "unexpected_count": res.get("unexpected_count"),
                })
                if not r.success:
                    result.success = False
    return result
