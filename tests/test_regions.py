"""Regions: the registry's levels and parents, its one-line errors, and the multi-region snapshot
end to end (statuses per region-year; no target paired with another region's figure)."""
from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import duckdb
import pytest

from plangap.extract.registry import RegistryError, load_registry, registry_from_manifest

ROOT = Path(__file__).resolve().parent.parent
REGIONS = ROOT / "snapshots" / "regions"

GOOD = """version: 1
regions:
  - name: 甲省
    level: province
    alerts: [ops@example.org]
  - name: 乙市
    level: city
    parent: 甲省
    aliases: [乙]
    plans:
      - url: https://www.yi.gov.cn/bg/2024.html
        year: 2024
    lists:
      - url: https://www.yi.gov.cn/bg/list.html
        kinds: [plan, bulletin]
  - name: 丙县
    level: county
    parent: 乙市
    alerts: [county@example.org]
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sources.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_levels_parents_and_recipients(tmp_path):
    reg = load_registry(_write(tmp_path, GOOD))
    assert [(r.name, r.level, r.parent) for r in reg.regions.values()] == [
        ("甲省", "province", None), ("乙市", "city", "甲省"), ("丙县", "county", "乙市")]
    assert reg.ancestors("丙县") == ["乙市", "甲省"]
    assert reg.recipients("丙县") == ("county@example.org", "ops@example.org")  # and the regions above
    assert reg.recipients("乙市") == ("ops@example.org",)
    assert reg.lists[0].kinds == ("plan", "bulletin")
    assert reg.only(region="乙市").regions == reg.regions  # scope still resolves in a part


@pytest.mark.parametrize("edit, line, words", [
    (("    level: city\n    parent: 甲省\n", "    level: city\n    parnet: 甲省\n"), 8, "unknown key 'parnet'"),
    (("https://www.yi.gov.cn/bg/2024.html", "www.yi.gov.cn/bg/2024.html"), 11, "not an http(s) address"),
    (("  - name: 丙县", "  - name: 乙市"), 16, "region 乙市 is named twice"),
    (("level: county", "level: town"), 17, "level 'town'"),
    (("ops@example.org", "运维@example.org"), 5, "not an ASCII mail address"),
    (("level: province", "level: district"), 8, "cannot lie under 甲省"),
    (("kinds: [plan, bulletin]", "kinds: [plan, speech]"), 15, "kinds ['speech']"),
    (("    aliases: [乙]\n", "    aliases: [甲省]\n"), 9, "name '甲省' is already region 甲省"),
])
def test_a_bad_registry_is_one_line_naming_the_line(tmp_path, edit, line, words):
    path = _write(tmp_path, GOOD.replace(*edit))
    with pytest.raises(RegistryError) as err:
        load_registry(path)
    message = str(err.value)
    assert "\n" not in message
    assert message.startswith(f"{path}:{line}: "), message
    assert words in message


def test_snapshot_registry_holds_every_level():
    reg = registry_from_manifest(REGIONS)
    levels = {r.name: r.level for r in reg.regions.values()}
    assert {"province", "city", "district"} <= set(levels.values())
    assert reg.ancestors("双流区") == ["成都市", "四川省"]
    assert sorted({y for _, y in reg.plans}) == [2018, 2020, 2023]


@pytest.mark.slow  # starts Prefect in a child process
def test_bad_registry_exits_2_naming_the_line(tmp_path):
    bad = _write(tmp_path, GOOD.replace("parent: 甲省", "parnet: 甲省"))
    env = {**os.environ, "PLANGAP_REGISTRY": str(bad)}
    proc = subprocess.run([sys.executable, "-m", "plangap.cli", "run", "--live", "--db", str(tmp_path / "w.duckdb"),
                           "--reports", str(tmp_path / "r")], capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 2, proc.stderr
    assert f"{bad}:8: region 乙市: unknown key 'parnet'" in proc.stderr


# --- the multi-region snapshot end to end ----------------------------------------------------

AS_OF = date(2025, 1, 1)


@pytest.fixture(scope="module")
def regions_run(prefect_harness, tmp_path_factory):
    from plangap.config import load_settings
    from plangap.flows.nightly import nightly
    from plangap.flows.records import RunOptions

    base = tmp_path_factory.mktemp("regions")
    settings = load_settings(db=str(base / "w.duckdb"), reports=str(base / "reports"))
    settings = type(settings)(**{**settings.__dict__, "analyst_copy": base / "latest.duckdb"})
    summary = nightly(RunOptions(settings=settings, snapshot=REGIONS, as_of=AS_OF))
    return settings, summary


@pytest.mark.slow
def test_statuses_per_region_year(regions_run):
    settings, summary = regions_run
    assert summary.pages_failed == 0 and summary.data_quality.startswith("passed")
    with duckdb.connect(str(settings.db), read_only=True) as conn:
        rows = conn.execute("SELECT region, year, indicator_id, status, actual_value, actual_url FROM gap_report "
                            "WHERE indicator_id IN ('gdp', 'fixed_asset_investment', 'public_budget_revenue')").fetchall()
        years = conn.execute("SELECT DISTINCT region, year FROM mart_gap ORDER BY ALL").fetchall()
    assert years == [("双流区", 2023), ("四川省", 2018), ("广州市", 2018), ("成都市", 2018), ("成都市", 2023),
                     ("重庆市", 2020)]
    got = {(r[0], r[1], r[2]): (r[3], r[4]) for r in rows}
    assert got[("四川省", 2018, "gdp")] == ("achieved", 8.0)  # the province's own 8.0%, not 成都市's row
    assert got[("成都市", 2018, "gdp")] == ("missed", 6.8)  # 成都市's row of the province's bulletin
    assert got[("双流区", 2023, "gdp")] == ("achieved", 7.9)  # the district's row of the city's bulletin
    assert got[("双流区", 2023, "fixed_asset_investment")] == ("achieved", 12.3)
    assert got[("成都市", 2023, "gdp")] == ("achieved", 6.0)  # the city's own, not the district's 7.9
    assert got[("成都市", 2023, "fixed_asset_investment")] == ("missed", 2.1)
    assert got[("广州市", 2018, "public_budget_revenue")] == ("on_track", 9.1)  # 1-9月 pace
    assert got[("重庆市", 2020, "gdp")] == ("missed", 3.9)


@pytest.mark.slow
def test_no_target_is_paired_with_another_region_or_scope(regions_run):
    settings, _ = regions_run
    with duckdb.connect(str(settings.db), read_only=True) as conn:
        pairs = conn.execute("""
            SELECT m.region, f.region, f.scope, f.indicator, r.region
            FROM mart_gap AS m JOIN stg_facts AS f ON f.page_id = m.fact_page_id AND f.row_no = m.fact_row_no
            LEFT JOIN (SELECT region, unnest(names) AS name FROM dim_region) AS r
                   ON r.name = f.scope OR (f.scope IS NULL AND starts_with(f.indicator, r.region))
        """).fetchall()
    assert pairs
    for target_region, page_region, scope, indicator, resolved in pairs:
        assert (resolved or page_region) == target_region, (target_region, page_region, scope, indicator)
