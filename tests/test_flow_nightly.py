"""End to end: the nightly Prefect flow over loopback HTTP into fresh warehouses."""
from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import duckdb
import pytest

from plangap.flows.records import RunOptions, StageError
from plangap.transform.document import load_document

pytestmark = pytest.mark.slow  # starts Prefect or GX

AS_OF = date(2026, 11, 27)


def _run(settings, snapshot=None, **kw):
    from plangap.flows.nightly import nightly

    return nightly(RunOptions(settings=settings, snapshot=snapshot, as_of=AS_OF, **kw))


def _ro(path: Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(path), read_only=True)


def _table_hashes(path: Path) -> dict[str, list]:
    with _ro(path) as conn:
        return {t: conn.execute(f"SELECT * EXCLUDE (extracted_at) FROM {t} ORDER BY ALL").fetchall()
                for t in ("stg_targets", "stg_facts")} | {
            "raw_pages": conn.execute("SELECT url, version, sha256 FROM raw_pages ORDER BY ALL").fetchall()}


@pytest.fixture(scope="module")
def first_run(prefect_harness, tmp_path_factory):
    from plangap.config import load_settings

    base = tmp_path_factory.mktemp("e2e")
    settings = load_settings(db=str(base / "plangap.duckdb"), reports=str(base / "reports"))
    settings = type(settings)(**{**settings.__dict__, "analyst_copy": base / "plangap-latest.duckdb"})
    summary = _run(settings)
    return settings, summary


def test_run_fetches_every_snapshot_page_and_publishes(first_run):
    settings, summary = first_run
    manifest_pages = 15  # the bundled manifest: 3 plans, 3 lists, 9 pages reporting actuals
    assert summary.pages_fetched == manifest_pages
    assert summary.pages_failed == 0
    assert summary.pages_new == manifest_pages
    assert summary.data_quality.startswith("passed")
    assert Path(summary.report).is_file()
    assert Path(settings.analyst_copy).is_file()
    with _ro(settings.analyst_copy) as copy:
        assert copy.execute("SELECT count(*) FROM stg_targets").fetchall()[0][0] == summary.targets


def test_seed_targets_are_loaded_with_their_sentences(first_run):
    settings, _ = first_run
    with _ro(settings.db) as conn:
        rows = conn.execute(
            "SELECT clause, value, unit, comparator, url FROM targets WHERE year = 2020").fetchall()
    by_clause = {r[0]: r for r in rows}
    assert by_clause["新建、改造5G通信基站5000个"][1:4] == (5000, "个", "=")
    assert any(r[1] == 38 and r[2] == "件" and r[3] == ">=" for r in rows)
    assert all(r[4] == "https://www.changzhou.gov.cn/gi_news/681158953254033" for r in rows)
    assert len([r for r in rows if r[1] is not None]) >= 29


def test_snapshot_facts_are_loaded_with_their_periods(first_run):
    settings, _ = first_run
    with _ro(settings.db) as conn:
        rows = set(conn.execute(
            "SELECT indicator_id, measure, period, value_normalized FROM facts").fetchall())
    assert ("gdp", "growth_pct", "2020", 4.5) in rows
    assert ("gdp", "growth_pct", "2021", 9.1) in rows
    assert ("gdp", "level", "2020-01/2020-06", 3471e8) in rows
    assert any(r[2] == "2021-01/2021-09" and r[1] == "growth_pct" and r[3] == 24.4 for r in rows)
    assert any(r[2] == "2021-01/2021-11" and r[3] == 4.1 for r in rows)


def test_every_row_points_to_its_raw_page_and_sentence(first_run):
    settings, _ = first_run
    with _ro(settings.db) as conn:
        rows = conn.execute(
            "SELECT v.clause, v.clause_start, v.clause_end, p.bytes, p.content_type, p.url, p.sha256 "
            "FROM provenance v JOIN raw_pages p USING (page_id)").fetchall()
        orphans = conn.execute(
            "SELECT count(*) FROM stg_facts f ANTI JOIN raw_pages p USING (page_id)").fetchall()[0][0]
    assert rows and orphans == 0
    texts: dict[str, str] = {}
    for clause, start, end, content, ctype, url, sha in rows:
        assert hashlib.sha256(bytes(content)).hexdigest() == sha
        if url not in texts:
            texts[url] = load_document(bytes(content), url, ctype).text
        assert texts[url][start:end] == clause, (url, clause)


def test_gap_statuses_for_2020(first_run):
    settings, _ = first_run
    with _ro(settings.db) as conn:
        rows = conn.execute(
            "SELECT indicator_id, status, actual_value FROM gap_report WHERE year = 2020").fetchall()
    achieved = {(r[0], r[2]) for r in rows if r[1] == "achieved"}
    assert ("invention_patents_per_10k", 40.19) in achieved
    assert ("school_projects", 44.0) in achieved
    assert {r[1] for r in rows} <= {"achieved", "no_data", "not_measurable"}
    assert len(achieved) == 2


