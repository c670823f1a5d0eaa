"""Documents from HTML pages of different layouts and from plain-text files (tests/fixtures/pages)."""
from __future__ import annotations

from pathlib import Path

import pytest

from plangap.transform.document import load_document, looks_like_html, parse_text
from plangap.transform.errors import DecodeError, ParseError
from plangap.transform.records import Heading
from plangap.transform.text.html_body import guess_year, parse_html

PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"


def _bytes(name: str, encoding: str = "utf-8") -> bytes:
    return (PAGES / name).read_text(encoding="utf-8").encode(encoding)


@pytest.fixture(scope="module")
def div_doc():
    return load_document(_bytes("article_div.html"), "article_div.html", "text/html; charset=utf-8",
                         url="https://www.jia.gov.cn/zwgk/2020/1.html")


@pytest.fixture(scope="module")
def table_doc():
    # the table layout is saved as an older site serves it: GB18030 bytes labelled gb2312
    return load_document(_bytes("article_table_layout.html", "gb18030"), "article_table_layout.html")


# --- div.article > p ------------------------------------------------------------------------


def test_div_article_body_text(div_doc):
    assert div_doc.text == "\n".join([
        "一、主要预期目标。全市地区生产总值增长百分之六左右，一般公共预算收入增长百分之五。",
        "二、重点工作任务",
        "全年新增城镇就业八万人以上，城镇登记失业率控制在百分之三以内。附件",
        "指标 | 单位 | 目标",
        "地区生产总值增速 | % | 6",
        "新增城镇就业 | 万人 | 8",
        "各地各部门要抓好落实，确保各项目标任务如期完成。",
    ])


def test_div_article_excludes_nav_footer_and_metadata(div_doc):
    for chrome in ("政务公开", "版权所有", "索引号", "000000001/2020-00012", "甲市人民政府办公室"):
        assert chrome not in div_doc.text


def test_div_article_metadata_from_th_td_pairs(div_doc):
    assert div_doc.meta == {
        "信息名称": "甲市2020年政府工作要点",
        "索引号": "000000001/2020-00012",
        "发布机构": "甲市人民政府办公室",
        "生成日期": "2020-02-18",
    }
    assert div_doc.published == "2020-02-18"


def test_div_article_title_year_url_encoding(div_doc):
    assert div_doc.title == "甲市2020年政府工作要点"
    assert div_doc.year == 2020
    assert div_doc.url == "https://www.jia.gov.cn/zwgk/2020/1.html"
    assert div_doc.encoding == "utf-8"


def test_div_article_heading(div_doc):
    assert div_doc.headings == [Heading(text="二、重点工作任务", level=2, start=42, end=50)]
    h = div_doc.headings[0]
    assert div_doc.text[h.start:h.end] == h.text


def test_div_article_table_rows_and_spans(div_doc):
    [table] = div_doc.tables
    assert table.header == ["指标", "单位", "目标"]
    assert table.rows == [["地区生产总值增速", "%", "6"], ["新增城镇就业", "万人", "8"]]
    assert div_doc.text[slice(*table.header_span)] == "指标 | 单位 | 目标"
    assert [div_doc.text[s:e] for s, e in table.row_spans] == [" | ".join(r) for r in table.rows]
    lines = div_doc.text.split("\n")
    assert [div_doc.text[s:e] for s, e in table.row_spans] == lines[4:6]


# --- table-based layout, article in a td ------------------------------------------------------


def test_table_layout_body_is_the_article_cell(table_doc):
    assert table_doc.text == "\n".join([
        "乙市2021年上半年经济运行情况",
        "上半年，全市经济运行稳中加固，主要指标增速保持在合理区间。",
        "全市实现地区生产总值三千二百亿元，按可比价格计算，同比增长百分之十二点五。",
        "规模以上工业增加值同比增长百分之十八，社会消费品零售总额增长百分之二十三。",
    ])
    assert table_doc.tables == []  # the layout table is not a data table


def test_table_layout_metadata_from_key_value_spans(table_doc):
    assert table_doc.meta == {"索引号": "000000002/2021-00034", "发布机构": "乙市统计局", "发布日期": "2021年7月20日"}
    assert table_doc.published == "2021-07-20"


def test_table_layout_title_year_encoding(table_doc):
    assert table_doc.title == "乙市2021年上半年经济运行情况"  # from <title>, site name cut
    assert table_doc.year == 2021
    assert table_doc.encoding == "gb18030"
    assert table_doc.url is None


# --- long menu of links and a short article ---------------------------------------------------


