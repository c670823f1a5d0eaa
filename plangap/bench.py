"""Benchmarks: speed and memory of the pieces that scale, measured (not asserted in tests).

Run with `make bench` or `plangap bench [--repeat N] [--rows N] [--json]`. Each line gives the
median wall time of N repetitions; `peak_rss_mb` is the process's peak resident memory.
"""
from __future__ import annotations

import json
import resource
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from plangap.config import PROJECT_ROOT

SNAPSHOT = PROJECT_ROOT / "snapshot"
PLAN_PAGE = SNAPSHOT / "www.changzhou.gov.cn/gi_news/681158953254033.html"
BULLETIN_PAGE = SNAPSHOT / "tjj.changzhou.gov.cn/html/tjj/2021/TJGB0000_0301/2020.html"
RELEASE_PAGE = SNAPSHOT / "tjj.changzhou.gov.cn/html/tjj/2020/TJXX0000_0720/h1.html"


@dataclass
class Measure:
    name: str
    median_ms: float
    runs: int
    note: str = ""


def _time(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def _synthetic_facts(n: int):
    from plangap.transform.records import Fact

    return [Fact(clause=f"指标{i}增长{i % 10}.5%", indicator=f"指标{i % 50}", indicator_id=None, value=i % 10 + 0.5,
                 unit="%", value_normalized=i % 10 + 0.5, unit_normalized="%", measure="growth_pct",
                 period=str(2000 + i % 25), publication="bench", published=None, start=0, end=8) for i in range(n)]


def run(repeat: int = 20, rows: int = 10_000) -> list[Measure]:
    from plangap.extract.page import FetchedPage, SourcePage
    from plangap.transform.document import load_document
    from plangap.transform.facts import extract_facts
    from plangap.transform.targets import extract_targets
    from plangap.warehouse.db import connect
    from plangap.warehouse.load import load_facts, load_pages
    from plangap.warehouse.mart import build_gap_mart

    plan, bulletin, release = PLAN_PAGE.read_bytes(), BULLETIN_PAGE.read_bytes(), RELEASE_PAGE.read_bytes()
    out = [
        Measure("decode+body: plan page (18 KB)", _time(lambda: load_document(plan, "plan"), repeat), repeat),
        Measure("targets: plan page", _time(lambda: extract_targets(load_document(plan, "plan")), repeat), repeat),
        Measure("facts: bulletin page", _time(lambda: extract_facts(load_document(bulletin, "b")), repeat), repeat),
        Measure("facts: release table page (gb18030)", _time(lambda: extract_facts(load_document(release, "r")), repeat), repeat),
    ]
    facts = _synthetic_facts(rows)
    with tempfile.TemporaryDirectory() as tmp:
        conn = connect(Path(tmp) / "bench.duckdb")
        page = FetchedPage(source=SourcePage(url="http://bench/p", kind="bulletin", region="r"), url="http://bench/p",
                           status=200, fetched_at=datetime.now(UTC), content=b"x", content_type=None,
                           etag=None, last_modified=None)
        pid = load_pages(conn, [page])["http://bench/p"]
        t0 = time.perf_counter()
        load_facts(conn, pid, "r", facts)
        out.append(Measure(f"warehouse: load {rows} facts", (time.perf_counter() - t0) * 1000, 1))
        out.append(Measure("warehouse: gap mart", _time(lambda: build_gap_mart(conn, date.today()), min(repeat, 5)),
                           min(repeat, 5)))
        conn.close()
        size = (Path(tmp) / "bench.duckdb").stat().st_size
    out.append(Measure("warehouse file size (MB)", size / 1e6, 1, "not a time"))
    out.append(Measure("peak_rss_mb", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1, "not a time"))
    return out


def format_lines(measures: list[Measure], as_json: bool) -> list[str]:
    if as_json:
        return [json.dumps(m.__dict__, ensure_ascii=False) for m in measures]
    return [f"{m.name:45s} {m.median_ms:10.2f}  (n={m.runs}{', ' + m.note if m.note else ''})" for m in measures]
