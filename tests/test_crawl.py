"""crawl_list over loopback HTTP: the bundled list pages, and small snapshots built here."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from plangap.extract.crawl import crawl_list
from plangap.extract.http import HttpClient, NetworkPolicy, Validators
from plangap.extract.page import SourcePage
from plangap.extract.registry import ListSource
from plangap.extract.snapshot import SnapshotServer

SNAPSHOT = Path(__file__).resolve().parent.parent / "snapshot"
LIST = "https://tjj.changzhou.gov.cn/html/tjj/tjgb/list.html"
REGION = "常州市"


@pytest.fixture(scope="module")
def served():
    with SnapshotServer(SNAPSHOT) as server:
        yield server


def _client(server: SnapshotServer) -> HttpClient:
    return HttpClient(NetworkPolicy(backoff=0, timeout=5, retries=0), rewrite=server.rewrite, sleep=lambda s: None)


def test_bundled_list_all_pages_and_details(served):
    src = ListSource(url=LIST, region=REGION, allow_hosts=("ciip.changzhou.gov.cn",))
    result = crawl_list(_client(served), src, {}, {})
    assert [p.url for p in result.list_pages] == [
        LIST,
        "https://tjj.changzhou.gov.cn/html/tjj/tjgb/list_2.html",
        "https://tjj.changzhou.gov.cn/html/tjj/tjgb/list_3.html",
    ]
    assert all(p.status == 200 and p.source.kind == "list" for p in result.list_pages)
    assert [(d.url, d.kind, d.title) for d in result.details] == [
        ("https://tjj.changzhou.gov.cn/html/tjj/2022/TJGB0000_0302/2021.html", "bulletin", "2021年常州市国民经济和社会发展统计公报"),
        ("https://tjj.changzhou.gov.cn/html/tjj/2021/TJXX0000_1108/q3.html", "release", "2021年前三季度全市经济运行情况"),
        ("https://tjj.changzhou.gov.cn/html/tjj/2021/TJGB0000_0301/2020.html", "bulletin", "2020年常州市国民经济和社会发展统计公报"),
        ("https://tjj.changzhou.gov.cn/html/tjj/2020/TJXX0000_0720/h1.html", "release", "2020年上半年全市经济运行情况"),
        ("http://ciip.changzhou.gov.cn/html/ciip/2020/NFDOHJOM_0917/1841.html", "release", "1-8月全市实际到账外资情况"),
    ]
    assert {d.region for d in result.details} == {REGION}
    assert result.errors == []


def test_other_host_dropped_when_not_allowed(served):
    result = crawl_list(_client(served), ListSource(url=LIST, region=REGION), {}, {})
    assert len(result.list_pages) == 3
    assert [d.url for d in result.details] == [
        "https://tjj.changzhou.gov.cn/html/tjj/2022/TJGB0000_0302/2021.html",
        "https://tjj.changzhou.gov.cn/html/tjj/2021/TJXX0000_1108/q3.html",
        "https://tjj.changzhou.gov.cn/html/tjj/2021/TJGB0000_0301/2020.html",
        "https://tjj.changzhou.gov.cn/html/tjj/2020/TJXX0000_0720/h1.html",
    ]


def test_max_pages_respected_on_bundled_list(served):
    result = crawl_list(_client(served), ListSource(url=LIST, region=REGION, max_pages=2), {}, {})
    assert [p.url for p in result.list_pages] == [LIST, "https://tjj.changzhou.gov.cn/html/tjj/tjgb/list_2.html"]
    assert len(result.details) == 4


def test_not_modified_list_page_reads_the_archived_bytes(served):
    client = _client(served)
    first = client.fetch(SourcePage(url=LIST, kind="list", region=REGION))
    result = crawl_list(client, ListSource(url=LIST, region=REGION, max_pages=1),
                        {LIST: Validators(etag=first.etag)}, {LIST: first.content})
    [page] = result.list_pages
    assert page.not_modified is True
    assert [d.title for d in result.details] == ["2021年常州市国民经济和社会发展统计公报", "2021年前三季度全市经济运行情况"]
    assert result.errors == []


# --- small snapshots built in tmp_path -------------------------------------------------------


def _list_html(details: list[tuple[str, str]], nav: str = "") -> str:
    items = "".join(f'<li><a href="{href}">{title}</a></li>' for href, title in details)
    return (f'<html><head><meta charset="utf-8"><title>列表</title></head><body>'
            f'<ul class="list">{items}</ul><div class="page">{nav}</div></body></html>')


def _build(tmp_path: Path, pages: dict[str, str]) -> Path:
    folder = tmp_path / "snap"
    manifest = []
    for url, html in pages.items():
        rel = url.split("://", 1)[1]
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(html, encoding="utf-8")
        manifest.append({"url": url, "file": rel, "kind": "list", "region": "乙市", "encoding": "utf-8"})
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    return folder


def test_next_pointing_to_itself_does_not_loop(tmp_path):
    url = "https://tjj.yi.gov.cn/tjxx/list.html"
    folder = _build(tmp_path, {url: _list_html([("/d/1.html", "2020年全市经济运行情况")], '<a href="list.html">下一页</a>')})
    with SnapshotServer(folder) as server:
        result = crawl_list(_client(server), ListSource(url=url, region="乙市"), {}, {})
    assert [p.url for p in result.list_pages] == [url]
    assert [d.url for d in result.details] == ["https://tjj.yi.gov.cn/d/1.html"]


def test_cycle_of_pages_visits_each_once(tmp_path):
    a = "https://tjj.yi.gov.cn/tjxx/list.html"
    b = "https://tjj.yi.gov.cn/tjxx/list_2.html"
    folder = _build(tmp_path, {
        a: _list_html([("/d/1.html", "2020年全市经济运行情况")], '<a href="list_2.html">下一页</a>'),
        b: _list_html([("/d/2.html", "2019年全市经济运行情况")], '<a href="list.html">1</a> <a href="list.html">下一页</a>'),
    })
    with SnapshotServer(folder) as server:
        result = crawl_list(_client(server), ListSource(url=a, region="乙市"), {}, {})
    assert [p.url for p in result.list_pages] == [a, b]
    assert [d.url for d in result.details] == ["https://tjj.yi.gov.cn/d/1.html", "https://tjj.yi.gov.cn/d/2.html"]


def test_max_pages_on_a_long_chain(tmp_path):
    urls = [f"https://tjj.yi.gov.cn/tjxx/list_{i}.html" for i in range(1, 7)]
    pages = {}
    for i, url in enumerate(urls):
        nav = f'<a href="list_{i + 2}.html">下一页</a>' if i + 1 < len(urls) else ""
        pages[url] = _list_html([(f"/d/{i}.html", f"2020年{i + 1}月全市经济运行情况")], nav)
    folder = _build(tmp_path, pages)
    with SnapshotServer(folder) as server:
        result = crawl_list(_client(server), ListSource(url=urls[0], region="乙市", max_pages=3), {}, {})
    assert [p.url for p in result.list_pages] == urls[:3]
    assert [d.title for d in result.details] == ["2020年1月全市经济运行情况", "2020年2月全市经济运行情况",
                                                 "2020年3月全市经济运行情况"]


def test_pagination_to_another_host_is_not_followed(tmp_path):
    a = "https://tjj.yi.gov.cn/tjxx/list.html"
    other = "https://www.elsewhere.cn/tjxx/list_2.html"
    folder = _build(tmp_path, {
        a: _list_html([("/d/1.html", "2020年全市经济运行情况")], f'<a href="{other}">下一页</a>'),
        other: _list_html([("/d/2.html", "2019年全市经济运行情况")]),
    })
    with SnapshotServer(folder) as server:
        result = crawl_list(_client(server), ListSource(url=a, region="乙市", allow_hosts=("www.elsewhere.cn",)), {}, {})
    assert [p.url for p in result.list_pages] == [a]


def test_missing_page_is_an_error_and_the_crawl_goes_on(tmp_path):
    a = "https://tjj.yi.gov.cn/tjxx/list.html"
    folder = _build(tmp_path, {
        a: _list_html([("/d/1.html", "2020年全市经济运行情况")],
                      '<a href="list_2.html">2</a> <a href="list_3.html">3</a>'),
        "https://tjj.yi.gov.cn/tjxx/list_3.html": _list_html([("/d/3.html", "2018年全市经济运行情况")]),
    })
    with SnapshotServer(folder) as server:
        result = crawl_list(_client(server), ListSource(url=a, region="乙市"), {}, {})
    assert [p.url for p in result.list_pages] == [a, "https://tjj.yi.gov.cn/tjxx/list_3.html"]
    assert result.errors == ["https://tjj.yi.gov.cn/tjxx/list_2.html: HTTP 404 after 1 attempt(s)"]
    assert [d.url for d in result.details] == ["https://tjj.yi.gov.cn/d/1.html", "https://tjj.yi.gov.cn/d/3.html"]
