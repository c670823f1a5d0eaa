"""`plangap bench [--pages N] [--json]`: the nightly run, measured end to end on generated pages.

A deterministic site of plan and statistics pages with known truth (plangap/benchgen.py) is run
through the nightly flow itself (flows/nightly.py `run_nightly`: the transaction, the loopback
snapshot server on 127.0.0.1, Prefect, the GX gate, the report), first on a fresh warehouse and
then again unchanged. One run prints:

- pages, mb, wall_s, pages_per_s, mb_per_s: the full run (Prefect's server already up: a four-page
  warm-up run starts it first, `warmup_s`);
- peak_rss_mb: this process and its live children (the Prefect server) together, sampled, over the
  warm-up and the two runs (not the measurements after them); peak_rss_self_mb, peak_rss_children_mb
  the two parts;
- stages_s, prefect_overhead_s: each stage's own time (benchclock.py) and the run's wall time minus
  their sum;
- floor_ratio: thread CPU time of the run's extraction ÷ lxml parse + text_content() of the same pages
  (with the threads runner; `--task-runner processes` or `dask` read the pages in other processes,
  whose CPU this process does not see: floor_ratio is then null and the extract stage is the span
  from the archive's end to the load's start);
- accuracy_targets, accuracy_facts (F1; precision and recall beside them): the run's warehouse
  (the `targets` and `facts` views) against the generator's truth;
- rerun_fraction: the unchanged rerun's wall time ÷ the full run's (every page answered 304, none parsed);
  rerun_stages_s and rerun_prefect_overhead_s: where the rerun's time goes;
- gap_report_ms: the gap_report query (warehouse/queries.py `gap_rows`) over a separate warehouse of
  1,000 region-years with their targets and bulletins, loaded through warehouse/ functions.

Library code: returns a dict, prints nothing (the CLI prints it).
"""
from __future__ import annotations

import json
import os
import statistics
import tempfile
import time
from collections import Counter
from collections.abc import Iterable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from plangap import benchgen
from plangap.benchclock import STAGES, MemorySampler, parse_floor, peak_rss_mb, stage_clock

DEFAULT_PAGES = 40  # under 5 minutes on the 2-core machine with other work on it (README "Measuring speed")
GAP_REGION_YEARS = 1000
AS_OF = date(2026, 6, 30)  # every generated year's bulletin is out by then


def _settings(base: Path):
    from plangap.config import load_settings

    s = load_settings(db=str(base / "bench.duckdb"), reports=str(base / "reports"))
    return type(s)(**{**s.__dict__, "analyst_copy": base / "bench-latest.duckdb", "dq_docs": base / "dq-docs"})


def _run(site: Path, base: Path, runner: tuple[str, int | None] = ("threads", None)):
    from plangap.flows.nightly import run_nightly
    from plangap.flows.records import RunOptions

    return run_nightly(RunOptions(settings=_settings(base), snapshot=site, as_of=AS_OF, task_runner=runner[0],
                                  workers=runner[1]))


def _timed_run(site: Path, base: Path, runner: tuple[str, int | None]) -> tuple[float, Any, dict[str, Any]]:
    """(wall seconds, summary, stage times) of one nightly run. Under the processes or Dask runner
    the pages are read in other processes: the extract stage is then the span between the archive's
    end and the load's start, and its CPU time (the floor ratio's numerator) is not known."""
    in_process = runner[0] == "threads"
    clocked = STAGES if in_process else tuple(s for s in STAGES if s[2] != "extract")
    with stage_clock(clocked) as clock:
        start = time.perf_counter()
        summary = _run(site, base, runner)
        wall = time.perf_counter() - start
    if not in_process:
        clock.span_between("extract", "archive", "load")
    stages = {k: round(v, 3) for k, v in sorted(clock.own().items())}
    extract = clock.times.get("extract")
    rss = dict(sorted(clock.rss_mb().items()))
    return wall, summary, {"stages_s": stages, "stage_rss_mb": rss, "extract_cpu_s": extract.cpu if extract else 0.0,
                           "unclocked": clock.missing}


def _score(truth: Counter, predicted: Counter) -> dict[str, float]:
    hit = sum((truth & predicted).values())
    p = hit / sum(predicted.values()) if predicted else 0.0
    r = hit / sum(truth.values()) if truth else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def _num(v: float | None) -> str | None:
    return None if v is None else f"{v:.6g}"