def test_long_link_menu_does_not_win_over_short_article():
    doc = load_document(_bytes("article_long_nav.html"), "https://www.bing.gov.cn/tjgb/2019.html")
    assert doc.text == "丙市2019年统计公报摘要\n全年全市地区生产总值增长百分之七，居民人均可支配收入增长百分之八。"
    assert doc.title == "丙市2019年统计公报摘要"
    assert doc.year == 2019
    assert doc.meta == {}
    assert doc.published is None
    assert doc.url == "https://www.bing.gov.cn/tjgb/2019.html"


# --- errors ---------------------------------------------------------------------------------


def test_page_with_only_links_is_parse_error():
    with pytest.raises(ParseError) as err:
        load_document(_bytes("links_only.html"), "links_only.html")
    assert str(err.value) == "links_only.html: no article body found (no block of text outside navigation and links)"


def test_binary_input_is_decode_error_naming_the_source():
    with pytest.raises(DecodeError) as err:
        load_document(b"\x89PNG\r\n\x1a\n\x00\x00", "chart.png")
    assert str(err.value) == "chart.png: binary content, not a text or HTML page"


# --- metadata details -----------------------------------------------------------------------


def test_metadata_value_with_colons_and_spaced_key():
    html = ("<html><body><div class='info'><span>发布日期：2021-07-20 10:30:00</span>"
            "<span>索 引 号: 11/2021-7</span></div>"
            "<div><p>一季度全市地区生产总值同比增长百分之十八点二，规模以上工业增加值增长百分之三十。</p></div>"
            "</body></html>")
    doc = parse_html(html, "inline")
    assert doc.meta == {"发布日期": "2021-07-20 10:30:00", "索引号": "11/2021-7"}
    assert doc.published == "2021-07-20"
    assert doc.text == "一季度全市地区生产总值同比增长百分之十八点二，规模以上工业增加值增长百分之三十。"


def test_metadata_line_with_several_pairs():
    html = ("<html><body><p>信息名称：2019年甲市统计公报 索引号：1/2019-3 生成日期：2019-03-01</p>"
            "<div><p>二〇一九年全市地区生产总值增长百分之六点八，居民人均可支配收入增长百分之八点二。</p></div>"
            "</body></html>")
    doc = parse_html(html, "inline")
    assert doc.meta == {"信息名称": "2019年甲市统计公报", "索引号": "1/2019-3", "生成日期": "2019-03-01"}
    assert doc.title == "2019年甲市统计公报"
    assert doc.year == 2019
    assert "索引号" not in doc.text


# --- plain-text input -----------------------------------------------------------------------


def test_plain_text_strips_source_and_note_lines():
    doc = load_document(_bytes("release.txt"), "release.txt", "text/plain")
    assert doc.text == ("丁市2021年一季度经济运行情况\n"
                        "一季度，全市地区生产总值同比增长百分之十八点二。\n"
                        "规模以上工业增加值增长百分之三十。")
    assert doc.url == "https://tjj.ding.gov.cn/tjxx/2021/q1.html"
    assert doc.meta == {
        "source": "https://tjj.ding.gov.cn/tjxx/2021/q1.html",
        "note": "saved by hand; the table was flattened",
        "索引号": "000000003/2021-00005",
        "发布机构": "丁市统计局",
        "生成日期": "2021-04-22",
    }
    assert doc.title == "丁市2021年一季度经济运行情况"
    assert doc.year == 2021
    assert doc.published == "2021-04-22"
    assert doc.encoding == "utf-8"


def test_plain_text_url_argument_wins():
    doc = load_document(_bytes("release.txt"), "release.txt", url="https://x.gov.cn/a.html")
    assert doc.url == "https://x.gov.cn/a.html"


def test_plain_text_with_only_header_lines_is_parse_error():
    with pytest.raises(ParseError) as err:
        parse_text("source: https://a.gov.cn/1.html\nnote: empty\n\n", "empty.txt")
    assert str(err.value) == "empty.txt: no text after the header lines"


def test_looks_like_html():
    assert looks_like_html("<!DOCTYPE html><html><body></body></html>")
    assert looks_like_html("<p>段落</p>")
    assert not looks_like_html("source: x\n全年增长6%，<5%的部分")


@pytest.mark.parametrize("title, meta, year", [
    ("2020年市政府重点工作", {}, 2020),
    ("市政府重点工作", {"信息名称": "2021年市政府重点工作"}, 2021),
    ("1-8月全市实际到账外资情况", {}, None),
    (None, {}, None),
])
def test_guess_year(title, meta, year):
    assert guess_year(title, meta) == year
