"""The review reader and the target reader read a plan page at one plan year: the year the text
names (transform/parts_year.resolve_plan_year), also when the page's title names the reviewed
year or the registry's plan year contradicts the text (transform/parts_page.py). The review of a
report delivered in 2026 describes 2025, whatever Document.year says.

The reports here are written for these tests (a made-up city and made-up figures)."""
from __future__ import annotations

import pytest

from plangap.transform.document import load_document
from plangap.transform.facts.review import review_facts
from plangap.transform.page import ExtractedPage, PageInput, extract_page
from plangap.transform.parts_page import PlanPageParts
from plangap.transform.records import Document
from plangap.transform.targets import extract_targets

DELIVERED = "——2026年2月3日在松岚市第九届人民代表大会第四次会议上"

BODY = """各位代表：
现在，我代表市人民政府，向大会报告政府工作，请予审议。
一、过去一年工作回顾
过去一年，全市地区生产总值增长5.2%，规模以上工业增加值增长6.3%。
城镇新增就业2.6万人，居民人均可支配收入增长5.1%。
二、今年工作安排
2026年主要预期目标是：地区生产总值增长5%左右，城镇新增就业2.5万人以上，居民人均可支配收入增长与经济增长同步。
"""

#: a site that titles the 2026 report by the year it reviews
REVIEWED_TITLE = "松岚市2025年工作回顾和2026年工作安排"


def _html(title: str, delivered: bool) -> bytes:
    lines = ([DELIVERED] if delivered else []) + BODY.splitlines()
    paragraphs = "".join(f"<p>{line}</p>" for line in lines)
    return (f"<html><head><title>{title}</title></head><body><h1>{title}</h1>"
            f"<div class='article'>{paragraphs}</div></body></html>").encode()


def _page(title: str, plan_year: int | None, delivered: bool = True) -> PageInput:
    return PageInput(page_id=7, url="https://www.songlan.gov.cn/zwgk/gzbg/7.html", kind="plan", region="松岚市",
                     content=_html(title, delivered), plan_year=plan_year)


def _gdp_growth_periods(got: ExtractedPage) -> list[str | None]:
    return [f.period for f in got.facts if f.measure == "growth_pct" and f.value == 5.2]


def _read(page: PageInput) -> ExtractedPage:
    got = extract_page(page)
    assert got.error is None and got.targets and got.facts
    return got


@pytest.mark.parametrize("delivered", [True, False])
def test_a_title_naming_the_reviewed_year_dates_the_review_by_the_report(delivered):
    got = _read(_page(REVIEWED_TITLE, plan_year=2026, delivered=delivered))
    assert got.meta is not None and got.meta.year == 2025  # Document.year: the title's first year
    assert {t.year for t in got.targets} == {2026}
    assert _gdp_growth_periods(got) == ["2025"]
    assert {f.period for f in got.facts} == {"2025"}


@pytest.mark.parametrize("registry_year", [2019, 2024])
def test_a_registry_year_the_text_contradicts_yields_to_the_text(registry_year):
    got = _read(_page("松岚市政府工作报告", plan_year=registry_year))
    assert got.meta is not None and got.meta.year == registry_year
    assert {t.year for t in got.targets} == {2026}
    assert _gdp_growth_periods(got) == ["2025"]
    assert {f.period for f in got.facts} == {"2025"}


@pytest.mark.parametrize("title,registry_year", [(REVIEWED_TITLE, 2026), ("松岚市政府工作报告", 2019)])
def test_both_readers_read_the_page_at_one_year_split_once(title, registry_year):
    page = _page(title, plan_year=registry_year)
    doc = load_document(page.content, page.url, url=page.url)
    if doc.year is None:
        doc.year = page.plan_year
    parts = PlanPageParts(doc)
    targets = extract_targets(doc, parts)
    facts = review_facts(doc, page=parts)
    assert parts.plan_year == 2026
    assert parts.split_years == (2026,)
    got = extract_page(page)
    assert list(got.targets) == targets and list(got.facts) == facts
    assert facts == review_facts(doc)  # the reader on its own reads the same year


def test_the_review_follows_the_year_the_text_names_not_the_documents():
    doc = Document(text=DELIVERED + "\n" + BODY, title=REVIEWED_TITLE, year=2025)
    assert {f.period for f in review_facts(doc)} == {"2025"}
    later = Document(text=DELIVERED.replace("2026年", "2027年") + "\n" + BODY.replace("2026年", "2027年"),
                     title="松岚市政府工作报告", year=2025)
    assert {f.period for f in review_facts(later)} == {"2026"}