def accuracy(db: Path, truth: Iterable[benchgen.Truth]) -> dict[str, dict[str, float]]:
    """Precision, recall and F1 of the warehouse's targets and facts against the truth: a target is
    (page, indicator, comparator, normalised value, year), a fact (page, indicator, measure,
    period, normalised value); both counted as multisets."""
    from plangap.warehouse.queries import run_query

    truth = list(truth)
    t_true = Counter((t.url, t.indicator_id, t.comparator, _num(t.value_normalized), t.year)
                     for t in truth if t.table == "targets")
    f_true = Counter((t.url, t.indicator_id, t.measure, t.period, _num(t.value_normalized))
                     for t in truth if t.table == "facts")
    _, targets = run_query(db, "SELECT url, indicator_id, comparator, value_normalized, year FROM targets")
    _, facts = run_query(db, "SELECT url, indicator_id, measure, period, value_normalized FROM facts")
    t_pred = Counter((u, i, c, _num(v), y) for u, i, c, v, y in targets)
    f_pred = Counter((u, i, m, p, _num(v)) for u, i, m, p, v in facts)
    return {"targets": _score(t_true, t_pred), "facts": _score(f_true, f_pred)}


def _kind(unit: str) -> str:
    return {"%": "rate", "微克/立方米": "level", "亿元": "amount", "元": "amount"}.get(unit, "count")


def _records(page: benchgen.Page, names: dict[str, str]):
    from plangap.transform.records import Fact, Target

    targets, facts = [], []
    for t in page.truth:
        clause = f"{names.get(t.indicator_id, t.indicator_id)}{t.value:g}{t.unit}"
        if t.table == "targets":
            targets.append(Target(clause=clause, indicator=names.get(t.indicator_id, t.indicator_id),
                                  indicator_id=t.indicator_id, value=t.value, value_max=None, unit=t.unit,
                                  value_normalized=t.value_normalized, unit_normalized=t.unit_normalized,
                                  comparator=t.comparator, modifier=t.modifier, kind=_kind(t.unit),
                                  section="主要预期目标", year=t.year, start=0, end=len(clause)))
        else:
            facts.append(Fact(clause=clause, indicator=names.get(t.indicator_id, t.indicator_id),
                              indicator_id=t.indicator_id, value=t.value, unit=t.unit,
                              value_normalized=t.value_normalized, unit_normalized=t.unit_normalized,
                              measure=t.measure or "level", period=t.period, publication=f"{t.period}年统计公报",
                              published=None, start=0, end=len(clause)))
    return tuple(targets), tuple(facts)


def gap_report_bench(path: Path, region_years: int = GAP_REGION_YEARS, repeat: int = 5) -> dict[str, Any]:
    """Load `region_years` plans and bulletins (the generator's truth as staged rows) into a new
    warehouse through warehouse/ functions, build the gap mart, and time the gap_report query."""
    from plangap.extract.page import FetchedPage, SourcePage
    from plangap.transform.indicators.dictionary import load_dictionary
    from plangap.transform.page import ExtractedPage, PageMeta
    from plangap.warehouse.bulk import load_extracted
    from plangap.warehouse.db import connect
    from plangap.warehouse.frames import table_frame
    from plangap.warehouse.load import load_indicators, load_pages
    from plangap.warehouse.mart import build_gap_mart
    from plangap.warehouse.queries import gap_rows

    dictionary = load_dictionary()
    names = {ind.id: ind.name for ind in dictionary.indicators}
    pages = [p for r, y in benchgen.region_years(region_years * benchgen.PAGES_PER_REGION_YEAR)
             for p in (benchgen.plan_page(r, y, prose=False), benchgen.bulletin_page(r, y, prose=False))]
    at = datetime(2026, 3, 1, tzinfo=UTC)
    conn = connect(path)
    try:
        load_indicators(conn, [{"id": i.id, "name": i.name, "synonyms": list(i.synonyms), "unit": i.unit, "kind": i.kind,
                                "direction": i.direction, "accumulates": i.accumulates} for i in dictionary.indicators],
                        dictionary.version)
        fetched = [FetchedPage(source=SourcePage(url=p.url, kind=p.kind, region=p.region, period=p.period), url=p.url,
                               status=200, fetched_at=at, content=p.url.encode(), content_type="text/html",
                               etag=None, last_modified=None) for p in pages]
        ids = load_pages(conn, fetched)
        extracted = []
        for p in pages:
            targets, facts = _records(p, names)
            meta = PageMeta(title=None, published=None, year=int(p.period[:4]), encoding="utf-8", meta=(),
                            body_chars=0, extractor="bench")
            extracted.append(ExtractedPage(page_id=ids[p.url], url=p.url, kind=p.kind, region=p.region, meta=meta,
                                           targets=targets, facts=facts))
        load_extracted(conn, extracted)
        start = time.perf_counter()
        mart_rows = build_gap_mart(conn, AS_OF)
        mart_s = time.perf_counter() - start
        times, frames, rows = [], [], 0
        for _ in range(repeat):
            start = time.perf_counter()
            rows = len(gap_rows(conn))  # as the report and the email read it: a dict per row
            times.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            table_frame(conn, "gap_report")  # as the checks read a table: one DataFrame
            frames.append((time.perf_counter() - start) * 1000)
    finally:
        conn.close()
    return {"gap_report_ms": round(statistics.median(times), 1), "gap_report_frame_ms": round(statistics.median(frames), 1),
            "gap_region_years": region_years,
            "gap_report_rows": rows, "gap_mart_rows": mart_rows, "gap_mart_build_s": round(mart_s, 3)}


