"""The gap model on a real DuckDB file: statuses, comparators, modifiers, pacing, scopes, vintages."""
from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from plangap import warehouse
from plangap.extract.page import FetchedPage, SourcePage
from plangap.transform.records import Fact, Target

REGION = "常州市"
LATER = date(2026, 6, 1)
DICT = [
    {"id": "gdp", "name": "地区生产总值", "kind": "flow", "direction": "higher", "accumulates": True},
    {"id": "budget_revenue", "name": "一般公共预算收入", "kind": "flow", "direction": "higher", "accumulates": True},
    {"id": "fai", "name": "固定资产投资", "kind": "flow", "direction": "higher", "accumulates": True},
    {"id": "new_jobs", "name": "城镇新增就业", "kind": "flow", "direction": "higher", "accumulates": True},
    {"id": "reemployment", "name": "再就业", "kind": "flow", "direction": "higher", "accumulates": True},
    {"id": "patents_per_10k", "name": "每万人发明专利拥有量", "kind": "stock", "direction": "higher", "accumulates": False},
    {"id": "school_projects", "name": "新建和改扩建学校项目", "kind": "flow", "direction": "higher", "accumulates": False},
    {"id": "cpi", "name": "居民消费价格", "kind": "rate", "direction": "lower", "accumulates": False},
    {"id": "pm25", "name": "PM2.5平均浓度", "kind": "stock", "direction": "lower", "accumulates": False},
    {"id": "energy_intensity", "name": "单位GDP能耗", "kind": "rate", "direction": "lower", "accumulates": False},
    {"id": "retail", "name": "社会消费品零售总额", "kind": "flow", "direction": "higher", "accumulates": True},
    {"id": "urbanisation", "name": "城镇化率", "kind": "share", "direction": "higher", "accumulates": False},
    {"id": "deposits", "name": "金融机构存款余额", "kind": "stock", "direction": "higher", "accumulates": False},
]


def page(url: str, content: bytes = b"<html>x</html>", fetched: datetime = datetime(2026, 1, 5, tzinfo=UTC)) -> FetchedPage:
    return FetchedPage(SourcePage(url, "bulletin", REGION), url, 200, fetched, content, "text/html", None, None)


def T(indicator_id: str | None, value: float | None, unit: str | None, vn: float | None, un: str | None,
      comparator: str | None = "=", modifier: str | None = None, kind: str = "rate", year: int = 2021,
      value_max: float | None = None, indicator: str = "指标") -> Target:
    return Target(f"{indicator}{value}{unit}", indicator, indicator_id, value, value_max, unit, vn, un,
                  comparator, modifier, kind, "一、目标", year)


def F(indicator_id: str | None, value: float, unit: str, vn: float, un: str, measure: str = "growth_pct",
      period: str = "2021", published: str | None = "2022-02-01", scope: str | None = None,
      publication: str = "统计公报", indicator: str = "指标") -> Fact:
    return Fact(f"{indicator}{value}{unit}", indicator, indicator_id, value, unit, vn, un, measure, period,
                publication, published, scope)


@pytest.fixture
def conn(tmp_path):
    c = warehouse.connect(tmp_path / "w.duckdb")
    warehouse.load_indicators(c, DICT, "test.1")
    yield c
    c.close()


def gap(conn, targets: list[Target], facts: list[Fact] | dict[str, list[Fact]], as_of: date = LATER) -> list[dict]:
    """Load one plan page of targets and fact pages (url -> facts), build the mart, return its rows."""
    fact_pages = facts if isinstance(facts, dict) else {"http://tjj/a.html": facts}
    ids = warehouse.load_pages(conn, [page("http://plan/p.html")] + [
        page(u, u.encode(), datetime(2026, 1, 5 + i, tzinfo=UTC)) for i, u in enumerate(fact_pages)])
    warehouse.load_targets(conn, ids["http://plan/p.html"], REGION, targets)
    for url, fs in fact_pages.items():
        warehouse.load_facts(conn, ids[url], REGION, fs)
    assert warehouse.build_gap_mart(conn, as_of) == len(targets)
    return warehouse.gap_rows(conn)


def one(conn, target: Target, facts, as_of: date = LATER) -> dict:
    rows = gap(conn, [target], facts, as_of)
    assert len(rows) == 1
    return rows[0]


# --- the expected cases on the real data --------------------------------------------------

def test_gdp_about_6_5_vs_full_year_9_1_is_achieved(conn):
    r = one(conn, T("gdp", 6.5, "%", 6.5, "%", "=", "左右", indicator="地区生产总值"),
            [F("gdp", 9.1, "%", 9.1, "%", period="2021")])
    assert (r["status"], r["basis"], r["basis_period"]) == ("achieved", "full_year", "2021")
    assert r["attainment"] == pytest.approx(1.4)
    assert r["gap"] == pytest.approx(2.6)
    assert r["tolerance"] == 0.5
    assert r["actual_url"] == "http://tjj/a.html" and r["actual_clause"] == "指标9.1%"
    assert r["target_url"] == "http://plan/p.html" and r["as_of"] == LATER


