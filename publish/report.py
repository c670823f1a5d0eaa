"""The gap report: target versus actual for every target, read from the warehouse's gap_report view.

One folder holds what a reader and an analyst need, published together (publish/exports.py):
    gap-report.html      for people: Chinese first, counts at a glance, charts, sort/filter/search
    gap-report.csv       for spreadsheets (UTF-8 with BOM, plain numbers, formulas neutralised)
    gap_report.parquet, targets.parquet, facts.parquet   for analysts (pyarrow)
The HTML is rendered by Jinja2 with autoescape (scraped text is untrusted) and carries a
Content-Security-Policy that lets only its own embedded script run. "What changed" compares with
the gap_report.parquet the previous report left in the folder.
"""
from __future__ import annotations

import base64
import functools
import hashlib
import io
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from plangap.publish import changes, charts
from plangap.publish.exports import parquet_bytes, publish_files, render_csv
from plangap.publish.format import actual_text, fact_text, local_time, num, present, run_result
from plangap.warehouse.queries import gap_rows
from plangap.warehouse.report_queries import runs, view_table, ytd_series
from plangap.warehouse.statuses import DISPLAY_ORDER, LABEL, LABEL_EN, LABEL_ZH, MATCHED

TEMPLATES = Path(__file__).parent / "templates"
HTML_NAME, CSV_NAME = "gap-report.html", "gap-report.csv"
PARQUET_NAMES = {"gap_report": "gap_report.parquet", "targets": "targets.parquet", "facts": "facts.parquet"}
# kept for callers of the earlier module
STATUS_ORDER, STATUS_LABEL, _fmt = DISPLAY_ORDER, LABEL, num
__all__ = ["write_report", "render_html", "build_context", "render_csv", "actual_text", "fact_text", "TEMPLATES"]


def environment() -> Environment:
    """Jinja2 with autoescape on for every template that produces HTML."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html", "htm", "j2"]),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["num"] = num
    env.filters["actual"] = actual_text
    env.filters["fact"] = fact_text
    env.filters["local"] = local_time
    env.filters["safe_url"] = safe_url
    env.globals["run_result"] = run_result
    return env


def safe_url(url: Any) -> str:
    """Only http(s) addresses become links (a scraped javascript: or data: address does not)."""
    text = str(url or "")
    return text if text.lower().startswith(("http://", "https://")) else "#"


def sort_key(row: Mapping[str, Any]) -> tuple[Any, ...]:
    """Targets with a figure first (by status in display order), then the rest; then reading order."""
    return (0 if row["status"] in MATCHED else 1, DISPLAY_ORDER.index(row["status"]), row["region"] or "",
            row["year"] or 0, row.get("target_page_id") or 0, row.get("target_row_no") or 0)


def _groups(rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    groups: dict[tuple[str, int], list[Mapping[str, Any]]] = defaultdict(list)
    for r in rows:
        groups[(r["region"], r["year"])].append(r)
    out = []
    for (region, year), members in sorted(groups.items(), key=lambda kv: (kv[0][0] or "", kv[0][1] or 0)):
        counts = Counter(r["status"] for r in members)
        out.append({"region": region, "year": year, "total": len(members),
                    "counts": {s: counts.get(s, 0) for s in DISPLAY_ORDER}})
    return out


def _script() -> tuple[str, str]:
    """The embedded script and its CSP hash (only this script may run in the page)."""
    js = (TEMPLATES / "report.js").read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(js.encode("utf-8")).digest()).decode()
    return js, f"'sha256-{digest}'"


def build_context(rows: Sequence[Mapping[str, Any]], series: list[dict[str, Any]] | None = None,
                  run_info: dict[str, Any] | None = None, previous: Sequence[Mapping[str, Any]] | None = None,
                  now: datetime | None = None, quality: dict[str, Any] | None = None) -> dict[str, Any]:
    """Everything the report template prints. The charts are rendered here (SVG). `quality`:
    the gate's summary, the relative address of its Data Docs and its warnings."""
    ordered = sorted(rows, key=sort_key)
    shown = [present(r) for r in ordered]
    groups = _groups(rows)
    counts = Counter(r["status"] for r in rows)
    js, script_hash = _script()
    chart_svgs = {
        "status": charts.status_chart(groups) if groups else None,
        "bullet": charts.bullet_chart([r for r in ordered if r["status"] in MATCHED]),
        "pace": charts.pace_chart(ordered, series or []),
    }
    as_of = max((r["as_of"] for r in rows if r.get("as_of")), default=None)
    return {
        "generated": local_time(now or datetime.now(UTC)),
        "as_of": as_of.isoformat() if as_of else "",
        "run": run_info or {},
        "total": len(rows), "measured": sum(counts.get(s, 0) for s in MATCHED),
        "counts": [{"status": s, "zh": LABEL_ZH[s], "en": LABEL_EN[s], "n": counts.get(s, 0)} for s in DISPLAY_ORDER],
        "groups": groups, "rows": shown, "label_zh": LABEL_ZH, "label_en": LABEL_EN, "statuses": DISPLAY_ORDER,
        "regions": sorted({r["region"] for r in rows if r["region"]}),
        "years": sorted({r["year"] for r in rows if r["year"]}),
        "sections": sorted({r["section"] for r in rows if r.get("section")}),
        "charts": {k: Markup(v) if v else None for k, v in chart_svgs.items()},
        "changes": changes.diff(previous, rows), "compared": previous is not None,
        "csv_name": CSV_NAME, "parquet_names": PARQUET_NAMES,
        "script": Markup(js), "script_hash": Markup(script_hash),
        "quality": quality or {},
    }