def _pages_of(site: Path) -> list[Path]:
    return [site / e["file"] for e in json.loads((site / "manifest.json").read_text(encoding="utf-8"))]


def run_bench(pages: int = DEFAULT_PAGES, workdir: Path | None = None, seed: int = 14,
              gap_region_years: int = GAP_REGION_YEARS, task_runner: str = "threads",
              workers: int | None = None) -> dict[str, Any]:
    """Generate the site, run it twice through the nightly flow with the task runner named
    (flows/runners.py), measure; return the figures."""
    runner = (task_runner, workers)
    with tempfile.TemporaryDirectory(prefix="plangap-bench-", dir=workdir) as tmp:
        base = Path(tmp)
        warm_site, site = base / "warm-site", base / "site"
        warm_site.mkdir()
        site.mkdir()
        benchgen.write_site(warm_site, benchgen.PAGES_PER_REGION_YEAR, seed + 1)
        start = time.perf_counter()
        _run(warm_site, base / "warm", runner)  # starts Prefect's server (when none is configured), imports GX
        warmup = time.perf_counter() - start
        made = benchgen.write_site(site, pages, seed)
        with MemorySampler() as memory:
            wall, summary, clocked = _timed_run(site, base, runner)
            rerun_wall, rerun, reclocked = _timed_run(site, base, runner)
        memory_mb = peak_rss_mb(memory)  # the runs' (and the warm-up's), before the measurements below
        floor = parse_floor(_pages_of(site))
        scores = accuracy(base / "bench.duckdb", benchgen.read_truth(site))
        gap = gap_report_bench(base / "gap.duckdb", gap_region_years)
        stages = clocked["stages_s"]
        return {
            "pages": made.pages, "regions": made.regions, "mb": round(made.bytes / 1e6, 2),
            "wall_s": round(wall, 2), "pages_per_s": round(made.pages / wall, 2),
            "mb_per_s": round(made.bytes / 1e6 / wall, 3), **memory_mb,
            "floor_ratio": round(clocked["extract_cpu_s"] / floor, 1) if floor and clocked["extract_cpu_s"] else None,
            "extract_ms_per_page": round(clocked["extract_cpu_s"] * 1000 / made.pages, 2) if clocked["extract_cpu_s"] else None,
            "floor_ms_per_page": round(floor * 1000 / made.pages, 3),
            "accuracy_targets": scores["targets"]["f1"], "accuracy_facts": scores["facts"]["f1"],
            "targets_precision_recall": [scores["targets"]["precision"], scores["targets"]["recall"]],
            "facts_precision_recall": [scores["facts"]["precision"], scores["facts"]["recall"]],
            **gap,
            "rerun_s": round(rerun_wall, 2), "rerun_fraction": round(rerun_wall / wall, 3),
            "rerun_stages_s": reclocked["stages_s"],
            "rerun_prefect_overhead_s": round(rerun_wall - sum(reclocked["stages_s"].values()), 2),
            "rerun_pages_unchanged": rerun.pages_unchanged, "rerun_pages_parsed": rerun.pages_fetched - rerun.pages_kept,
            "prefect_overhead_s": round(wall - sum(stages.values()), 2), "stages_s": stages,
            "stage_rss_mb": clocked["stage_rss_mb"],
            "warmup_s": round(warmup, 2), "prefect_api": os.environ.get("PREFECT_API_URL") or "ephemeral",
            "task_runner": task_runner, "workers": workers,
            "targets": summary.targets, "facts": summary.facts, "statuses": summary.statuses,
            "data_quality": summary.data_quality, "unclocked": clocked["unclocked"],
        }


def format_lines(result: dict[str, Any], as_json: bool) -> list[str]:
    if as_json:
        return [json.dumps(result, ensure_ascii=False)]
    return [f"{k:32s} {json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list) else v}" for k, v in result.items()]
