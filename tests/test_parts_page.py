"""A plan page is split once by the page reader and its parts handed to both readers of parts
(transform/parts_page.py): what the page reader returns is what each reader finds on its own,
also when the title or the registry names another year than the text (both read the text's).

The reports here are written for these tests (made-up places and figures)."""
from __future__ import annotations

import pytest

from plangap.transform.document import load_document
from plangap.transform.facts.review import review_facts
from plangap.transform.page import PageInput, extract_page
from plangap.transform.parts import split_parts
from plangap.transform.parts_page import PlanPageParts
from plangap.transform.records import Document
from plangap.transform.targets import extract_targets

BODY = """——2026年1月20日在青禾市第十届人民代表大会第五次会议上
各位代表：
现在，我代表市人民政府，向大会报告工作，请予审议。
一、过去一年工作回顾
过去一年，全市地区生产总值增长5.6%，一般公共预算收入完成420亿元、增长3.1%。
城镇新增就业3.2万人，居民消费价格上涨0.4%。
二、“十四五”时期发展成就
五年来，全市地区生产总值年均增长5.8%，常住人口城镇化率提高到63.5%。
三、今年工作安排
今年经济社会发展的主要预期目标是：地区生产总值增长5%以上，城镇新增就业3万人以上。
新建5G基站800个，改造老旧小区30个。
"""

#: the title names the year the text names, the reviewed year (Document.year 2025, the year of
#: the report's delivery 2026), or no year at all (the registry's year, which may contradict the
#: text's); the readers split at the text's year in each case
TITLES = ["青禾市2026年政府工作报告", "青禾市2025年工作回顾", "青禾市政府工作报告"]


def _html(title: str) -> bytes:
    paragraphs = "".join(f"<p>{line}</p>" for line in BODY.splitlines())
    return (f"<html><head><title>{title}</title></head><body><h1>{title}</h1>"
            f"<div class='article'>{paragraphs}</div></body></html>").encode()


def _plan_doc(page: PageInput) -> Document:
    """The document as the page reader makes it (transform/page.py)."""
    doc = load_document(page.content, page.url, page.content_type, url=page.url, max_numbers=page.max_numbers)
    if doc.year is None:
        doc.year = page.plan_year
    return doc


@pytest.mark.parametrize("title", TITLES)
@pytest.mark.parametrize("plan_year", [2026, 2019, None])
def test_the_page_reader_returns_what_each_reader_finds_on_its_own(title, plan_year):
    page = PageInput(page_id=1, url="https://www.qinghe.gov.cn/zfgzbg/1.html", kind="plan", region="青禾市",
                     content=_html(title), plan_year=plan_year)
    got = extract_page(page)
    assert got.error is None and got.targets
    doc = _plan_doc(page)
    assert list(got.targets) == extract_targets(doc)
    assert list(got.facts) == review_facts(doc)


@pytest.mark.parametrize("title", TITLES)
def test_the_parts_of_each_year_are_those_of_split_parts(title):
    doc = Document(text=BODY, title=title, year=2025)
    page = PlanPageParts(doc)
    for year in (None, 2019, 2025, 2026):
        assert list(page.at_year(year)) == split_parts(doc, plan_year=year, kind="plan")


def test_a_page_is_split_once_for_the_year_its_text_names():
    doc = Document(text=BODY, title=TITLES[0])
    page = PlanPageParts(doc)
    assert page.plan_year == 2026
    assert page.at_year(None) is page.at_year(2026)


def test_a_reader_asking_another_year_gets_the_parts_of_that_year():
    doc = Document(text=BODY, title=TITLES[1], year=2025)
    page = PlanPageParts(doc)
    assert page.plan_year == 2026  # both readers' year, not doc.year
    assert page.parts is page.at_year(2026)
    assert page.at_year(2025) != page.at_year(2026)
    assert page.at_year(2025) is page.at_year(2025)
    assert page.split_years == (2026, 2025)


def test_parts_of_another_document_are_refused():
    page = PlanPageParts(Document(text=BODY, title=TITLES[0]))
    with pytest.raises(ValueError, match="another document"):
        review_facts(Document(text=BODY, title=TITLES[0]), page=page)


def test_an_empty_page_has_no_parts():
    assert PlanPageParts(Document(text="")).at_year(2026) == ()