@functools.cache
def _report_environment() -> Environment:
    """The report's own Environment, made once a process: a new one compiles the template again
    (about 45 ms); Jinja still reloads a template whose file changed."""
    return environment()


def render_html(rows: Sequence[Mapping[str, Any]], **context: Any) -> str:
    """The report page for `rows` (gap_report rows); keyword arguments go to build_context."""
    return _report_environment().get_template("report.html.j2").render(**build_context(rows, **context))


#: pieces of the page joined before each is encoded (few calls, little held at once)
_PIECES = 200


def render_html_bytes(rows: Sequence[Mapping[str, Any]], **context: Any) -> bytes:
    """`render_html(...)` in UTF-8, encoded as the page is rendered: Jinja's render() holds every
    piece of the page in one list before joining them (issue 14: at 25,000 targets the 40 MB page
    took 182 MB of pieces at once; this 40 MB, at the same CPU time)."""
    out = io.BytesIO()
    stream = _report_environment().get_template("report.html.j2").stream(**build_context(rows, **context))
    stream.enable_buffering(_PIECES)
    for piece in stream:
        out.write(piece.encode("utf-8"))
    return out.getvalue()


def write_report(conn: duckdb.DuckDBPyConnection, out_dir: Path, region: str | None = None,
                 year: int | None = None, analyst_dir: Path | None = None, previous_dir: Path | None = None,
                 quality: dict[str, Any] | None = None) -> Path:
    """Write the report, its CSV and the Parquet exports into `out_dir` (and the CSV and Parquet
    files into `analyst_dir` when given), all swapped into place together; return the HTML path.
    `previous_dir` holds the last published report (default `out_dir`), to say what changed."""
    out_dir = Path(out_dir)
    rows = gap_rows(conn, region=region, year=year)
    previous = changes.previous_rows(Path(previous_dir or out_dir) / PARQUET_NAMES["gap_report"])
    run_info = runs(conn)
    html = render_html_bytes(rows, series=ytd_series(conn, region), run_info=run_info, previous=previous, quality=quality)
    exports = {out_dir / CSV_NAME: render_csv(rows)}
    for view, name in PARQUET_NAMES.items():
        exports[out_dir / name] = parquet_bytes(view_table(conn, view, region=region, year=year))
    files = dict(exports)
    if analyst_dir is not None:
        files.update({Path(analyst_dir) / p.name: data for p, data in exports.items()})
    files[out_dir / HTML_NAME] = html
    publish_files(files)
    return out_dir / HTML_NAME