def test_budget_revenue_on_track_from_jan_sep(conn):
    r = one(conn, T("budget_revenue", 6, "%", 6, "%", "=", "左右"),
            [F("budget_revenue", 15.0, "%", 15.0, "%", period="2021-01/2021-09", published="2021-10-20")])
    assert (r["status"], r["basis"], r["basis_period"]) == ("on_track", "part_year", "2021-01/2021-09")
    assert "not published" in r["reason"]


def test_investment_behind_from_jan_nov(conn):
    r = one(conn, T("fai", 7, "%", 7, "%", "=", "左右"),
            [F("fai", 4.1, "%", 4.1, "%", period="2021-01/2021-11", published="2021-12-15")])
    assert (r["status"], r["basis"], r["basis_period"]) == ("behind", "part_year", "2021-01/2021-11")
    assert r["gap"] == pytest.approx(-2.9)


def test_patents_level_at_year_end_achieved(conn):
    r = one(conn, T("patents_per_10k", 38, "件", 38, "件", ">=", "以上", kind="level", year=2020),
            [F("patents_per_10k", 40.19, "件", 40.19, "件", "level", "2020-12-31", "2021-03-01")])
    assert (r["status"], r["actual_period"]) == ("achieved", "2020-12-31")
    assert r["attainment"] == pytest.approx(40.19 / 38)


def test_count_target_met_exactly_and_missed(conn, tmp_path):
    r = one(conn, T("school_projects", 44, "个", 44, "个", "=", kind="count", year=2020),
            [F("school_projects", 44, "个", 44, "个", "level", "2020")])
    assert (r["status"], r["gap"], r["attainment"]) == ("achieved", 0, 1)
    c2 = warehouse.connect(tmp_path / "w2.duckdb")
    r = one(c2, T("school_projects", 44, "个", 44, "个", "=", kind="count", year=2020),
            [F("school_projects", 43, "个", 43, "个", "level", "2020")])
    assert (r["status"], r["gap"]) == ("missed", -1)


# --- comparators and modifiers -------------------------------------------------------------

@pytest.mark.parametrize("actual,status", [(6.1, "achieved"), (6.0, "achieved"), (5.9, "missed"), (7.5, "achieved")])
def test_about_rate_tolerance_half_a_point(conn, actual, status):
    r = one(conn, T("gdp", 6.5, "%", 6.5, "%", "=", "左右"), [F("gdp", actual, "%", actual, "%")])
    assert r["status"] == status


@pytest.mark.parametrize("actual,status", [(960, "achieved"), (950, "achieved"), (940, "missed")])
def test_about_level_tolerance_five_percent(conn, actual, status):
    r = one(conn, T("retail", 1000, "亿元", 1e11, "元", "=", "左右", kind="amount"),
            [F("retail", actual, "亿元", actual * 1e8, "元", "level")])
    assert r["status"] == status
    assert r["tolerance"] == pytest.approx(50)  # in 亿元, the target's unit
    assert r["gap"] == pytest.approx(actual - 1000)  # back in 亿元


def test_plain_equal_has_no_tolerance(conn):
    r = one(conn, T("gdp", 6.5, "%", 6.5, "%", "="), [F("gdp", 6.3, "%", 6.3, "%")])
    assert r["status"] == "missed" and r["tolerance"] == 0


@pytest.mark.parametrize("actual,status", [(38, "achieved"), (37.9, "missed")])
def test_at_least_yi_shang(conn, actual, status):
    r = one(conn, T("patents_per_10k", 38, "件", 38, "件", ">=", "以上", kind="level", year=2020),
            [F("patents_per_10k", actual, "件", actual, "件", "level", "2020-12-31")])
    assert r["status"] == status


@pytest.mark.parametrize("actual,status", [(2.5, "achieved"), (3.0, "achieved"), (3.4, "missed")])
def test_at_most_yi_nei(conn, actual, status):
    r = one(conn, T("cpi", 3, "%", 3, "%", "<=", "以内", indicator="居民消费价格涨幅"),
            [F("cpi", actual, "%", actual, "%")])
    assert r["status"] == status
    assert r["attainment"] == pytest.approx(3 / actual)  # no baseline: target ÷ actual


@pytest.mark.parametrize("actual,status,att", [(37, "missed", 0.6), (34, "achieved", 1.2)])
def test_jiang_zhi_ceiling_with_baseline(conn, actual, status, att):
    r = one(conn, T("pm25", 35, "微克/立方米", 35, "微克/立方米", "<=", "降至", kind="level"),
            [F("pm25", 40, "微克/立方米", 40, "微克/立方米", "level", "2020"),
             F("pm25", actual, "微克/立方米", actual, "微克/立方米", "level", "2021")])
    assert r["status"] == status
    assert r["actual_period"] == "2021"
    assert r["attainment"] == pytest.approx(att)  # share of the required fall from 40 to 35


