"""The quality gate on real runs of the bundled snapshot (the run's stages without Prefect, real
HTTP over loopback, real DuckDB, real GX): the snapshot passes, and snapshots broken the ways
government sites break are each stopped with a reason that names the page, the table and the
expectation."""
from __future__ import annotations

import dataclasses
import json
import re
import shutil
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from plangap.checks.gate import run_gate
from plangap.flows import stages
from plangap.flows.records import RunOptions
from plangap.flows.transaction import open_run
from plangap.transform.page import extract_page
from plangap.warehouse import db as wdb

pytestmark = pytest.mark.slow  # starts GX

AS_OF = date(2026, 11, 27)
PLAN_2020 = "https://www.changzhou.gov.cn/gi_news/681158953254033"
PLAN_2020_FILE = "www.changzhou.gov.cn/gi_news/681158953254033.html"
BULLETIN_2020 = "https://tjj.changzhou.gov.cn/html/tjj/2021/TJGB0000_0301/2020.html"
BULLETIN_2020_FILE = "tjj.changzhou.gov.cn/html/tjj/2021/TJGB0000_0301/2020.html"


class _Stopped(Exception):
    pass


def _settings(base: Path):
    from plangap.config import load_settings

    settings = load_settings(db=str(base / "plangap.duckdb"), reports=str(base / "reports"))
    return dataclasses.replace(settings, analyst_copy=base / "plangap-latest.duckdb")


def _run(settings, snapshot: Path | None, docs: Path):
    """One run through the nightly stages without Prefect: fetch, archive, extract, load, gap
    mart, gate. A failed gate fails the run (its working copy is thrown away)."""
    result = None
    try:
        with open_run(RunOptions(settings=settings, snapshot=snapshot, as_of=AS_OF)) as run:
            plan = run.plan
            fetched = stages.fetch(plan, run.known)
            archived = stages.archive(plan.work_db, plan, fetched, run.known)
            stages.load(plan.work_db, archived, [extract_page(p) for p in archived.pages], 0)
            stages.build_gap(plan.work_db, AS_OF)
            with closing(wdb.connect(plan.work_db)) as conn:
                result = run_gate(conn, docs_dir=docs, run_id=plan.run_id)
            if not result.success:
                raise _Stopped(result.summary())
    except _Stopped:
        pass
    return result


@pytest.fixture(scope="module")
def good_run(tmp_path_factory):
    """The last good run: the bundled snapshot into a fresh warehouse (no history: floors only)."""
    base = tmp_path_factory.mktemp("good")
    result = _run(_settings(base), None, base / "dq-docs")
    return base, result


@pytest.fixture
def next_run(good_run, tmp_path, snapshot_copy):
    """Run again, on a copy of the good warehouse, over a snapshot the test has changed."""
    base, _ = good_run
    work = tmp_path / "next"
    work.mkdir()
    shutil.copyfile(base / "plangap.duckdb", work / "plangap.duckdb")
    return lambda: _run(_settings(work), snapshot_copy, work / "dq-docs")


def _failed(result) -> dict[str, str]:
    return {r["name"]: r["reason"] for r in result.failed}


def test_bundled_snapshot_passes_and_builds_data_docs(good_run):
    base, result = good_run
    assert result.success, result.reasons
    assert result.summary().startswith("passed (")
    assert result.docs_index == base / "dq-docs" / "index.html"
    index = result.docs_index.read_text(encoding="utf-8")
    assert "stg_targets.target_pages" in index and result.run_id in index
    assert len(result.results) == 53


def test_bundled_snapshot_passes_again_against_its_own_history(next_run, snapshot_copy):
    result = next_run()
    assert result.success, result.reasons
    pages = [r for r in result.results if r["name"] == "plan_page_keeps_half_its_targets"]
    assert pages and pages[0]["success"] and pages[0]["unexpected_count"] == 0  # checked against history


def test_plan_page_replaced_by_a_maintenance_notice_stops_the_run(next_run, snapshot_copy):
    (snapshot_copy / PLAN_2020_FILE).write_text(
        "<html><head><meta charset='utf-8'><title>2020年市政府重点工作</title></head><body>"
        "<div class='article'><p>本页面内容已调整,请访问新版网站。</p></div></body></html>", encoding="utf-8")
    result = next_run()
    assert not result.success
    reason = _failed(result)["plan_page_yields_targets"]
    assert reason.startswith("stg_targets plan_page_yields_targets")
    assert f"{PLAN_2020} yields 0 targets (last good run: 35)" in reason
    assert "content changed since the last good run (sha256 d86007ade9a4 ->" in reason
    assert PLAN_2020 in result.summary()
    assert "stg_targets.target_region_years" in {r["suite"] for r in result.failed}  # 2020 lost its targets


