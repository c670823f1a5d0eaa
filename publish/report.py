"""The gap report: target versus actual for every target, read from the warehouse's gap_report view.

Written atomically (a temporary file, then os.replace), so readers never see half a report
and a failed run leaves the last good report in place. HTML for people (with an attainment
bar per target), CSV for spreadsheets; every row links its target and its actual to the page
and the sentence they came from.
"""
from __future__ import annotations

import csv
import io
import os
import tempfile
from collections import Counter, defaultdict
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import duckdb
from jinja2 import Environment, FileSystemLoader, select_autoescape

from plangap.warehouse.queries import gap_rows
from plangap.warehouse.statuses import DISPLAY_ORDER, LABEL

TEMPLATES = Path(__file__).parent / "templates"
STATUS_ORDER = DISPLAY_ORDER
STATUS_LABEL = LABEL
CSV_COLUMNS = ("region", "year", "section", "indicator", "indicator_id", "comparator", "target_value",
               "target_value_max", "target_unit", "actual_value", "actual_unit", "actual_value_normalized",
               "actual_unit_normalized", "actual_measure", "actual_period", "status",
               "attainment", "gap", "basis", "basis_period", "target_url", "target_clause", "actual_url",
               "actual_clause", "actual_publication", "actual_published", "target_fetched_at", "target_sha256",
               "actual_fetched_at", "actual_sha256", "as_of")


def _fmt(x: Any) -> str:
    if x is None:
        return ""
    if isinstance(x, float):
        return f"{x:,.4f}".rstrip("0").rstrip(".")
    return str(x)


SIGNED_MEASURES = ("growth_pct", "change_pp", "per_mille")


def actual_text(row: dict[str, Any]) -> str:
    """The actual as a reader needs it: a level as written (616.6 亿元); a growth or change with
    its sign (下降4.9% -> -4.9 %), which the number as written does not carry."""
    if row.get("actual_value") is None:
        return "—"
    if row.get("actual_measure") in SIGNED_MEASURES:
        return f"{_fmt(row.get('actual_value_normalized'))} {row.get('actual_unit_normalized') or ''}".strip()
    return f"{_fmt(row['actual_value'])} {row.get('actual_unit') or ''}".strip()


def fact_text(fact: dict[str, Any]) -> str:
    """A fact the same way (keys of the facts view)."""
    return actual_text({"actual_value": fact.get("value"), "actual_unit": fact.get("unit"),
                        "actual_measure": fact.get("measure"),
                        "actual_value_normalized": fact.get("value_normalized"),
                        "actual_unit_normalized": fact.get("unit_normalized")})


def build_context(rows: list[dict[str, Any]]) -> dict[str, Any]:
    groups: dict[tuple[str, int], list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        groups[(r["region"], r["year"])].append(r)
    counts = Counter(r["status"] for r in rows)
    return {
        "generated": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "counts": [(s, STATUS_LABEL[s], counts.get(s, 0)) for s in STATUS_ORDER],
        "total": len(rows),
        "groups": [{"region": k[0], "year": k[1], "rows": v,
                    "counts": Counter(r["status"] for r in v)} for k, v in sorted(groups.items(), key=lambda kv: (kv[0][0], kv[0][1] or 0))],
        "label": STATUS_LABEL,
    }


def render_html(rows: list[dict[str, Any]]) -> str:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html", "j2"]))
    env.filters["num"] = _fmt
    env.filters["actual"] = actual_text
    return env.get_template("report.html.j2").render(**build_context(rows))


def render_csv(rows: list[dict[str, Any]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(CSV_COLUMNS)
    for r in rows:
        writer.writerow([_fmt(r.get(c)) for c in CSV_COLUMNS])
    return buf.getvalue()


def _atomic_write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def write_report(conn: duckdb.DuckDBPyConnection, out_dir: Path, region: str | None = None,
                 year: int | None = None) -> Path:
    """Write gap-report.html and gap-report.csv into `out_dir`; return the HTML path."""
    rows = gap_rows(conn, region=region, year=year)
    out_dir = Path(out_dir)
    html_path = out_dir / "gap-report.html"
    _atomic_write(out_dir / "gap-report.csv", render_csv(rows))
    _atomic_write(html_path, render_html(rows))
    return html_path
