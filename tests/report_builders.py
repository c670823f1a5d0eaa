"""A fuller real warehouse for the report, export and browser tests: two regions, a growth-rate
target with 左右, a count with a bare >= comparator, an accumulating flow with a monthly series
(part-year pace), a target with no figure, a commitment, and a scraped clause holding markup."""
from __future__ import annotations

from datetime import UTC, date, datetime

from plangap.extract.page import FetchedPage, SourcePage
from plangap.transform.records import Fact, Target
from plangap.warehouse.db import connect
from plangap.warehouse.load import finish_run, load_facts, load_indicators, load_pages, load_targets, start_run
from plangap.warehouse.mart import build_gap_mart

CITY, COUNTY = "某市", "某县"
PLAN, COUNTY_PLAN = "http://gov.example/plan-2021", "http://county.example/plan-2021"
BULLETIN, MONTHLY = "http://stats.example/bulletin-2021", "http://stats.example/monthly-2021-09"
EVIL = "<script>alert('x')</script>"

INDICATORS = [
    {"id": "gdp", "name": "地区生产总值", "unit": "亿元", "kind": "flow", "direction": "higher", "accumulates": False},
    {"id": "new_jobs", "name": "城镇新增就业", "unit": "人", "kind": "flow", "direction": "higher", "accumulates": True},
    {"id": "base_stations", "name": "5G基站", "unit": "个", "kind": "stock", "direction": "higher", "accumulates": False},
    {"id": "pm25", "name": "PM2.5浓度", "unit": "微克/立方米", "kind": "rate", "direction": "lower", "accumulates": False},
]


def _page(url: str, kind: str, region: str) -> FetchedPage:
    return FetchedPage(source=SourcePage(url=url, kind=kind, region=region), url=url, status=200,
                       fetched_at=datetime(2021, 11, 2, 1, 30, tzinfo=UTC), content=url.encode(),
                       content_type="text/html", etag=None, last_modified=None)


def _target(clause, indicator, ind_id, value, unit, norm, unit_norm, comparator, modifier, kind, section):
    return Target(clause=clause, indicator=indicator, indicator_id=ind_id, value=value, value_max=None, unit=unit,
                  value_normalized=norm, unit_normalized=unit_norm, comparator=comparator, modifier=modifier,
                  kind=kind, section=section, year=2021)


def _fact(clause, indicator, ind_id, value, unit, norm, unit_norm, measure, period, publication, published):
    return Fact(clause=clause, indicator=indicator, indicator_id=ind_id, value=value, unit=unit,
                value_normalized=norm, unit_normalized=unit_norm, measure=measure, period=period,
                publication=publication, published=published)


CITY_TARGETS = [
    _target("地区生产总值增长6.5%左右", "地区生产总值", "gdp", 6.5, "%", 6.5, "%", "=", "左右", "rate", "一 经济"),
    _target("全年城镇新增就业9万人", "城镇新增就业", "new_jobs", 9.0, "万人", 90000.0, "人", "=", None, "count", "二 民生"),
    _target("新建5G基站5000个以上", "5G基站", "base_stations", 5000.0, "个", 5000.0, "个", ">=", "以上", "count",
            "三 新基建"),
    _target(f"PM2.5浓度降至46微克/立方米{EVIL}", f"PM2.5浓度{EVIL}", "pm25", 46.0, "微克/立方米", 46.0,
            "微克/立方米", "<=", "降至", "level", "四 生态"),
    _target("建成投用文化广场", "文化广场", None, None, None, None, None, None, None, "commitment", "五 文旅"),
]
COUNTY_TARGETS = [
    _target("新建公办幼儿园不少于50个", "公办幼儿园", "kindergartens", 50.0, "个", 50.0, "个", ">=", None, "count",
            "教育"),
]
MONTHLY_FACTS = [
    _fact("1-3月城镇新增就业2.1万人", "城镇新增就业", "new_jobs", 2.1, "万人", 21000.0, "人", "level",
          "2021-01/2021-03", "一季度统计月报", "2021-04-15"),
    _fact("1-6月城镇新增就业4.2万人", "城镇新增就业", "new_jobs", 4.2, "万人", 42000.0, "人", "level",
          "2021-01/2021-06", "上半年统计月报", "2021-07-15"),
    _fact("1-9月城镇新增就业6万人", "城镇新增就业", "new_jobs", 6.0, "万人", 60000.0, "人", "level",
          "2021-01/2021-09", "前三季度统计月报", "2021-10-15"),
    _fact("1-9月地区生产总值增长8.3%", "地区生产总值", "gdp", 8.3, "%", 8.3, "%", "growth_pct", "2021-01/2021-09",
          "前三季度统计月报", "2021-10-20"),
    _fact("PM2.5平均浓度为41微克/立方米", "PM2.5浓度", "pm25", 41.0, "微克/立方米", 41.0, "微克/立方米", "level",
          "2021-01/2021-09", "前三季度统计月报", "2021-10-20"),
]


def report_warehouse(path, as_of: date = date(2021, 11, 20), with_run: bool = True):
    """The warehouse at `path`, its gap mart built as of `as_of`; returns the open connection."""
    conn = connect(path)
    load_indicators(conn, INDICATORS, "test-2")
    ids = load_pages(conn, [_page(PLAN, "plan", CITY), _page(COUNTY_PLAN, "plan", COUNTY),
                            _page(MONTHLY, "release", CITY)])
    load_targets(conn, ids[PLAN], CITY, CITY_TARGETS)
    load_targets(conn, ids[COUNTY_PLAN], COUNTY, COUNTY_TARGETS)
    load_facts(conn, ids[MONTHLY], CITY, MONTHLY_FACTS)
    if with_run:
        start_run(conn, "run-ok", started_at=datetime(2021, 11, 1, 16, 0, tzinfo=UTC))
        finish_run(conn, "run-ok", "success", counts={"pages": 3, "targets": 6, "facts": 5},
                   ended_at=datetime(2021, 11, 1, 16, 5, tzinfo=UTC))
        start_run(conn, "run-bad", started_at=datetime(2021, 11, 19, 16, 0, tzinfo=UTC))
        finish_run(conn, "run-bad", "failed", error="fetch failed", ended_at=datetime(2021, 11, 19, 16, 1,
                                                                                        tzinfo=UTC))
    build_gap_mart(conn, as_of)
    return conn


def add_bulletin(conn, as_of: date = date(2022, 3, 20)) -> None:
    """The full-year bulletin arrives: the GDP target becomes achieved, the mart is rebuilt."""
    ids = load_pages(conn, [_page(BULLETIN, "bulletin", CITY)])
    load_facts(conn, ids[BULLETIN], CITY, [
        _fact("全年地区生产总值增长8.1%", "地区生产总值", "gdp", 8.1, "%", 8.1, "%", "growth_pct", "2021",
              "2021年统计公报", "2022-03-10")])
    build_gap_mart(conn, as_of)