@pytest.mark.parametrize("actual,status", [(0.5, "achieved"), (0.0, "missed"), (-1.0, "missed")])
def test_greater_than_zero_growth(conn, actual, status):
    r = one(conn, T("retail", 0, "%", 0, "%", ">", "保持增长"), [F("retail", actual, "%", actual, "%")])
    assert r["status"] == status


@pytest.mark.parametrize("actual,status", [(6.2, "achieved"), (6.0, "achieved"), (7.0, "achieved"), (5.8, "missed")])
def test_range(conn, actual, status):
    r = one(conn, T("gdp", 6, "%", 6, "%", "range", value_max=6.5), [F("gdp", actual, "%", actual, "%")])
    assert r["status"] == status


def test_range_for_a_lower_is_better_indicator_uses_the_high_bound(conn):
    r = one(conn, T("cpi", 2, "%", 2, "%", "range", value_max=3), [F("cpi", 3.2, "%", 3.2, "%")])
    assert (r["status"], r["expected_value"]) == ("missed", 3)


def test_li_zheng_stretch_tier(conn):
    rows = gap(conn, [T("gdp", 6.5, "%", 6.5, "%", "=", "确保"), T("gdp", 7, "%", 7, "%", "=", "力争")],
               [F("gdp", 6.8, "%", 6.8, "%")])
    assert {r["modifier"]: r["status"] for r in rows} == {"确保": "achieved", "力争": "missed"}


@pytest.mark.parametrize("actual,status,gap_", [(-3.5, "achieved", 0.5), (-2.0, "missed", -1.0)])
def test_decline_at_least(conn, actual, status, gap_):
    r = one(conn, T("energy_intensity", 3, "%", -3, "%", ">=", "以上", indicator="单位GDP能耗下降"),
            [F("energy_intensity", abs(actual), "%", actual, "%")])
    assert r["status"] == status
    assert r["gap"] == pytest.approx(gap_)  # in the target's terms: declined 0.5 point more


def test_plain_decline_target(conn):
    r = one(conn, T("energy_intensity", 3, "%", -3, "%", "="), [F("energy_intensity", 4, "%", -4, "%")])
    assert (r["status"], r["actual_in_target_unit"]) == ("achieved", 4)


# --- part-year pacing ----------------------------------------------------------------------

@pytest.mark.parametrize("actual,status", [(6.5, "on_track"), (3.0, "behind")])
def test_accumulating_flow_pro_rated(conn, actual, status):
    r = one(conn, T("new_jobs", 9.1, "万人", 91000, "人", "=", kind="count", indicator="新增就业"),
            [F("new_jobs", actual, "万人", actual * 1e4, "人", "level", "2021-01/2021-06", "2021-07-20")],
            as_of=date(2021, 8, 1))
    assert (r["status"], r["basis"], r["basis_period"]) == (status, "part_year", "2021-01/2021-06")
    assert r["expected_value"] == pytest.approx(4.55)  # 9.1 x 6/12, in 万人
    assert r["gap"] == pytest.approx(actual - 4.55)
    assert r["attainment"] == pytest.approx(actual / 9.1)
    assert r["reason"] == "in-year pace of 2021-01/2021-06"


def test_latest_part_year_period_wins(conn):
    r = one(conn, T("fai", 7, "%", 7, "%", "=", "左右"),
            [F("fai", 8.0, "%", 8.0, "%", period="2021-01/2021-06", published="2021-07-15"),
             F("fai", 4.1, "%", 4.1, "%", period="2021-01/2021-11", published="2021-12-15")])
    assert (r["status"], r["basis_period"]) == ("behind", "2021-01/2021-11")


@pytest.mark.parametrize("balance, status", [(12100, "on_track"), (11500, "behind")])
def test_a_month_end_stock_paces_a_level_target_against_the_target_itself(conn, balance, status):
    r = one(conn, T("deposits", 12000, "亿元", 1.2e12, "元", ">=", "以上", kind="amount"),
            [F("deposits", balance, "亿元", balance * 1e8, "元", "level", "2021-06-30", "2021-07-15")],
            as_of=date(2021, 8, 1))
    assert (r["status"], r["basis"], r["basis_period"]) == (status, "part_year", "2021-06-30")
    assert r["expected_value"] == pytest.approx(12000)  # a stock is not pro-rated


