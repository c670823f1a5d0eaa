"""What the gate returns: one record per expectation, with a one-line reason for each failure
that names the table, the expectation and the pages (urls) of the failing rows."""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from plangap.checks.suites import ExpectationSpec, Suite

_MAX_ROWS_NAMED = 3


@dataclass
class GateResult:
    """`success` is False when a critical expectation failed; `failed` lists those, `warnings`
    the warning-level ones that failed (recorded, shown in the report, not stopping anything)."""

    success: bool
    results: list[dict[str, Any]] = field(default_factory=list)  # one per expectation
    docs_index: Path | None = None  # the Data Docs site's index.html
    run_id: str | None = None

    @property
    def failed(self) -> list[dict[str, Any]]:
        return [r for r in self.results if not r["success"] and r.get("severity", "critical") == "critical"]

    @property
    def warnings(self) -> list[dict[str, Any]]:
        return [r for r in self.results if not r["success"] and r.get("severity") == "warning"]

    @property
    def reasons(self) -> list[str]:
        return [r["reason"] for r in self.failed]

    def summary(self) -> str:
        n, bad, warn = len(self.results), self.failed, len(self.warnings)
        warned = f", {warn} warning{'s' if warn != 1 else ''}" if warn else ""
        if not bad:
            return f"passed ({n} expectations{warned})"
        more = f" (+{len(bad) - 1} more)" if len(bad) > 1 else ""
        return f"FAILED {len(bad)} of {n} expectations{warned}: {bad[0]['reason']}{more}"


def _plain(value: Any) -> Any:
    """JSON-safe, NaN and NA as None."""
    if value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return None
    return json.loads(json.dumps(value, default=str)) if value is not None else None


def _short(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float):
        return f"{value:.3g}"
    return str(value)


def _describe(row: dict[str, Any], spec: ExpectationSpec, index: tuple[str, ...]) -> str:
    if spec.reason:
        try:
            text = spec.reason.format(**{k: _short(v) for k, v in row.items()})
        except (KeyError, IndexError, ValueError):
            text = ""
        if text:
            return text + _changed(row)
    names = [k for k in index if k in row] + [k for k in row if k not in index]
    parts = [_short(row[k]) if k == "url" else f"{k} {_short(row[k])}" for k in names
             if k not in ("content_changed", "base_sha256", "sha256")]
    return ", ".join(parts) + _changed(row)


def _changed(row: dict[str, Any]) -> str:
    if row.get("content_changed") in (True, "True") and row.get("base_sha256") and row.get("sha256"):
        return (f"; the page's content changed since the last good run (sha256 {str(row['base_sha256'])[:12]}"
                f" -> {str(row['sha256'])[:12]})")
    return ""


def failing_rows(res: dict[str, Any], frame: pd.DataFrame, index: tuple[str, ...]) -> list[dict[str, Any]]:
    """The failing rows of a result (GX gives their positions in the frame), as the suite's
    index columns."""
    rows = []
    for pos in res.get("unexpected_index_list") or []:
        if isinstance(pos, (int,)) and 0 <= pos < len(frame):
            row = frame.iloc[pos]
            rows.append({c: _plain(row[c].item() if hasattr(row[c], "item") else row[c]) for c in index})
    return rows


def _reason(suite: Suite, spec: ExpectationSpec, res: dict[str, Any], rows: list[dict[str, Any]]) -> str:
    head = f"{suite.table} {spec.name} ({spec.type} on {suite.dataset})"
    if rows:
        named = "; ".join(_describe(r, spec, suite.index) for r in rows[:_MAX_ROWS_NAMED])
        more = f" (+{len(rows) - _MAX_ROWS_NAMED} more rows)" if len(rows) > _MAX_ROWS_NAMED else ""
        return f"{head}: {named}{more}"
    return f"{head}: observed {_plain(res.get('observed_value'))}"


def record(suite: Suite, spec: ExpectationSpec, success: bool, res: dict[str, Any],
           frame: pd.DataFrame) -> dict[str, Any]:
    """One expectation's result as the gate reports it (and dq_results stores it)."""
    kwargs = spec.kwargs
    rows = [] if success else failing_rows(res, frame, suite.index)
    urls = list(dict.fromkeys(str(r["url"]) for r in rows if r.get("url")))
    return {
        "suite": suite.name, "table": suite.table, "dataset": suite.dataset, "expectation": spec.type,
        "name": spec.name, "severity": spec.severity,
        "column": kwargs.get("column") or ",".join(kwargs.get("column_list") or []) or None,
        "success": bool(success),
        "observed_value": _plain(res.get("observed_value")),
        "unexpected_count": res.get("unexpected_count"),
        "pages": urls,
        "rows": rows[:20],
        "reason": None if success else _reason(suite, spec, res, rows),
    }