def test_second_run_on_unchanged_pages_changes_no_rows(first_run):
    settings, _ = first_run
    before = _table_hashes(settings.db)
    summary = _run(settings)
    assert summary.pages_unchanged == summary.pages_fetched
    assert summary.pages_new == 0
    assert summary.pages_kept == 12  # every page but the 3 list pages: bytes and extractor unchanged, not read again
    assert (summary.targets, summary.facts) == (first_run[1].targets, first_run[1].facts)  # their rows stay
    assert _table_hashes(settings.db) == before


def test_a_new_extractor_reads_unchanged_pages_again(prefect_harness, settings):
    _run(settings)
    with duckdb.connect(str(settings.db)) as conn:  # as if the pages had been read by other rules
        conn.execute("UPDATE stg_pages SET extracted_by = 'older-rules'")
    again = _run(settings)
    assert again.pages_unchanged == again.pages_fetched and again.pages_kept == 0
    assert again.targets == 49


def test_pages_are_read_on_a_dask_local_cluster(prefect_harness, settings, monkeypatch):
    from plangap.flows.nightly import run_nightly

    # a LocalCluster whose workers are threads: worker processes would each need the test's
    # Prefect server, which a loaded machine may not answer in time
    monkeypatch.setenv("PLANGAP_DASK_PROCESSES", "0")
    summary = run_nightly(RunOptions(settings=settings, as_of=AS_OF, task_runner="dask", workers=1))
    assert (summary.targets, summary.facts) == (49, 127)


def test_changed_page_adds_a_version_and_keeps_the_old(prefect_harness, settings, snapshot_copy):
    _run(settings, snapshot_copy)
    page = snapshot_copy / "tjj.changzhou.gov.cn/html/tjj/2022/TJGB0000_0302/2021.html"
    page.write_text(page.read_text(encoding="utf-8").replace("8807.6亿元", "8820.1亿元"), encoding="utf-8")
    _run(settings, snapshot_copy)
    with _ro(settings.db) as conn:
        versions = conn.execute(
            "SELECT version FROM raw_pages WHERE url LIKE '%TJGB0000_0302/2021.html' ORDER BY version").fetchall()
        values = conn.execute(
            "SELECT DISTINCT value FROM facts WHERE indicator_id = 'gdp' AND period = '2021' AND measure = 'level'"
            " ORDER BY value").fetchall()
    assert versions == [(1,), (2,)]
    assert values == [(8807.6,), (8820.1,)]


def test_failed_run_leaves_last_good_data_and_report(prefect_harness, settings, snapshot_copy):
    _run(settings, snapshot_copy)
    report = Path(settings.reports) / "gap-report.html"
    good_report = report.read_bytes()
    good = _table_hashes(settings.db)
    (snapshot_copy / "tjj.changzhou.gov.cn/html/tjj/2021/TJGB0000_0301/2020.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(StageError, match="TJGB0000_0301/2020.html: binary content"):
        _run(settings, snapshot_copy)
    assert _table_hashes(settings.db) == good
    assert report.read_bytes() == good_report
    with _ro(settings.db) as conn:
        results = [r[0] for r in conn.execute("SELECT result FROM run_log ORDER BY started_at").fetchall()]
    assert results == ["success", "failed"]
    assert not list(Path(settings.db).parent.glob("*.run-*"))


def test_page_metadata_is_kept_for_every_parsed_page(first_run):
    settings, _ = first_run
    with _ro(settings.db) as conn:
        seed = conn.execute(
            "SELECT s.title, s.published, s.year, s.meta['索引号'], s.meta['发布机构'] FROM stg_pages s "
            "JOIN raw_pages p USING (page_id) WHERE p.url LIKE '%681158953254033'").fetchall()
        parsed = conn.execute("SELECT count(*) FROM stg_pages").fetchall()[0][0]
        lists = conn.execute("SELECT count(*) FROM raw_pages WHERE kind = 'list'").fetchall()[0][0]
        pages = conn.execute("SELECT count(*) FROM raw_pages").fetchall()[0][0]
    assert seed == [("2020年市政府重点工作", "2020-05-15", 2020, "014109429/2020-00054", "常州市人民政府")]
    assert parsed == pages - lists


def test_gap_statuses_for_2021_rest_on_the_period_published(first_run):
    settings, _ = first_run
    with _ro(settings.db) as conn:
        rows = conn.execute(
            "SELECT indicator_id, status, actual_value, basis, basis_period FROM gap_report WHERE year = 2021"
            " ORDER BY target_row_no").fetchall()
    assert rows == [
        ("gdp", "achieved", 9.1, "full_year", "2021"),
        ("public_budget_revenue", "on_track", 15.0, "part_year", "2021-01/2021-09"),
        ("fixed_asset_investment", "behind", 4.1, "part_year", "2021-01/2021-11"),
        ("rd_share_gdp", "no_data", None, None, None),
        ("retail_sales", "on_track", 24.4, "part_year", "2021-01/2021-09"),
        ("disposable_income_all", "achieved", 9.2, "full_year", "2021"),
    ]
