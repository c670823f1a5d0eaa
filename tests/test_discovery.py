"""Discovery: classifying a page by kind, region and period; crawling a list over real HTTP on
127.0.0.1; and two nightly runs where the second finds this year's report on the list."""
from __future__ import annotations

import threading
from datetime import date
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import duckdb
import pytest
from sitebuild import article, list_page, settings_in, write_site

from plangap.extract.crawl import crawl_list
from plangap.extract.http import HttpClient, NetworkPolicy
from plangap.extract.registry import ListSource
from plangap.transform.classify import Place, classify

PLACES = (Place("甲省", ("甲省",), 0), Place("乙市", ("乙市", "乙"), 1), Place("丙县", ("丙县", "乙市丙县"), 2))


@pytest.mark.parametrize("title, kind, region, period", [
    ("2024年乙市人民政府工作报告", "plan", "乙市", "2024"),
    ("政府工作报告——2024年1月在乙市第十届人民代表大会第三次会议上", "plan", "乙市", "2024"),
    ("关于乙市2023年国民经济和社会发展计划执行情况与2024年计划草案的报告", "plan", "乙市", "2024"),
    ("乙市丙县2023年国民经济和社会发展统计公报", "bulletin", "丙县", "2023"),  # the deepest place named
    ("2024年1-5月全市经济运行情况", "release", "乙市", "2024-01/2024-05"),
    ("2024年前三季度甲省经济运行情况", "release", "甲省", "2024-01/2024-09"),
    ("关于印发2024年政府工作报告重点任务分工的通知", "notice", "乙市", "2024"),
    ("2024年政府工作报告解读", "notice", "乙市", "2024"),
    ("市长在全市经济工作会议上的讲话", "speech", "乙市", None),
    ("丁东市2023年统计公报", "unknown", None, "2023"),  # a place the registry does not hold: not guessed
    ("政府工作报告", "unknown", "乙市", None),  # no year: not guessed
    ("重要文件", "unknown", None, None),
])
def test_title_decides_kind_region_and_period(title, kind, region, period):
    c = classify(title, None, PLACES, "乙市")
    assert (c.kind, c.region, c.period) == (kind, region, period), c.reason


def test_body_decides_what_the_title_leaves_open():
    plan = classify("重要文件", "各位代表：现在我代表市人民政府报告工作。2024年主要预期目标是：地区生产总值增长6%。",
                    PLACES, "乙市")
    assert (plan.kind, plan.period) == ("plan", "2024")
    notice = classify("2024年政府工作报告", "各县（市、区）人民政府：现将有关事项通知如下。特此通知。", PLACES, "乙市")
    assert notice.kind == "notice"
    speech = classify("2024年经济运行情况", "同志们：今天我们召开会议，分析全市经济运行情况。", PLACES, "乙市")
    assert speech.kind == "speech"
    neither = classify("重要文件", "这是一个栏目页，没有正文。", PLACES, "乙市")
    assert neither.kind == "unknown"


# --- crawl over a plain HTTP server on 127.0.0.1 ------------------------------------------------

def _plan(year: int) -> str:
    return article(f"{year}年乙市人民政府工作报告", f"{year}-01-20", [
        "各位代表：", "现在，我代表市人民政府向大会报告工作，请予审议。",
        f"{year}年全市经济社会发展的主要预期目标是：地区生产总值增长6%左右；全社会固定资产投资增长8%。"])