def test_full_year_beats_part_year(conn):
    r = one(conn, T("fai", 7, "%", 7, "%", "=", "左右"),
            [F("fai", 4.1, "%", 4.1, "%", period="2021-01/2021-11", published="2021-12-15"),
             F("fai", 7.2, "%", 7.2, "%", period="2021", published="2022-02-01")])
    assert (r["status"], r["basis"]) == ("achieved", "full_year")


# --- no data, not measurable, no match across scopes ---------------------------------------

def test_commitment_not_measurable(conn):
    r = one(conn, T(None, None, None, None, None, None, None, kind="commitment", indicator="地铁2号线建成通车"), [])
    assert r["status"] == "not_measurable"


def test_unmapped_numeric_target_is_no_data(conn):
    r = one(conn, T(None, 5000, "个", 5000, "个", kind="count"), [F(None, 5200, "个", 5200, "个", "level")])
    assert (r["status"], r["reason"]) == ("no_data", "unmapped indicator")


def test_nothing_published_is_no_data(conn):
    r = one(conn, T("gdp", 6.5, "%", 6.5, "%", "=", "左右"), [])
    assert (r["status"], r["reason"], r["actual_value"]) == ("no_data", "no published actual", None)


def test_district_scope_never_matches(conn):
    r = one(conn, T("gdp", 6.5, "%", 6.5, "%"), [F("gdp", 9.1, "%", 9.1, "%", scope="武进区")])
    assert r["status"] == "no_data"


def test_five_year_period_never_matches(conn):
    r = one(conn, T("new_jobs", 50, "万人", 500000, "人", ">=", kind="count", year=2020),
            [F("new_jobs", 62, "万人", 620000, "人", "level", period="2016/2020")])
    assert r["status"] == "no_data"


def test_other_indicator_with_same_unit_never_matches(conn):
    r = one(conn, T("new_jobs", 9.1, "万人", 91000, "人", kind="count"),
            [F("reemployment", 9.5, "万人", 95000, "人", "level")])
    assert r["status"] == "no_data"


def test_other_measure_or_unit_never_matches(conn):
    rows = gap(conn, [T("retail", 5, "%", 5, "%"), T("retail", 1000, "亿元", 1e11, "元", kind="amount")],
               [F("retail", 1200, "万元", 1.2e7, "元", "level", period="2021-10"),  # single month
                F("retail", 8.0, "%", 8.0, "%", "share_pct")])  # share, not growth
    assert [r["status"] for r in rows] == ["no_data", "no_data"]


def test_other_year_or_region_never_matches(conn):
    ids = warehouse.load_pages(conn, [page("http://plan/p.html"), page("http://tjj/wx.html", b"wx")])
    warehouse.load_targets(conn, ids["http://plan/p.html"], REGION, [T("gdp", 6.5, "%", 6.5, "%")])
    warehouse.load_facts(conn, ids["http://tjj/wx.html"], "无锡市", [F("gdp", 9.1, "%", 9.1, "%")])
    warehouse.load_facts(conn, ids["http://plan/p.html"], REGION, [F("gdp", 9.1, "%", 9.1, "%", period="2020")])
    warehouse.build_gap_mart(conn, LATER)
    assert warehouse.gap_rows(conn)[0]["status"] == "no_data"


def test_future_target_year_is_no_data(conn):
    r = one(conn, T("gdp", 6, "%", 6, "%", year=2030), [])
    assert (r["status"], r["reason"]) == ("no_data", "target year not started")


# --- vintages ------------------------------------------------------------------------------

def test_latest_vintage_chosen_and_as_of_respected(conn):
    target = T("gdp", 6.5, "%", 6.5, "%", "=", "左右")
    facts = {"http://tjj/kb.html": [F("gdp", 8.9, "%", 8.9, "%", published="2022-01-20", publication="快报")],
             "http://tjj/nj.html": [F("gdp", 9.1, "%", 9.1, "%", published="2022-10-01", publication="年鉴")]}
    r = one(conn, target, facts)
    assert (r["actual_value"], r["actual_publication"], r["actual_url"]) == (9.1, "年鉴", "http://tjj/nj.html")
    warehouse.build_gap_mart(conn, date(2022, 3, 1))
    r = warehouse.gap_rows(conn)[0]
    assert (r["actual_value"], r["actual_publication"]) == (8.9, "快报")
    vintages = conn.execute("SELECT publication, vintage, is_latest_vintage FROM facts ORDER BY vintage").fetchall()
    assert vintages == [("快报", 1, False), ("年鉴", 2, True)]


def test_gap_rows_filters(conn):
    gap(conn, [T("gdp", 6.5, "%", 6.5, "%"), T("gdp", 6, "%", 6, "%", year=2022)], [])
    assert len(warehouse.gap_rows(conn, region=REGION)) == 2
    assert [r["year"] for r in warehouse.gap_rows(conn, year=2022)] == [2022]
    assert warehouse.gap_rows(conn, region="无锡市") == []
