"""List pages: detail links chosen by title, pagination links, menus excluded."""
from __future__ import annotations

from pathlib import Path

import pytest

from plangap.transform.errors import ParseError
from plangap.transform.listing import Link, parse_list_page

PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"
BASE = "https://tjj.jia.gov.cn/tjsj/fb/index.html"
SNAPSHOT = Path(__file__).resolve().parent.parent / "snapshot"


@pytest.fixture(scope="module")
def numbered():
    return parse_list_page((PAGES / "list_numbered.html").read_text(encoding="utf-8"), BASE)


def test_detail_links_by_title(numbered):
    assert numbered.details == [
        Link("https://tjj.jia.gov.cn/tjsj/2022/0315/gb2021.html", "甲市2021年国民经济和社会发展统计公报", "bulletin"),
        Link("https://tjj.jia.gov.cn/tjsj/2021/1020/q3.html", "2021年前三季度甲市经济运行情况", "release"),
        Link("https://tjj.jia.gov.cn/tjsj/2021/0918/m8.html", "2021年1-8月全市主要经济指标", "release"),
        Link("https://tjj.jia.gov.cn/tjsj/2021/0716/h1.html", "2021年上半年全市经济运行情况", "release"),
    ]


def test_title_attribute_beats_truncated_text(numbered):
    [q3] = [d for d in numbered.details if d.url.endswith("q3.html")]
    assert q3.title == "2021年前三季度甲市经济运行情况"


def test_fragment_is_dropped_and_duplicates_merged(numbered):
    urls = [d.url for d in numbered.details]
    assert urls.count("https://tjj.jia.gov.cn/tjsj/2021/0716/h1.html") == 1
    assert not any("#" in u for u in urls)


def test_menu_nav_footer_and_unrelated_links_excluded(numbered):
    urls = {d.url for d in numbered.details}
    for excluded in ("/tjsj/gb/index.html",         # in <nav>
                     "/tjsj/yb/index.html",         # in <nav>
                     "/tjsj/jd/index.html",         # nested five levels inside div.site-menu
                     "/about.html",                 # footer
                     "/tjsj/2021/0601/notice.html"  # a title that is not statistics
                     ):
        assert "https://tjj.jia.gov.cn" + excluded not in urls


def test_pagination_numbered_next_and_last(numbered):
    assert numbered.pages == [
        "https://tjj.jia.gov.cn/tjsj/fb/index_2.html",
        "https://tjj.jia.gov.cn/tjsj/fb/index_3.html",
        "https://tjj.jia.gov.cn/tjsj/fb/index_9.html",
    ]


def test_numbered_link_to_another_folder_is_not_pagination(numbered):
    assert "https://tjj.jia.gov.cn/tjsj/other/4.html" not in numbered.pages
    assert "https://tjj.jia.gov.cn/tjsj/other/4.html" not in {d.url for d in numbered.details}


def test_link_to_itself_is_not_a_page():
    html = (PAGES / "list_self_next.html").read_text(encoding="utf-8")
    page = parse_list_page(html, "https://tjj.yi.gov.cn/tjxx/list.html")
    assert page.pages == []
    assert page.details == [Link("https://tjj.yi.gov.cn/tjxx/2020/1.html", "2020年全市经济运行情况", "release")]


@pytest.mark.parametrize("title, kind", [
    ("2020年乙市国民经济和社会发展统计公报", "bulletin"),
    ("2021年全市经济运行情况", "release"),
    ("2021年1-8月主要经济指标", "release"),
    ("2021年前三季度经济数据", "release"),
    ("2020年上半年经济运行简况", "release"),
    ("2021年一季度经济运行", "release"),
    ("2021年11月统计月报", "release"),
])
def test_title_patterns(title, kind):
    html = f'<html><body><ul><li><a href="/d/1.html">{title}</a></li></ul></body></html>'
    page = parse_list_page(html, "https://tjj.yi.gov.cn/list.html")
    assert page.details == [Link("https://tjj.yi.gov.cn/d/1.html", title, kind)]


@pytest.mark.parametrize("title", ["关于召开工作会议的通知", "局领导", "统计公报", "联系我们"])
def test_other_titles_are_not_details(title):
    html = f'<html><body><ul><li><a href="/d/1.html">{title}</a></li></ul></body></html>'
    assert parse_list_page(html, "https://tjj.yi.gov.cn/list.html").details == []


def test_next_page_by_text_and_query_string():
    html = ('<html><body><ul><li><a href="/d/9.html">2019年统计公报全文</a></li></ul>'
            '<div><a href="?page=2">下一页</a> <a href="javascript:next()">></a> <a href="#">2</a></div></body></html>')
    page = parse_list_page(html, "https://tjj.yi.gov.cn/list.html")
    assert page.pages == ["https://tjj.yi.gov.cn/list.html?page=2"]


def test_bundled_list_page():
    html = (SNAPSHOT / "tjj.changzhou.gov.cn/html/tjj/tjgb/list_2.html").read_text(encoding="utf-8")
    page = parse_list_page(html, "https://tjj.changzhou.gov.cn/html/tjj/tjgb/list_2.html")
    assert page.details == [
        Link("https://tjj.changzhou.gov.cn/html/tjj/2021/TJGB0000_0301/2020.html", "2020年常州市国民经济和社会发展统计公报", "bulletin"),
        Link("https://tjj.changzhou.gov.cn/html/tjj/2020/TJXX0000_0720/h1.html", "2020年上半年全市经济运行情况", "release"),
    ]
    assert page.pages == ["https://tjj.changzhou.gov.cn/html/tjj/tjgb/list_3.html"]


def test_unparseable_list_page_is_parse_error():
    with pytest.raises(ParseError) as err:
        parse_list_page("", "https://tjj.yi.gov.cn/list.html")
    assert str(err.value).startswith("https://tjj.yi.gov.cn/list.html: list page not parseable")