@pytest.fixture
def site(tmp_path):
    handler = partial(SimpleHTTPRequestHandler, directory=str(tmp_path))
    handler.log_message = lambda *a: None  # type: ignore[attr-defined]
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield tmp_path, f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_crawl_takes_the_plans_and_lists_the_rest(site):
    folder, base = site
    (folder / "2023.html").write_text(_plan(2023), encoding="utf-8")
    (folder / "2024.html").write_text(_plan(2024), encoding="utf-8")
    (folder / "misc.html").write_text(article("重要文件", "2024-02-01", ["本栏目发布有关文件。"]), encoding="utf-8")
    (folder / "list.html").write_text(list_page([
        ("2024.html", "2024年乙市人民政府工作报告"), ("2023.html", "2023年乙市人民政府工作报告"),
        ("notice.html", "关于印发2024年政府工作报告重点任务分工的通知"),
        ("speech.html", "市长在全市经济工作会议上的讲话"), ("misc.html", "重要文件")]), encoding="utf-8")
    client = HttpClient(NetworkPolicy(backoff=0, timeout=5, retries=0), sleep=lambda s: None)
    result = crawl_list(client, ListSource(url=f"{base}/list.html", region="乙市", kinds=("plan",)), {}, {}, PLACES)
    assert result.errors == []
    taken = [(p.url.rsplit("/", 1)[1], p.source.kind, p.source.region, p.source.period) for p in result.list_pages[1:]]
    assert taken == [("2024.html", "plan", "乙市", "2024"), ("2023.html", "plan", "乙市", "2023")]
    listed = {d.url.rsplit("/", 1)[1]: (d.kind, d.taken) for d in result.discoveries}
    assert listed["notice.html"] == ("notice", False)
    assert listed["speech.html"] == ("speech", False)
    assert listed["misc.html"] == ("unknown", False)  # fetched, read, still unclassified: listed
    assert result.details == []


# --- two nightly runs: day 2 finds this year's report -----------------------------------------

LIST = "https://www.yi.gov.cn/zfgzbg/list.html"
REGISTRY = f"""version: 1
regions:
  - name: 乙市
    level: city
    lists:
      - url: {LIST}
        kinds: [plan, bulletin, release]
"""


def _day(folder: Path, day: int) -> None:
    links = [("/zfgzbg/2023.html", "2023年乙市人民政府工作报告"),
             ("/tzgg/fg.html", "关于印发2023年政府工作报告重点任务分工的通知")]
    pages = {"https://www.yi.gov.cn/zfgzbg/2023.html": ("plan", "乙市", "2023", _plan(2023))}
    if day == 2:
        links = [("/zfgzbg/2024.html", "2024年乙市人民政府工作报告"), ("/ldjh/jh.html", "市长在全市经济工作会议上的讲话"),
                 *links]
        pages["https://www.yi.gov.cn/zfgzbg/2024.html"] = ("plan", "乙市", "2024", _plan(2024))
    pages[LIST] = ("list", "乙市", None, list_page(links))
    write_site(folder, pages, REGISTRY)


@pytest.mark.slow  # starts Prefect
def test_second_run_discovers_this_years_report(prefect_harness, tmp_path):
    from plangap.flows.nightly import nightly
    from plangap.flows.records import RunOptions

    site_dir = tmp_path / "site"
    settings = settings_in(tmp_path)
    _day(site_dir, 1)
    first = nightly(RunOptions(settings=settings, snapshot=site_dir, as_of=date(2024, 3, 1)))
    assert [d.split(":")[0] for d in first.discovered] == ["plan 乙市 2023"]
    _day(site_dir, 2)
    second = nightly(RunOptions(settings=settings, snapshot=site_dir, as_of=date(2024, 3, 1)))
    assert [d.split(":")[0] for d in second.discovered] == ["plan 乙市 2024"]
    assert [d.split(":")[0] for d in second.listed] == ["speech"]
    assert any(line.startswith("discovered: 1 new pages taken, 1 listed") for line in second.lines())
    with duckdb.connect(str(settings.db), read_only=True) as conn:
        view = conn.execute("SELECT url, kind, region, period, taken, targets, first_run_id FROM discovered_pages "
                            "ORDER BY url").fetchall()
        tracked = conn.execute("SELECT year, indicator_id, status FROM mart_gap ORDER BY ALL").fetchall()
    by_url = {v[0].rsplit("/", 1)[1]: v for v in view}
    assert by_url["2024.html"][1:6] == ("plan", "乙市", "2024", True, 2)
    assert by_url["2024.html"][6] == second.run_id
    assert by_url["fg.html"][1] == "notice" and by_url["fg.html"][4] is False and by_url["fg.html"][5] == 0
    assert by_url["jh.html"][1] == "speech" and by_url["jh.html"][4] is False
    assert (2024, "gdp", "no_data") in tracked and (2023, "gdp", "no_data") in tracked