def test_plan_page_whose_numbers_became_images_stops_the_run(next_run, snapshot_copy):
    path = snapshot_copy / PLAN_2020_FILE
    html = path.read_text(encoding="utf-8")
    body_start = html.index("<body")
    body = re.sub(r">([^<]*)<", lambda m: ">" + re.sub(r"\d+(?:\.\d+)?", '<img src="/n.png">', m.group(1)) + "<",
                  html[body_start:])
    path.write_text(html[:body_start] + body, encoding="utf-8")
    assert not re.search(r">[^<]*\d[^<]*<", body)  # no digit left in the page's text
    result = next_run()
    assert not result.success
    failed = _failed(result)
    assert "plan_page_keeps_half_its_targets" in failed
    assert PLAN_2020 in failed["plan_page_keeps_half_its_targets"]
    assert "the last good run read 35" in failed["plan_page_keeps_half_its_targets"]


def test_statistics_page_with_growth_250_and_share_130_stops_the_run(next_run, snapshot_copy):
    path = snapshot_copy / BULLETIN_2020_FILE
    html = path.read_text(encoding="utf-8")
    assert "第一产业增加值164.3亿元,增长2.0%" in html and "比重为40.4%" in html
    path.write_text(html.replace("第一产业增加值164.3亿元,增长2.0%", "第一产业增加值164.3亿元,增长250%")
                    .replace("比重为40.4%", "比重为130%"), encoding="utf-8")
    result = next_run()
    assert not result.success
    failed = _failed(result)
    assert set(failed) == {"growth_within_bounds", "share_within_0_100"}
    assert failed["growth_within_bounds"].startswith("stg_facts growth_within_bounds")
    assert BULLETIN_2020 in failed["growth_within_bounds"] and "增长250%" in failed["growth_within_bounds"]
    assert BULLETIN_2020 in failed["share_within_0_100"] and "比重为130%" in failed["share_within_0_100"]


def test_growth_of_180_is_within_bounds(next_run, snapshot_copy):
    path = snapshot_copy / BULLETIN_2020_FILE
    html = path.read_text(encoding="utf-8")
    path.write_text(html.replace("第一产业增加值164.3亿元,增长2.0%", "第一产业增加值164.3亿元,增长180%"), encoding="utf-8")
    result = next_run()
    assert result.success, result.reasons


def test_the_same_page_under_two_addresses_stops_the_run(next_run, snapshot_copy):
    manifest = json.loads((snapshot_copy / "manifest.json").read_text(encoding="utf-8"))
    entry = next(e for e in manifest if e["url"] == BULLETIN_2020)
    copy_file = BULLETIN_2020_FILE.replace("2020.html", "2020-mirror.html")
    shutil.copyfile(snapshot_copy / BULLETIN_2020_FILE, snapshot_copy / copy_file)
    manifest.append({**entry, "url": BULLETIN_2020.replace("2020.html", "2020-mirror.html"), "file": copy_file})
    (snapshot_copy / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    result = next_run()
    assert not result.success
    failed = _failed(result)
    assert {"one_address_per_content", "fact_on_one_page_only"} <= set(failed)
    assert failed["one_address_per_content"].startswith("raw_pages one_address_per_content")
    for name in ("one_address_per_content", "fact_on_one_page_only"):
        assert BULLETIN_2020 in failed[name] or BULLETIN_2020.replace("2020.html", "2020-mirror.html") in failed[name]


def test_a_bulletin_of_the_wrong_year_stops_the_run(next_run, snapshot_copy):
    path = snapshot_copy / BULLETIN_2020_FILE
    html = path.read_text(encoding="utf-8")
    path.write_text(html.replace("2020", "2018").replace("2019", "2017"), encoding="utf-8")
    result = next_run()
    assert not result.success
    failed = _failed(result)
    assert f"{BULLETIN_2020} is about 2018, its source announced 2020" in failed["page_year_is_the_announced_year"]
    assert failed["page_year_is_the_announced_year"].startswith("stg_pages page_year_is_the_announced_year")
    assert "publication_keeps_half_its_facts" in failed  # the 2020 bulletin's facts are gone
