"""plangap bench: the generated site is deterministic and its truth is what the pages say; one
small bench run through the nightly flow reports every figure with a sane type (no timing asserted)."""
from __future__ import annotations

import json
from collections import Counter

import pytest

from plangap import bench, benchgen
from plangap.cli import main

FIELDS = {
    "pages": int, "regions": int, "mb": float, "wall_s": float, "pages_per_s": float, "mb_per_s": float,
    "peak_rss_mb": float, "peak_rss_self_mb": float, "floor_ratio": float, "extract_ms_per_page": float,
    "floor_ms_per_page": float, "accuracy_targets": float, "accuracy_facts": float, "gap_report_ms": float, "gap_report_frame_ms": float,
    "gap_region_years": int, "gap_report_rows": int, "gap_mart_rows": int, "rerun_s": float,
    "rerun_fraction": float, "rerun_pages_unchanged": int, "rerun_pages_parsed": int,
    "prefect_overhead_s": float, "stages_s": dict, "stage_rss_mb": dict, "warmup_s": float, "targets": int, "facts": int,
    "rerun_stages_s": dict, "rerun_prefect_overhead_s": float,
}
STAGES = {"fetch", "archive", "extract", "load", "gap_mart", "gx_gate", "publish", "transaction"}


def test_the_site_is_the_same_every_time_and_names_every_page(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    site = benchgen.write_site(a, 10)
    benchgen.write_site(b, 10)
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    assert all((a / f).read_bytes() == (b / f).read_bytes() for f in files)
    assert site.pages == 10 and site.bytes > 10 * 2000
    kinds = Counter(e["kind"] for e in json.loads((a / "manifest.json").read_text(encoding="utf-8")))
    assert kinds == {"plan": 3, "bulletin": 3, "release": 4}

    from plangap.extract.registry import registry_from_manifest

    registry = registry_from_manifest(a)  # the folder's own sources.yaml
    assert len(registry.plans) == 3 and len(registry.pages) == 7 and list(registry.regions) == ["青禾市"]
    benchgen.write_site(tmp_path, 10, seed=15)  # another seed, other figures
    assert [t.value for t in benchgen.read_truth(tmp_path)] != [t.value for t in benchgen.read_truth(a)]


def _n(v: float | None) -> str | None:
    return None if v is None else f"{v:.6g}"  # 766.6亿元 read as 76660000000.00001 is the truth's 7.666e10


def test_the_truth_is_what_the_extractors_read_from_the_pages():
    from plangap.transform.page import PageInput, extract_page

    truth_t, truth_f, got_t, got_f = Counter(), Counter(), Counter(), Counter()
    pages = [*benchgen.region_year_pages(0, 2015), *benchgen.region_year_pages(4, 2020)]  # utf-8, gb18030
    assert {p.encoding for p in pages} == {"utf-8", "gb18030"}
    for i, page in enumerate(pages):
        label = "utf-8" if page.encoding == "utf-8" else "gb2312"
        data = page.html.replace("{charset}", label).encode(page.encoding)
        out = extract_page(PageInput(page_id=i, url=page.url, kind=page.kind, region=page.region, content=data,
                                     content_type=f"text/html; charset={label}", period=page.period,
                                     plan_year=page.plan_year))
        assert out.error is None
        truth_t.update((page.url, t.indicator_id, t.comparator, _n(t.value_normalized), t.year)
                       for t in page.truth if t.table == "targets")
        truth_f.update((page.url, t.indicator_id, t.measure, t.period, _n(t.value_normalized))
                       for t in page.truth if t.table == "facts")
        got_t.update((page.url, t.indicator_id, t.comparator, _n(t.value_normalized), t.year) for t in out.targets)
        got_f.update((page.url, f.indicator_id, f.measure, f.period, _n(f.value_normalized)) for f in out.facts)
    assert sum(truth_t.values()) == 2 * 10 and sum(truth_f.values()) == 2 * 3 + 2 * 13 + 4 * 7
    for truth, got in ((truth_t, got_t), (truth_f, got_f)):  # recall and precision
        assert sum((truth & got).values()) >= 0.95 * max(sum(truth.values()), sum(got.values()))


def test_bench_refuses_a_page_count_below_one(capsys):
    assert main(["bench", "--pages", "0"]) == 2
    assert "--pages" in capsys.readouterr().err


@pytest.mark.slow  # starts Prefect and GX
def test_a_small_bench_reports_every_figure(prefect_harness, tmp_path):
    result = bench.run_bench(pages=20, workdir=tmp_path, gap_region_years=50)
    json.dumps(result)  # what --json prints
    for name, kind in FIELDS.items():
        assert isinstance(result[name], kind) or (kind is float and isinstance(result[name], int)), name
    assert result["pages"] == 20 and result["gap_region_years"] == 50 and result["gap_report_rows"] == 500
    assert set(result["stages_s"]) >= STAGES and result["unclocked"] == []
    assert all(v >= 0 for v in result["stages_s"].values())
    assert result["accuracy_targets"] >= 0.95 and result["accuracy_facts"] >= 0.95
    assert result["targets"] == 50 and result["facts"] == 150
    assert result["rerun_pages_unchanged"] == 20 and result["rerun_pages_parsed"] == 0
    assert result["peak_rss_mb"] >= result["peak_rss_self_mb"] > 0
    assert result["floor_ratio"] > 0 and result["data_quality"].startswith("passed")
    assert {"fetch", "archive"} <= set(result["rerun_stages_s"]) and "extract" not in result["rerun_stages_s"]
    assert result["task_runner"] == "threads"


@pytest.mark.slow  # starts Prefect, GX and a process pool
def test_a_bench_on_the_processes_runner_times_extraction_as_a_span(prefect_harness, tmp_path):
    """The pages are read in worker processes, where this process's stage clock does not reach: the
    extract stage is the span between archive and load, and the floor ratio is not claimed."""
    result = bench.run_bench(pages=8, workdir=tmp_path, gap_region_years=10, task_runner="processes", workers=2)
    assert result["task_runner"] == "processes" and result["workers"] == 2
    assert result["stages_s"]["extract"] > 0 and result["unclocked"] == []
    assert result["floor_ratio"] is None and result["extract_ms_per_page"] is None
    assert result["accuracy_targets"] >= 0.95 and result["accuracy_facts"] >= 0.95
    assert result["targets"] == 20 and result["facts"] == 60
